// Read-only routes of the reference backend: municipalities, categories, services, eligibility and slots.
import { Router } from 'express';
import { z } from 'zod';
import { EligibilityRequest, ProblemType, ServiceQuery, SlotQuery, type Slot } from '../../src/welfare/contract.js';
import { serviceOr404, toService, toSummary, type BackendContext } from '../context.js';
import { evaluateEligibility, validateAnswers } from '../eligibility.js';
import { parseOr400, problem } from '../problem.js';
import { generateSlots, validateSlotRange } from '../slots.js';

const Cursor = z.coerce.number().int().min(0);

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const text = Buffer.from(cursor, 'base64url').toString();
  const offset = text.startsWith('o:') ? Cursor.safeParse(text.slice(2)) : undefined;
  if (!offset?.success) throw problem(ProblemType.validation, 400, 'The cursor is not valid.', [{ path: 'cursor', message: 'unknown cursor' }]);
  return offset.data;
}

export function catalogueRoutes(ctx: BackendContext): Router {
  const router = Router();

  router.get('/municipalities', (_req, res) => {
    res.json({ items: ctx.catalogue.municipalities });
  });

  router.get('/categories', (_req, res) => {
    res.json({ items: ctx.catalogue.categories });
  });

  router.get('/services', (req, res) => {
    const query = parseOr400(ServiceQuery, req.query);
    const offset = decodeCursor(query.cursor);
    const ranked = query.q ? ctx.search.search(query.q, query.lang) : ctx.catalogue.services.map((s) => s.id);
    const matching = ranked
      .map((id) => ctx.catalogue.services.find((s) => s.id === id)!)
      .filter((s) => !query.municipality || s.municipalities.includes(query.municipality))
      .filter((s) => !query.category || s.category === query.category)
      .filter((s) => !query.audience || s.audience.includes(query.audience))
      .filter((s) => !query.lifeEvent || s.lifeEvents.includes(query.lifeEvent));
    const page = matching.slice(offset, offset + query.limit);
    const next = offset + query.limit < matching.length ? encodeCursor(offset + query.limit) : null;
    res.json({ items: page.map((s) => toSummary(ctx, s)), nextCursor: next });
  });

  router.get('/services/:id', (req, res) => {
    res.json(toService(ctx, serviceOr404(ctx, req.params.id)));
  });

  router.post('/services/:id/eligibility', (req, res) => {
    const service = serviceOr404(ctx, req.params.id);
    const { answers } = parseOr400(EligibilityRequest, req.body);
    const today = ctx.now();
    const problems = validateAnswers(ctx.catalogue, service, answers, today);
    if (problems.length) throw problem(ProblemType.validation, 422, 'Some answers are not valid for this service.', problems);
    res.json(evaluateEligibility(ctx.catalogue, service, answers, today));
  });

  router.get('/services/:id/slots', (req, res) => {
    const service = serviceOr404(ctx, req.params.id);
    const query = parseOr400(SlotQuery, req.query);
    const now = ctx.now();
    const range = validateSlotRange(query.from, query.to, now);
    if (!range.ok) throw problem(ProblemType.validation, 400, range.reason, [{ path: 'from', message: range.reason }]);
    const home = query.municipality;
    if (home !== undefined && !ctx.municipalitiesById.has(home)) {
      throw problem(ProblemType.validation, 400, `unknown municipality "${home}"`, [
        { path: 'municipality', message: 'not a municipality of the network' },
      ]);
    }
    const slots: Slot[] = generateSlots(service, ctx.municipalitiesById, { from: range.from, to: range.to }, now)
      // a home visit comes only from the resident's own municipality: another town's operator never travels there
      .filter((slot) => home === undefined || slot.delivery !== 'at_home' || slot.municipality === home)
      .map((slot) => ({ ...slot, available: Math.max(0, slot.capacity - ctx.ledger.seatsTaken(slot.id)) }));
    res.json({ items: slots });
  });

  return router;
}
