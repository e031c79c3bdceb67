// Corporate welfare accounts of the reference backend: what a plan covers, an account as the contract shows it,
// and whether a booking may be paid with it. The balance itself lives in the ledger.
import type { DateTime } from 'luxon';
import { ROME } from '../src/calendar/holidays.js';
import { ProblemType, type Payment, type WelfareAccount, type WelfareAccountStatus } from '../src/welfare/contract.js';
import type { ServiceDef, WelfareAccountDef, WelfarePlanDef } from './catalogue-schema.js';
import type { BackendContext } from './context.js';
import type { Charge } from './ledger.js';
import { problem } from './problem.js';

function covers(plan: WelfarePlanDef, service: Pick<ServiceDef, 'id' | 'category'>): boolean {
  return plan.coveredCategories.includes(service.category) || plan.coveredServices.includes(service.id);
}

/** expiresOn is the last day the credit can be spent, in Rome. */
function accountStatus(account: Pick<WelfareAccountDef, 'expiresOn'>, now: DateTime): WelfareAccountStatus {
  return account.expiresOn < now.setZone(ROME).toISODate()! ? 'expired' : 'active';
}

function planOf(ctx: BackendContext, account: WelfareAccountDef): WelfarePlanDef {
  // the loader cross-checked every reference: a miss here is a bug, not a bad request
  const plan = ctx.catalogue.welfare.plans.get(account.plan);
  if (!plan) throw new Error(`welfare account ${account.id}: unknown plan "${account.plan}"`);
  return plan;
}

export function toWelfareAccount(ctx: BackendContext, account: WelfareAccountDef): WelfareAccount {
  const plan = planOf(ctx, account);
  const employer = ctx.catalogue.welfare.employers.get(plan.employer);
  if (!employer) throw new Error(`welfare plan ${plan.id}: unknown employer "${plan.employer}"`);
  return {
    id: account.id,
    employer: { id: employer.id, name: employer.name },
    plan: { id: plan.id, name: plan.name, coveredCategories: plan.coveredCategories, coveredServices: plan.coveredServices },
    availableCredit: ctx.ledger.creditOf(account.id) ?? 0,
    currency: 'EUR',
    expiresOn: account.expiresOn,
    status: accountStatus(account, ctx.now()),
  };
}

/** Entra object ids are GUIDs: compared without regard to case. */
export function linkedAccounts(ctx: BackendContext, aadObjectId: string): WelfareAccountDef[] {
  const wanted = aadObjectId.toLowerCase();
  return [...ctx.catalogue.welfare.accounts.values()].filter((a) => a.aadObjectId?.toLowerCase() === wanted);
}

/**
 * What paying `amount` for `service` with `payment` would charge, or the problem that refuses it.
 * Whether the credit suffices is the ledger's to say, in the same step that takes the seat.
 */
export function chargeFor(ctx: BackendContext, payment: Payment, service: ServiceDef, amount: number, now: DateTime): Charge {
  const account = ctx.catalogue.welfare.accounts.get(payment.accountId);
  if (!account) {
    throw problem(ProblemType.unknownAccount, 422, 'The payment names a welfare account that does not exist.', [
      { path: 'payment.accountId', message: 'unknown welfare account' },
    ]);
  }
  if (accountStatus(account, now) === 'expired') {
    throw problem(ProblemType.accountExpired, 409, `The welfare account expired on ${account.expiresOn}: its credit can no longer be spent.`);
  }
  const plan = planOf(ctx, account);
  if (!covers(plan, service)) {
    throw problem(
      ProblemType.notCoveredByPlan,
      409,
      `The plan "${plan.id}" covers neither the service "${service.id}" nor its category "${service.category}".`,
    );
  }
  return { accountId: account.id, amount };
}

export function euro(amount: number): string {
  return `${amount.toFixed(2)} EUR`;
}
