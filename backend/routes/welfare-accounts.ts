// Corporate welfare account routes of the reference backend: one account by its code, the accounts linked to a Teams user.
import { Router } from 'express';
import { ProblemType, WelfareAccountQuery } from '../../src/welfare/contract.js';
import type { BackendContext } from '../context.js';
import { parseOr400, problem } from '../problem.js';
import { linkedAccounts, toWelfareAccount } from '../welfare-accounts.js';

export function welfareAccountRoutes(ctx: BackendContext): Router {
  const router = Router();

  router.get('/welfare-accounts', (req, res) => {
    const { aadObjectId } = parseOr400(WelfareAccountQuery, req.query);
    res.json({ items: linkedAccounts(ctx, aadObjectId).map((a) => toWelfareAccount(ctx, a)) });
  });

  router.get('/welfare-accounts/:accountId', (req, res) => {
    const account = ctx.catalogue.welfare.accounts.get(req.params.accountId);
    if (!account) throw problem(ProblemType.notFound, 404, 'There is no such welfare account.');
    res.json(toWelfareAccount(ctx, account));
  });

  return router;
}
