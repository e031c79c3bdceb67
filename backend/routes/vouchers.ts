// Grocery-voucher routes of the reference backend: apply (idempotent), read the status, back-office decision and its events.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import {
  ProblemType,
  VoucherApplicationRequest,
  VoucherChangesQuery,
  VoucherLookupQuery,
  VoucherStatusUpdate,
  type VoucherApplication,
  type VoucherChangeFeed,
  type VoucherStatusChangedEvent,
} from '../../src/welfare/contract.js';
import type { Ledger } from '../ledger.js';
import { isoAt, type BackendContext } from '../context.js';
import { parseOr400, problem } from '../problem.js';
import { canMove, statusExplanation, voucherAmount } from '../vouchers.js';
import { requireValidFiscalCode } from './bookings.js';
import { onceForKey } from './idempotency.js';

// Opaque to clients: the ledger's epoch and a position in its event log.
const encodeCursor = (ledger: Ledger, position: number) => Buffer.from(`${ledger.epoch}:${position}`).toString('base64url');

function positionOf(ledger: Ledger, cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^([0-9a-f]+):(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw problem(ProblemType.validation, 400, 'The cursor is not one this feed gave out.', [{ path: 'after', message: 'malformed' }]);
  // a cursor from before a restart: this run's log is all new to the receiver
  return match[1] === ledger.epoch ? Number(match[2]) : 0;
}

export function voucherRoutes(ctx: BackendContext): Router {
  const router = Router();

  // before /:id, which would take "changes" for an id
  router.get('/voucher-applications/changes', (req, res) => {
    const query = parseOr400(VoucherChangesQuery, req.query);
    const page = ctx.ledger.voucherEventsAfter(positionOf(ctx.ledger, query.after), query.limit);
    const feed: VoucherChangeFeed = { items: page.items, cursor: encodeCursor(ctx.ledger, page.position) };
    res.json(feed);
  });

  router.post('/voucher-applications', (req, res) => {
    onceForKey(ctx.ledger, 'voucher-applications', req, res, () => {
      const request = parseOr400(VoucherApplicationRequest, req.body);
      const municipality = ctx.municipalitiesById.get(request.municipality);
      if (!municipality) {
        throw problem(ProblemType.validation, 422, 'Grocery vouchers are only for residents of the five municipalities.', [
          { path: 'municipality', message: `unknown municipality "${request.municipality}"` },
        ]);
      }
      requireValidFiscalCode(request.applicant.fiscalCode, 'applicant.fiscalCode');
      const pending = ctx.ledger.pendingVoucherApplication(request.applicant.fiscalCode);
      if (pending) {
        throw problem(ProblemType.voucherPending, 409, 'This household already has an application being examined.', undefined, {
          pendingReference: pending.reference,
        });
      }
      const now = isoAt(ctx.now());
      const application: VoucherApplication = {
        id: randomUUID(),
        reference: ctx.ledger.nextReference('BSP', ctx.now().setZone('Europe/Rome').year),
        status: 'submitted',
        explanation: statusExplanation('submitted', municipality, null),
        municipality: municipality.id,
        householdSize: request.householdSize,
        amount: null,
        submittedAt: now,
        updatedAt: now,
      };
      const stored = { application, applicant: request.applicant };
      ctx.ledger.addVoucherApplication(request.ownerKey ? { ...stored, ownerKey: request.ownerKey } : stored);
      return application;
    });
  });

  // before /:id too; in any later conversation, with the code the resident kept and the applicant's fiscal code
  router.get('/voucher-applications/lookup', (req, res) => {
    const query = parseOr400(VoucherLookupQuery, req.query);
    requireValidFiscalCode(query.fiscalCode, 'fiscalCode');
    const application = ctx.ledger.voucherApplicationByReference(query.reference, query.fiscalCode);
    if (!application) throw problem(ProblemType.notFound, 404, 'No application has this code and this fiscal code.');
    res.json(application);
  });

  router.get('/voucher-applications/:id', (req, res) => {
    const stored = ctx.ledger.findVoucherApplication(req.params.id);
    if (!stored) throw problem(ProblemType.notFound, 404, 'There is no such application.');
    res.json(stored.application);
  });

  router.patch('/voucher-applications/:id', (req, res) => {
    const stored = ctx.ledger.findVoucherApplication(req.params.id);
    if (!stored) throw problem(ProblemType.notFound, 404, 'There is no such application.');
    const update = parseOr400(VoucherStatusUpdate, req.body);
    const current = stored.application;
    if (!canMove(current.status, update.status)) {
      throw problem(ProblemType.invalidTransition, 409, `An application that is ${current.status} cannot become ${update.status}.`);
    }
    const municipality = ctx.municipalitiesById.get(current.municipality)!;
    const amount = update.status === 'approved' ? voucherAmount(ctx.policy, current.householdSize) : null;
    stored.application = {
      ...current,
      status: update.status,
      amount,
      explanation: statusExplanation(update.status, municipality, amount, update.note),
      updatedAt: isoAt(ctx.now()),
    };
    const event: VoucherStatusChangedEvent = {
      id: randomUUID(),
      type: 'voucher_application.status_changed',
      occurredAt: stored.application.updatedAt,
      application: stored.application,
    };
    ctx.ledger.appendVoucherEvent(event);
    ctx.notify(event);
    res.json(stored.application);
  });

  return router;
}
