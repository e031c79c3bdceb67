// Bearer-token check for the reference backend's API: refuses with a 401 problem; no token configured, no check.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ProblemType } from '../src/welfare/contract.js';
import { problem } from './problem.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests in constant time, so neither the token's length nor its prefix leaks through timing. */
export function bearerAuth(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer ([^\s]+)$/i.exec(req.get('authorization') ?? '');
    if (match?.[1] && timingSafeEqual(digest(match[1]), expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="welfare"');
    next(problem(ProblemType.unauthorized, 401, 'Send the configured token as "Authorization: Bearer <token>".'));
  };
}
