// The Idempotency-Key protocol shared by the reference backend's write routes.
import type { Request, Response } from 'express';
import { ProblemType } from '../../src/welfare/contract.js';
import type { Ledger } from '../ledger.js';
import { problem } from '../problem.js';

const KEY = /^[\x21-\x7e]{8,200}$/;

function idempotencyKeyOf(req: Request): string {
  const key = req.get('Idempotency-Key');
  if (!key || !KEY.test(key)) {
    throw problem(ProblemType.idempotencyKeyRequired, 400, 'Send an Idempotency-Key header of 8 to 200 visible ASCII characters.', [
      { path: 'headers.idempotency-key', message: key ? 'malformed' : 'required' },
    ]);
  }
  return key;
}

/**
 * Runs `create` once per key: a retry with the same body gets the stored answer,
 * the same key with another body is a 409. Only successes are remembered, so a
 * request refused for a passing reason (a full slot) can be retried.
 */
export function onceForKey(ledger: Ledger, scope: string, req: Request, res: Response, create: () => unknown): void {
  const key = idempotencyKeyOf(req);
  const seen = ledger.recall(scope, key, req.body);
  if (seen.kind === 'conflict') throw problem(ProblemType.idempotencyConflict, 409, 'This Idempotency-Key was used for a different request.');
  if (seen.kind === 'replay') {
    res.status(seen.status).set('Idempotent-Replayed', 'true').json(seen.body);
    return;
  }
  const body = create();
  ledger.remember(scope, key, req.body, 201, body);
  res.status(201).json(body);
}
