// Booking routes of the reference backend: book a slot (idempotent, optionally paid with welfare credit), list a person's bookings, cancel.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { BookingListQuery, BookingLookupQuery, BookingRequest, ProblemType, type Booking } from '../../src/welfare/contract.js';
import { bookingTotal } from '../../src/welfare/booking-price.js';
import { isValidFiscalCode } from '../../src/welfare/fiscal-code.js';
import { isoAt, serviceOr404, type BackendContext } from '../context.js';
import { evaluateEligibility, validateAnswers } from '../eligibility.js';
import { parseOr400, problem } from '../problem.js';
import { findSlot } from '../slots.js';
import { chargeFor, euro } from '../welfare-accounts.js';
import { onceForKey } from './idempotency.js';

export function requireValidFiscalCode(code: string, path: string): void {
  if (!isValidFiscalCode(code)) {
    throw problem(ProblemType.invalidFiscalCode, 422, 'The fiscal code is not valid: check its letters and digits.', [
      { path, message: 'fails the fiscal code check' },
    ]);
  }
}

export function bookingRoutes(ctx: BackendContext): Router {
  const router = Router();

  router.post('/bookings', (req, res) => {
    onceForKey(ctx.ledger, 'bookings', req, res, () => {
      const request = parseOr400(BookingRequest, req.body);
      const service = serviceOr404(ctx, request.serviceId);
      if (service.access !== 'booking') {
        throw problem(ProblemType.notBookable, 422, 'This service is requested with an application, not a booking.');
      }
      requireValidFiscalCode(request.person.fiscalCode, 'person.fiscalCode');
      const now = ctx.now();
      const answerProblems = validateAnswers(ctx.catalogue, service, request.answers, now);
      if (answerProblems.length) throw problem(ProblemType.validation, 422, 'Some answers are not valid for this service.', answerProblems);
      // Never trust the client's word on eligibility: the rules are checked again here.
      const eligibility = evaluateEligibility(ctx.catalogue, service, request.answers, now);
      if (eligibility.outcome !== 'eligible') {
        const unmet = eligibility.criteria
          .filter((c) => c.met !== true)
          .map((c) => ({ path: `answers.${c.id}`, message: c.explanation.en ?? c.explanation.it }));
        throw problem(ProblemType.notEligible, 422, 'The answers do not meet the service criteria.', unmet);
      }
      const slot = findSlot(service, ctx.municipalitiesById, request.slotId, now);
      if (!slot)
        throw problem(ProblemType.slotUnavailable, 422, 'The slot does not exist or is in the past.', [{ path: 'slotId', message: 'not bookable' }]);
      if (ctx.ledger.hasActiveBooking(request.person.fiscalCode, slot.id)) {
        throw problem(ProblemType.alreadyBooked, 409, 'This person already has a booking for this slot.');
      }
      // a slot of three hours at a price per hour costs three times that price, and so much credit is charged
      const total = bookingTotal(eligibility.price, slot);
      const charge = request.payment && chargeFor(ctx, request.payment, service, total, now);
      const booking: Booking = {
        id: randomUUID(),
        reference: ctx.ledger.nextReference('WBC', now.setZone('Europe/Rome').year),
        status: 'confirmed',
        service: { id: service.id, name: service.name, ...(service.shortName ? { shortName: service.shortName } : {}) },
        slot: { id: slot.id, start: slot.start, end: slot.end, municipality: slot.municipality, delivery: slot.delivery },
        price: eligibility.price,
        total,
        createdAt: isoAt(now),
      };
      const stored = { booking, fiscalCode: request.person.fiscalCode, capacity: slot.capacity };
      const outcome = ctx.ledger.book(request.ownerKey ? { ...stored, ownerKey: request.ownerKey } : stored, charge);
      if (outcome.ok) return outcome.booking;
      if (outcome.reason === 'insufficient_credit') {
        throw problem(
          ProblemType.insufficientCredit,
          409,
          `The welfare account has ${euro(outcome.available)} of credit; this booking needs ${euro(total)}.`,
        );
      }
      throw problem(ProblemType.slotFull, 409, 'Every seat of this slot is taken: choose another slot.');
    });
  });

  // Only the chat identity that booked lists its bookings: a fiscal code alone never lists anything.
  router.get('/bookings', (req, res) => {
    const { ownerKey } = parseOr400(BookingListQuery, req.query);
    res.json({ items: ctx.ledger.bookingsOwnedBy(ownerKey) });
  });

  // A booking made from another chat: its reference and its fiscal code, both, or nothing.
  router.get('/bookings/lookup', (req, res) => {
    const query = parseOr400(BookingLookupQuery, req.query);
    requireValidFiscalCode(query.fiscalCode, 'fiscalCode');
    const booking = ctx.ledger.bookingByReference(query.reference, query.fiscalCode);
    if (!booking) throw problem(ProblemType.notFound, 404, 'No booking has this reference and this fiscal code.');
    res.json(booking);
  });

  router.post('/bookings/:id/cancel', (req, res) => {
    const at = isoAt(ctx.now());
    const booking = ctx.ledger.cancel(req.params.id, at);
    if (!booking) throw problem(ProblemType.notFound, 404, 'There is no such booking.');
    res.json(booking);
  });

  return router;
}
