// Grocery-voucher routes of the reference backend: apply (idempotent), read the status, back-office decision.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { ProblemType, VoucherApplicationRequest, VoucherStatusUpdate, type VoucherApplication } from '../../src/welfare/contract.js';
import { isoAt, type BackendContext } from '../context.js';
import { parseOr400, problem } from '../problem.js';
import { canMove, statusExplanation, voucherAmount } from '../vouchers.js';
import { requireValidFiscalCode } from './bookings.js';
import { onceForKey } from './idempotency.js';

export function voucherRoutes(ctx: BackendContext): Router {
  const router = Router();

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
      ctx.ledger.addVoucherApplication({ application, applicant: request.applicant });
      return application;
    });
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
    res.json(stored.application);
  });

  return router;
}
