// Corporate welfare plans: the employee's account (linked in Teams, or given once by its code), what it covers, and
// paying a booking with its credit. Step kinds `choose_payment` and `welfare_plan`.
import { z } from 'zod';
import { formatDate, formatPrice } from '../../i18n/format.js';
import type { Service, WelfareAccount } from '../../welfare/contract.js';
import { BackendNotFoundError, isBackendError } from '../../welfare/errors.js';
import { text, type BotMessage } from '../messages.js';
import { askChoice, go, readChoice, reask, wait, yesNoOptions, type Option, type StepKind, type StepOutcome, type StepTurn } from '../step-kind.js';
import { matchYesNo } from '../choice-match.js';
import { amountDue } from './booking/shared.js';
import { askWithGlobals, chosenService, DOWN_TEXTS, guarded, localized, serviceLabel, shortLabel, Target } from './common.js';

/** Account codes as the employer's welfare portal prints them: WA-ACME-0001. */
const ACCOUNT_CODE = /^WA-[A-Z0-9]+-\d{4}$/;
const STAGE = 'planStage';
const AMOUNT = 'planAmount';
const QUESTION = 'planQuestion';
const ACCOUNT = 'planAccount';
type Stage = 'code' | 'offer' | 'services';

const money = (turn: StepTurn, amount: number) => formatPrice(amount, turn.session.lang, turn.ctx.translator.lexicon);

function covers(account: WelfareAccount, service: Pick<Service, 'id' | 'category'>): boolean {
  return account.plan.coveredServices.includes(service.id) || account.plan.coveredCategories.includes(service.category);
}

/**
 * The resident's account: the one their employer linked to their Teams user, else the code they gave once
 * (kept in the profile). A code the backend no longer knows is forgotten.
 */
async function knownAccount(turn: StepTurn): Promise<WelfareAccount | undefined> {
  const aad = turn.ctx.user?.aadObjectId;
  if (aad) {
    const linked = await turn.ctx.welfare.linkedWelfareAccounts(aad);
    const account = linked.find((a) => a.status === 'active') ?? linked[0];
    if (account) return account;
  }
  const code = turn.profile.welfareAccount;
  if (!code) return undefined;
  try {
    return await turn.ctx.welfare.getWelfareAccount(code);
  } catch (err) {
    if (err instanceof BackendNotFoundError) {
      delete turn.profile.welfareAccount;
      return undefined;
    }
    throw err;
  }
}

function summary(turn: StepTurn, account: WelfareAccount): string {
  return turn.t('plan.summary', {
    plan: localized(account.plan.name, turn.session.lang),
    employer: account.employer.name,
    credit: money(turn, account.availableCredit),
    expires: formatDate(account.expiresOn, turn.session.lang, turn.ctx.translator.lexicon),
  });
}

/** Asks for the account code; "no" (or leaving) is an answer too. */
function askCode(turn: StepTurn, ...lead: BotMessage[]): StepOutcome {
  turn.session.scratch[STAGE] = 'code' satisfies Stage;
  return wait(...lead, text(turn.t('plan.code_ask')));
}

/** Reads a typed code: the account, 'none' when the resident gives up, or a message when it is not one. */
async function readCode(turn: StepTurn, typed: string): Promise<WelfareAccount | 'none' | StepOutcome> {
  if (matchYesNo(typed, turn.ctx.translator.lexicon) === 'no') return 'none';
  const code = typed.trim().toUpperCase().replace(/\s+/g, '');
  if (!ACCOUNT_CODE.test(code)) return askCode(turn, text(turn.t('plan.code_invalid')));
  try {
    const account = await turn.ctx.welfare.getWelfareAccount(code);
    turn.profile.welfareAccount = account.id;
    return account;
  } catch (err) {
    if (err instanceof BackendNotFoundError) return askCode(turn, text(turn.t('plan.code_unknown')));
    throw err;
  }
}

// ── choose_payment: between the identity and the read-back of a booking ──────

const PaymentConfig = z.object({ next: Target }).strict();
type PaymentConfig = z.infer<typeof PaymentConfig>;

/** What the plan can do for this booking: an offer to pay with the credit, or why not (and the booking goes on). */
async function offer(c: PaymentConfig, turn: StepTurn, account: WelfareAccount): Promise<StepOutcome> {
  const serviceId = chosenService(turn, 'choose_payment');
  const amount = (turn.session.scratch[AMOUNT] as number | undefined) ?? (await amountDue(turn, serviceId));
  const service = await turn.ctx.welfare.getService(serviceId);
  const plan = localized(account.plan.name, turn.session.lang);
  if (account.status !== 'active')
    return go(c.next, text(turn.t('plan.expired', { plan, expires: formatDate(account.expiresOn, turn.session.lang, turn.ctx.translator.lexicon) })));
  if (!covers(account, service)) return go(c.next, text(turn.t('plan.not_covered', { plan })));
  if (account.availableCredit < amount) {
    return go(c.next, text(turn.t('plan.not_enough', { credit: money(turn, account.availableCredit), amount: money(turn, amount) })));
  }
  turn.session.scratch[STAGE] = 'offer' satisfies Stage;
  const question = turn.t('plan.offer', {
    plan,
    employer: account.employer.name,
    credit: money(turn, account.availableCredit),
    amount: money(turn, amount),
    left: money(turn, Math.round((account.availableCredit - amount) * 100) / 100),
  });
  turn.session.scratch[QUESTION] = question;
  return wait(askChoice(turn, question, yesNoOptions(turn)));
}

/**
 * Offers to pay with the employer's welfare credit when the booking costs something and the resident's account is
 * known: linked to their Teams user, or given once under "My company welfare". Others are asked nothing: most
 * residents have no such plan, and a question on every booking would be noise.
 */
const choose_payment: StepKind<PaymentConfig> = {
  config: PaymentConfig,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: ['plan.offer', 'plan.expired', 'plan.not_covered', 'plan.not_enough', 'plan.pay_in_person', 'common.yes', 'common.no', ...DOWN_TEXTS],
  enter: (c, turn) =>
    guarded(turn, async () => {
      delete turn.session.data.payment;
      const amount = await amountDue(turn, chosenService(turn, 'choose_payment'));
      if (amount === 0) return go(c.next);
      const account = await knownAccount(turn);
      if (!account) return go(c.next);
      turn.session.scratch[AMOUNT] = amount;
      turn.session.scratch[ACCOUNT] = account.id;
      return offer(c, turn, account);
    }),
  onEvent: (c, event, turn) =>
    guarded(turn, async () => {
      const read = readChoice(event, turn);
      if (read.kind !== 'chosen') return reask(turn, (turn.session.scratch[QUESTION] as string | undefined) ?? turn.t('plan.pay_in_person'));
      const account = turn.session.scratch[ACCOUNT] as string | undefined;
      if (read.id === 'yes' && account) {
        turn.session.data.payment = { accountId: account };
        return go(c.next);
      }
      return go(c.next, text(turn.t('plan.pay_in_person')));
    }),
};

// ── welfare_plan: "my company welfare", what the plan covers ───────────────

const PlanConfig = z.object({ card: Target, services: Target, next: Target }).strict();
type PlanConfig = z.infer<typeof PlanConfig>;
const CATEGORY = 'category:';
const SERVICE = 'service:';

/** The plan's categories first (each opens its list of services), then the services it covers one by one. */
async function coveredOptions(turn: StepTurn, account: WelfareAccount): Promise<Option[]> {
  const lang = turn.session.lang;
  const categories = account.plan.coveredCategories.length > 0 ? await turn.ctx.welfare.listCategories() : [];
  const byCategory = categories
    .filter((c) => account.plan.coveredCategories.includes(c.id))
    .map((c) => ({
      id: `${CATEGORY}${c.id}`,
      label: shortLabel(localized(c.name, lang), turn.ctx.translator.lexicon),
      synonyms: [localized(c.name, lang)],
    }));
  const services = await Promise.all(
    account.plan.coveredServices.map((id) =>
      turn.ctx.welfare.getService(id).catch((err: unknown) => {
        if (isBackendError(err)) return undefined;
        throw err;
      }),
    ),
  );
  const single = services
    // A service of a category already listed is found there.
    .filter((s): s is Service => s !== undefined && !account.plan.coveredCategories.includes(s.category))
    .map((s) => ({
      id: `${SERVICE}${s.id}`,
      label: serviceLabel(s, lang, turn.ctx.translator.lexicon),
      synonyms: [localized(s.name, lang)],
    }));
  return [...byCategory, ...single];
}

async function showPlan(c: PlanConfig, turn: StepTurn, account: WelfareAccount): Promise<StepOutcome> {
  const options = await coveredOptions(turn, account);
  const lines = [summary(turn, account)];
  if (account.status !== 'active') lines.push(turn.t('plan.expired_short'));
  if (options.length === 0) return go(c.next, text([...lines, turn.t('plan.covers_nothing')].join('\n')));
  turn.session.scratch[STAGE] = 'services' satisfies Stage;
  return wait(text(lines.join('\n')), askWithGlobals(turn, turn.t('plan.covers'), options, ['menu']));
}

/** What the resident's plan is, how much credit is left, and what it covers, leading to the services' cards. */
const welfare_plan: StepKind<PlanConfig> = {
  config: PlanConfig,
  targets: (c) => [c.card, c.services, c.next],
  texts: () => [],
  ownTexts: [
    'plan.intro',
    'plan.summary',
    'plan.covers',
    'plan.covers_nothing',
    'plan.expired_short',
    'plan.none',
    'plan.code_ask',
    'plan.code_invalid',
    'plan.code_unknown',
    'common.menu',
    ...DOWN_TEXTS,
  ],
  enter: (c, turn) =>
    guarded(turn, async () => {
      const account = await knownAccount(turn);
      return account ? showPlan(c, turn, account) : askCode(turn, text(turn.t('plan.intro')));
    }),
  onEvent: (c, event, turn) =>
    guarded(turn, async () => {
      if (turn.session.scratch[STAGE] === 'code') {
        if (event.type !== 'text') return askCode(turn);
        const read = await readCode(turn, event.text);
        if (read === 'none') return go(c.next, text(turn.t('plan.none')));
        return 'type' in read ? read : showPlan(c, turn, read);
      }
      const read = readChoice(event, turn);
      if (read.kind !== 'chosen') return reask(turn, turn.t('plan.covers'));
      if (read.id.startsWith(CATEGORY)) {
        turn.session.data.category = read.id.slice(CATEGORY.length);
        return go(c.services);
      }
      turn.session.data.serviceId = read.id.slice(SERVICE.length);
      return go(c.card);
    }),
};

export const welfarePlanKinds = { choose_payment, welfare_plan };
