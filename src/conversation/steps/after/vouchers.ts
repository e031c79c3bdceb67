// Grocery vouchers (buoni spesa): collect the household facts one question at a time, apply once with consent; I/O only through turn.ctx.welfare.
import { z } from 'zod';
import {
  IncomeSituation,
  ProblemType,
  type Municipality,
  type VoucherApplication,
  type VoucherApplicationRequest,
} from '../../../welfare/contract.js';
import { BackendConflictError, BackendRejectedError, BackendUnavailableError } from '../../../welfare/errors.js';
import type { Lexicon } from '../../../i18n/lexicon.js';
import { fold, parseNumberAnswer } from '../../choice-match.js';
import { text } from '../../messages.js';
import type { ConversationData } from '../../session.js';
import {
  askChoice,
  go,
  misunderstood,
  readChoice,
  reask,
  wait,
  yesNoOptions,
  type StepKind,
  type StepOutcome,
  type StepTurn,
} from '../../step-kind.js';
import { answerWhileDown, askWithGlobals, backendDown, DOWN_TEXTS, guarded, localizedWithNote, Target } from '../common.js';
import { asking, setAsking } from './shared.js';

const HOUSEHOLD = { min: 1, max: 20 } as const;

/** Partial answers live in `data.vars`, so help, "back" or a language change never lose them. */
const VAR = {
  municipality: 'voucherMunicipality',
  household: 'voucherHousehold',
  income: 'voucherIncome',
  // The language of the first attempt: a retry must send the very same body, or the key is refused as reused.
  locale: 'voucherLocale',
} as const;

function clearVoucherState(data: ConversationData): void {
  for (const name of Object.values(VAR)) delete data.vars[name];
  delete data.voucherKey;
}

interface Facts {
  municipality?: string;
  household?: number;
  income?: IncomeSituation;
}

function knownFacts(data: ConversationData): Facts {
  const { vars, answers } = data;
  const chosen = vars[VAR.municipality];
  const residence = answers.residence;
  const household = vars[VAR.household];
  return {
    municipality: typeof chosen === 'string' ? chosen : typeof residence === 'string' ? residence : undefined,
    household: typeof household === 'number' && household >= HOUSEHOLD.min && household <= HOUSEHOLD.max ? household : undefined,
    income: IncomeSituation.safeParse(vars[VAR.income]).data,
  };
}

/** "3", "tre", "siamo in tre", "we are four", "solo io". */
// "I live alone" and the words around a household size are word data (household in locales/<lang>/lexicon.yaml).
export function parseHousehold(input: string, lexicon: Lexicon): number | undefined {
  const words = fold(input);
  if (lexicon.household.alone.has(words.join(' '))) return 1;
  const rest = words.filter((w) => !lexicon.household.filler.has(w));
  const n = rest.length > 0 ? parseNumberAnswer(rest.join(' '), lexicon) : undefined;
  return n !== undefined && n >= HOUSEHOLD.min && n <= HOUSEHOLD.max ? n : undefined;
}

const ApplyConfig = z.object({ next: Target, identity: Target, refused: Target }).strict();
type ApplyConfig = z.infer<typeof ApplyConfig>;

function askMunicipality(turn: StepTurn, items: Municipality[]): StepOutcome {
  const question = askChoice(
    turn,
    turn.t('vouchers.apply.municipality'),
    items.map((m) => ({ id: `m:${m.id}`, label: m.name })),
  );
  setAsking(turn, 'municipality');
  return wait(question);
}

const incomeQuestion = (turn: StepTurn) =>
  askChoice(
    turn,
    turn.t('vouchers.apply.income'),
    IncomeSituation.options.map((id) => ({ id: `i:${id}`, label: turn.t(`vouchers.apply.income_option.${id}`) })),
  );

/** Asks the first fact still unknown, or reads everything back and asks for confirmation and consent. */
function nextQuestion(c: ApplyConfig, turn: StepTurn): Promise<StepOutcome> {
  return guarded(
    turn,
    () => askNextFact(c, turn),
    () => turn.t('vouchers.apply.unavailable'),
  );
}

async function askNextFact(c: ApplyConfig, turn: StepTurn): Promise<StepOutcome> {
  const { data } = turn.session;
  if (!data.person) return go(c.identity);
  const facts = knownFacts(data);
  if (facts.municipality === undefined) return askMunicipality(turn, await turn.ctx.welfare.listMunicipalities());
  if (facts.household === undefined) {
    setAsking(turn, 'household');
    return wait(text(turn.t('vouchers.apply.household', HOUSEHOLD)));
  }
  if (facts.income === undefined) {
    const question = incomeQuestion(turn);
    setAsking(turn, 'income');
    return wait(question);
  }
  const items = await turn.ctx.welfare.listMunicipalities();
  const town = items.find((m) => m.id === facts.municipality);
  if (!town) {
    delete data.vars[VAR.municipality];
    return askMunicipality(turn, items);
  }
  const summary = turn.t('vouchers.apply.summary', {
    municipality: town.name,
    name: `${data.person.givenName} ${data.person.familyName}`,
    household: facts.household,
    income: turn.t(`vouchers.apply.income_summary.${facts.income}`),
  });
  const question = askChoice(turn, turn.t('vouchers.apply.confirm'), yesNoOptions(turn));
  setAsking(turn, 'confirm');
  return wait(text(summary), question);
}

/** The application was refused for good: only the menu and a person are left. */
const failedMessage = (turn: StepTurn) => askWithGlobals(turn, turn.t('vouchers.apply.failed'), [], ['menu', 'person']);

async function submit(c: ApplyConfig, turn: StepTurn): Promise<StepOutcome> {
  const { data } = turn.session;
  const facts = knownFacts(data);
  if (!data.person) return go(c.identity);
  if (facts.municipality === undefined || facts.household === undefined || facts.income === undefined) return nextQuestion(c, turn);
  if (!data.voucherKey) {
    data.voucherKey = turn.ctx.newId();
    data.vars[VAR.locale] = turn.session.lang;
  }
  const locale = data.vars[VAR.locale];
  const request: VoucherApplicationRequest = {
    municipality: facts.municipality,
    householdSize: facts.household,
    incomeSituation: facts.income,
    applicant: data.person,
    consent: true,
    channel: turn.ctx.channel,
    locale: typeof locale === 'string' ? locale : turn.session.lang,
    ...(turn.ctx.ownerKey ? { ownerKey: turn.ctx.ownerKey } : {}),
  };
  let application: VoucherApplication;
  try {
    application = await turn.ctx.welfare.applyForVouchers(request, data.voucherKey);
  } catch (err) {
    // The key stays: a retry with it returns the application if this attempt did reach the backend.
    if (err instanceof BackendUnavailableError) return backendDown(turn, turn.t('vouchers.apply.unavailable_sending'));
    if (err instanceof BackendConflictError && err.problemType === ProblemType.voucherPending) {
      // Nothing was sent this time: the household's application being examined is the one to follow.
      clearVoucherState(data);
      const pending = err.pendingReference
        ? turn.t('vouchers.apply.pending', { reference: err.pendingReference })
        : turn.t('vouchers.apply.pending_unnamed');
      return go(c.next, text(pending));
    }
    if (err instanceof BackendRejectedError || err instanceof BackendConflictError) {
      // A conflict means the key went with other answers: it can never succeed again.
      if (err instanceof BackendConflictError) delete data.voucherKey;
      setAsking(turn, 'failed');
      return wait(failedMessage(turn));
    }
    throw err;
  }
  data.vouchers.push({ id: application.id, reference: application.reference });
  turn.effects.push({ type: 'voucher_applied', applicationId: application.id });
  clearVoucherState(data);
  return go(
    c.next,
    text(turn.t('vouchers.apply.sent', { reference: application.reference })),
    text(localizedWithNote(turn, application.explanation)),
  );
}

/** Collects municipality, household size and income one question at a time, then applies with explicit consent. */
export const apply_vouchers: StepKind<ApplyConfig> = {
  config: ApplyConfig,
  targets: (c) => [c.next, c.identity, c.refused],
  texts: () => [],
  ownTexts: [
    'common.in_italian',
    'vouchers.apply.municipality',
    'vouchers.apply.household',
    'vouchers.apply.household_invalid',
    'vouchers.apply.income',
    ...IncomeSituation.options.flatMap((id) => [`vouchers.apply.income_option.${id}`, `vouchers.apply.income_summary.${id}`]),
    'vouchers.apply.summary',
    'vouchers.apply.confirm',
    'vouchers.apply.sent',
    'vouchers.apply.refused',
    'vouchers.apply.failed',
    'vouchers.apply.pending',
    'vouchers.apply.pending_unnamed',
    'vouchers.apply.unavailable',
    'vouchers.apply.unavailable_sending',
    'common.yes',
    'common.no',
    ...DOWN_TEXTS,
  ],
  enter: (c, turn) => nextQuestion(c, turn),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => nextQuestion(c, turn));
    if (down) return down;
    const { vars } = turn.session.data;
    switch (asking(turn)) {
      case 'household': {
        const n = event.type === 'text' ? parseHousehold(event.text, turn.ctx.translator.lexicon) : undefined;
        if (n === undefined) {
          return misunderstood(text(turn.t('vouchers.apply.household_invalid', HOUSEHOLD)), text(turn.t('vouchers.apply.household', HOUSEHOLD)));
        }
        vars[VAR.household] = n;
        return nextQuestion(c, turn);
      }
      case 'municipality':
      case 'income': {
        const read = readChoice(event, turn);
        const question = asking(turn) === 'income' ? 'vouchers.apply.income' : 'vouchers.apply.municipality';
        if (read.kind !== 'chosen') return reask(turn, turn.t(question));
        vars[read.id.startsWith('m:') ? VAR.municipality : VAR.income] = read.id.slice(2);
        return nextQuestion(c, turn);
      }
      case 'confirm': {
        const read = readChoice(event, turn);
        if (read.kind !== 'chosen') return reask(turn, turn.t('vouchers.apply.confirm'));
        if (read.id === 'yes') return submit(c, turn);
        // Nothing was sent: the answers of this application are not kept either.
        clearVoucherState(turn.session.data);
        return go(c.refused, text(turn.t('vouchers.apply.refused')));
      }
      case 'failed':
        return misunderstood(failedMessage(turn));
      default:
        return nextQuestion(c, turn);
    }
  },
};
