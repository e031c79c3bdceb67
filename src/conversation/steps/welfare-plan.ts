// Corporate welfare plans: the employee's account (linked in Teams, or given by its code, which can be replaced), what
// it covers, and paying a booking with its credit. Step kinds `choose_payment` and `welfare_plan`.
import { z } from 'zod';
import { formatDate } from '../../i18n/format.js';
import type { Service, WelfareAccount } from '../../welfare/contract.js';
import { BackendNotFoundError, isBackendError } from '../../welfare/errors.js';
import { text, type BotMessage } from '../messages.js';
import { askChoice, go, readChoice, reask, wait, yesNoOptions, type Option, type StepKind, type StepOutcome, type StepTurn } from '../step-kind.js';
import { matchYesNo } from '../choice-match.js';
import { contactLines } from '../contact-text.js';
import { amountDue, moneyText } from './booking/shared.js';
import { answerWhileDown, askWithGlobals, chosenService, DOWN_TEXTS, guarded, localized, serviceLabel, shortLabel, Target } from './common.js';

/** Account codes as the employer's welfare portal prints them: WA-ACME-0001. */
const ACCOUNT_CODE = /^WA-[A-Z0-9]+-\d{4}$/;
const STAGE = 'planStage';
const AMOUNT = 'planAmount';
const QUESTION = 'planQuestion';
const ACCOUNT = 'planAccount';
/** Set while a resident who already has an account gives another code: "no" then keeps the old one. */
const REPLACING = 'planReplacing';
const ANOTHER = 'another';
const DIRECT = 'direct';
type Stage = 'code' | 'offer' | 'unusable' | 'services';

function covers(account: WelfareAccount, service: Pick<Service, 'id' | 'category'>): boolean {
  return account.plan.coveredServices.includes(service.id) || account.plan.coveredCategories.includes(service.category);
}

/**
 * The resident's account: the code they gave (the latest replaces any earlier one, and one linked in Teams),
 * else the one their employer linked to their Teams user. A code the backend no longer knows is forgotten.
 */
async function knownAccount(turn: StepTurn): Promise<WelfareAccount | undefined> {
  const code = turn.profile.welfareAccount;
  if (code) {
    try {
      return await turn.ctx.welfare.getWelfareAccount(code);
    } catch (err) {
      if (!(err instanceof BackendNotFoundError)) throw err;
      delete turn.profile.welfareAccount;
    }
  }
  const aad = turn.ctx.user?.aadObjectId;
  if (!aad) return undefined;
  const linked = await turn.ctx.welfare.linkedWelfareAccounts(aad);
  return linked.find((a) => a.status === 'active') ?? linked[0];
}

function summary(turn: StepTurn, account: WelfareAccount): string {
  return turn.t('plan.summary', {
    plan: localized(account.plan.name, turn.session.lang),
    employer: account.employer.name,
    credit: moneyText(turn, account.availableCredit),
    expires: formatDate(account.expiresOn, turn.session.lang, turn.ctx.translator.lexicon),
  });
}

const expiresText = (turn: StepTurn, account: WelfareAccount) => formatDate(account.expiresOn, turn.session.lang, turn.ctx.translator.lexicon);

/** Asks for the account code; "no" (or leaving) is an answer too. */
function askCode(turn: StepTurn, ...lead: BotMessage[]): StepOutcome {
  turn.session.scratch[STAGE] = 'code' satisfies Stage;
  return wait(...lead, text(turn.t('plan.code_ask')));
}

/** Reads a typed code: the account (kept in the profile, replacing any earlier one), 'none' when the resident gives up, or a message when it is not one. */
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

const anotherCodeOption = (turn: StepTurn): Option => ({ id: ANOTHER, label: turn.t('plan.another_code') });

// ── choose_payment: between the identity and the read-back of a booking ──────

const PaymentConfig = z.object({ next: Target }).strict();
type PaymentConfig = z.infer<typeof PaymentConfig>;

/** The booking being paid: its service (who is paid directly, whom to ask) and what it costs. */
async function payable(turn: StepTurn): Promise<{ service: Service; amount: number }> {
  const serviceId = chosenService(turn, 'choose_payment');
  const amount = (turn.session.scratch[AMOUNT] as number | undefined) ?? (await amountDue(turn, serviceId));
  return { service: await turn.ctx.welfare.getService(serviceId), amount };
}

/** What the plan can do for this booking: an offer to pay with the credit, or why not and what else can be done. */
async function offer(c: PaymentConfig, turn: StepTurn, account: WelfareAccount): Promise<StepOutcome> {
  turn.session.scratch[ACCOUNT] = account.id;
  const { service, amount } = await payable(turn);
  const plan = localized(account.plan.name, turn.session.lang);
  const provider = service.provider.name;
  if (account.status !== 'active') return unusable(turn, service, amount, turn.t('plan.expired', { plan, expires: expiresText(turn, account) }));
  if (!covers(account, service)) return unusable(turn, service, amount, turn.t('plan.not_covered', { plan }));
  if (account.availableCredit < amount) {
    return go(
      c.next,
      text(turn.t('plan.not_enough', { credit: moneyText(turn, account.availableCredit), amount: moneyText(turn, amount), provider })),
    );
  }
  turn.session.scratch[STAGE] = 'offer' satisfies Stage;
  const question = turn.t('plan.offer', {
    plan,
    employer: account.employer.name,
    credit: moneyText(turn, account.availableCredit),
    amount: moneyText(turn, amount),
    left: moneyText(turn, Math.round((account.availableCredit - amount) * 100) / 100),
  });
  turn.session.scratch[QUESTION] = question;
  return wait(askChoice(turn, question, yesNoOptions(turn)));
}

/** An account that cannot pay this service at all (expired, or not covering it): pay directly, or give another code. */
function unusable(turn: StepTurn, service: Service, amount: number, why: string): StepOutcome {
  turn.session.scratch[STAGE] = 'unusable' satisfies Stage;
  const question = turn.t('plan.unusable_question', { amount: moneyText(turn, amount), provider: service.provider.name });
  turn.session.scratch[QUESTION] = question;
  return wait(text(why), askChoice(turn, question, [{ id: DIRECT, label: turn.t('plan.pay_direct') }, anotherCodeOption(turn)]));
}

/** Without an account the booking is not paid with credit: who is paid, where the code is found, whom to ask. */
async function withoutCode(c: PaymentConfig, turn: StepTurn): Promise<StepOutcome> {
  const { service, amount } = await payable(turn);
  const lang = turn.session.lang;
  const contact = contactLines(service.contactPoint, lang, turn.ctx.translator.lexicon.intlLocale(lang), (k, p) => turn.t(k, p));
  return go(
    c.next,
    text(
      [
        turn.t('plan.no_code', { amount: moneyText(turn, amount), provider: service.provider.name }),
        turn.t('plan.no_code_contact', { contact }),
      ].join('\n'),
    ),
  );
}

/** The first question of choose_payment, or none when there is nothing to pay or nothing to ask. */
async function startPayment(c: PaymentConfig, turn: StepTurn): Promise<StepOutcome> {
  delete turn.session.data.payment;
  const amount = await amountDue(turn, chosenService(turn, 'choose_payment'));
  if (amount === 0) return go(c.next);
  turn.session.scratch[AMOUNT] = amount;
  const account = await knownAccount(turn);
  if (account) return offer(c, turn, account);
  // the resident said yes to "do you work for a company with a welfare plan?": how it is paid is asked, not assumed
  if (turn.session.data.answers.employer_welfare_plan === true) {
    return askCode(turn, text(turn.t('plan.pay_code_intro', { amount: moneyText(turn, amount) })));
  }
  return go(c.next);
}

/**
 * Offers to pay with the employer's welfare credit when the booking costs something and the resident's account is
 * known (linked to their Teams user, or its code given before), or asks for its code when they said their employer
 * has a plan. Others are asked nothing here (most residents have no such plan): the read-back says
 * they pay the provider directly.
 */
const choose_payment: StepKind<PaymentConfig> = {
  config: PaymentConfig,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: [
    'plan.offer',
    'plan.expired',
    'plan.not_covered',
    'plan.not_enough',
    'plan.unusable_question',
    'plan.pay_direct',
    'plan.another_code',
    'plan.pay_in_person',
    'plan.pay_code_intro',
    'plan.code_ask',
    'plan.code_invalid',
    'plan.code_unknown',
    'plan.no_code',
    'plan.no_code_contact',
    'handoff.contact.phone',
    'handoff.contact.email',
    'handoff.contact.hours',
    'common.yes',
    'common.no',
    ...DOWN_TEXTS,
  ],
  enter: (c, turn) => guarded(turn, () => startPayment(c, turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => guarded(turn, () => startPayment(c, turn)));
    if (down) return down;
    return guarded(turn, async () => {
      const stage = turn.session.scratch[STAGE] as Stage | undefined;
      if (stage === 'code') {
        if (event.type !== 'text') return askCode(turn);
        const read = await readCode(turn, event.text);
        if (read === 'none') return withoutCode(c, turn);
        return 'type' in read ? read : offer(c, turn, read);
      }
      const read = readChoice(event, turn);
      const question = turn.session.scratch[QUESTION] as string | undefined;
      if (!question) return startPayment(c, turn);
      if (read.kind !== 'chosen') return reask(turn, question);
      if (read.id === ANOTHER) return askCode(turn);
      const account = turn.session.scratch[ACCOUNT] as string | undefined;
      if (stage === 'offer' && read.id === 'yes' && account) {
        turn.session.data.payment = { accountId: account };
        return go(c.next);
      }
      const { service } = await payable(turn);
      return go(c.next, text(turn.t('plan.pay_in_person', { provider: service.provider.name })));
    });
  },
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

/**
 * An active plan: its credit and what it covers. An expired one: only that it has expired and what to do, since its
 * credit can pay for nothing. Either way another account code can be given in place of this one.
 */
async function showPlan(turn: StepTurn, account: WelfareAccount, ...lead: BotMessage[]): Promise<StepOutcome> {
  turn.session.scratch[STAGE] = 'services' satisfies Stage;
  if (account.status !== 'active') {
    const expired = turn.t('plan.expired_plan', {
      plan: localized(account.plan.name, turn.session.lang),
      employer: account.employer.name,
      expires: expiresText(turn, account),
    });
    const next = turn.t('plan.expired_what_to_do', { another: turn.t('plan.another_code') });
    return wait(...lead, text([expired, next].join('\n')), askWithGlobals(turn, turn.t('plan.what_now'), [anotherCodeOption(turn)], ['menu']));
  }
  const options = await coveredOptions(turn, account);
  const lines = [summary(turn, account)];
  if (options.length === 0) {
    lines.push(turn.t('plan.covers_nothing'));
    return wait(...lead, text(lines.join('\n')), askWithGlobals(turn, turn.t('plan.what_now'), [anotherCodeOption(turn)], ['menu']));
  }
  return wait(...lead, text(lines.join('\n')), askWithGlobals(turn, turn.t('plan.covers'), [...options, anotherCodeOption(turn)], ['menu']));
}

/** The known account's plan, or the question for its code. */
async function overview(turn: StepTurn): Promise<StepOutcome> {
  const account = await knownAccount(turn);
  return account ? showPlan(turn, account) : askCode(turn, text(turn.t('plan.intro')));
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
    'plan.expired_plan',
    'plan.expired_what_to_do',
    'plan.what_now',
    'plan.another_code',
    'plan.code_saved',
    'plan.kept',
    'plan.none',
    'plan.code_ask',
    'plan.code_invalid',
    'plan.code_unknown',
    'common.menu',
    ...DOWN_TEXTS,
  ],
  enter: (_c, turn) => guarded(turn, () => overview(turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => guarded(turn, () => overview(turn)));
    if (down) return down;
    return guarded(turn, async () => {
      if (turn.session.scratch[STAGE] === 'code') {
        if (event.type !== 'text') return askCode(turn);
        const replacing = turn.session.scratch[REPLACING] === true;
        const read = await readCode(turn, event.text);
        if (read === 'none') {
          const kept = replacing ? await knownAccount(turn) : undefined;
          return go(c.next, text(kept ? turn.t('plan.kept', { account: kept.id }) : turn.t('plan.none')));
        }
        if ('type' in read) return read;
        delete turn.session.scratch[REPLACING];
        return showPlan(turn, read, ...(replacing ? [text(turn.t('plan.code_saved', { account: read.id }))] : []));
      }
      const read = readChoice(event, turn);
      if (read.kind !== 'chosen') return reask(turn, turn.t('plan.covers'));
      if (read.id === ANOTHER) {
        turn.session.scratch[REPLACING] = true;
        return askCode(turn);
      }
      if (read.id.startsWith(CATEGORY)) {
        turn.session.data.category = read.id.slice(CATEGORY.length);
        return go(c.services);
      }
      turn.session.data.serviceId = read.id.slice(SERVICE.length);
      return go(c.card);
    });
  },
};

export const welfarePlanKinds = { choose_payment, welfare_plan };
