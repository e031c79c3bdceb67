// For the municipalities' operators: the searches residents made that found nothing, most frequent first, per
// language. Behind a bearer token from the configuration (OPERATOR_TOKEN); without one the route is not mounted.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { UnmetNeeds } from '../unmet/store.js';

const UnmetQuery = z.object({
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

/** Equal tokens, in a time that tells nothing of how much of a wrong one was right (hashes make the lengths equal). */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function createOperatorRouter(deps: { token: string; unmet: UnmetNeeds }): Router {
  const router = Router();
  router.use('/operator', (req, res, next) => {
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (given === undefined || !sameToken(given, deps.token)) {
      res.set('WWW-Authenticate', 'Bearer').status(401).json({ error: 'unauthorized' });
      return;
    }
    next();
  });
  router.get('/operator/unmet', async (req, res) => {
    const query = UnmetQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: 'lang: a language code such as "it"; limit: 1 to 1000' });
      return;
    }
    const { lang, limit } = query.data;
    const languages = lang ? [lang] : await deps.unmet.languages();
    const top = Object.fromEntries(await Promise.all(languages.map(async (l) => [l, await deps.unmet.top(l, limit)] as const)));
    res.set('Cache-Control', 'no-store').json({ top });
  });
  return router;
}
