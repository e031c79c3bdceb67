// Step kind eligibility_outcome: shows the backend's verdict, price and per-criterion reasons, and offers alternatives; decides nothing itself.
import { z } from 'zod';
import { formatPrice } from '../../../i18n/format.js';
import { wordingsOf, type EligibilityResult, type Service } from '../../../welfare/contract.js';
import { BackendNotFoundError } from '../../../welfare/errors.js';
import type { BotMessage } from '../../messages.js';
import { currentOptions, go, misunderstood, readChoice, wait, type Option, type StepKind, type StepOutcome, type StepTurn } from '../../step-kind.js';
import {
  answerWhileDown,
  chosenService,
  askWithGlobals,
  DOWN_TEXTS,
  GLOBAL_TEXTS,
  guarded,
  localized,
  localizedFor,
  serviceLabel,
  Target,
  text,
  localizedWithNote,
  untranslatedNote,
} from '../common.js';
import { checkAnswers, notAsked, skipVar } from './shared.js';

const OutcomeConfig = z.object({ eligible: Target, alternative: Target, menu: Target, ask: Target }).strict();
type OutcomeConfig = z.infer<typeof OutcomeConfig>;

const MAX_ALTERNATIVES = 3;
const ALT = 'alt:';
const MENU = 'menu';
/** After a skipped price question: answer it after all, or book at the full price. */
const PRICE_ASK = 'price:ask';
const PRICE_KEEP = 'price:keep';
const MARK = { met: '✓', failed: '✗', unknown: '–' } as const;

function priceLines(turn: StepTurn, price: EligibilityResult['price'], explain = true): string[] {
  const lang = turn.session.lang;
  // "Full price" only means something when a reduced one exists, which is when the backend explains the tier.
  const tier = price.tier === 'full' && !price.explanation ? 'single' : price.tier;
  const amount =
    price.amount === 0
      ? turn.t('eligibility.outcome.free')
      : turn.t('eligibility.outcome.price', { tier, amount: formatPrice(price.amount, lang, turn.ctx.translator.lexicon), unit: price.unit });
  return price.explanation && explain ? [amount, localizedWithNote(turn, price.explanation)] : [amount];
}

function notice(turn: StepTurn, result: EligibilityResult): BotMessage {
  return { type: 'notice', level: 'info', text: localizedWithNote(turn, result.notice) };
}

function reasons(turn: StepTurn, result: EligibilityResult): string {
  const lines = result.criteria.map((r) => {
    const mark = r.met === true ? MARK.met : r.met === false ? MARK.failed : MARK.unknown;
    return `${mark} ${localizedFor(turn, r.explanation)}`;
  });
  const note = untranslatedNote(turn, ...result.criteria.map((r) => r.explanation));
  return [turn.t('eligibility.outcome.not_eligible'), ...lines, ...(note ? [note] : [])].join('\n');
}

/** Names of the alternatives; one that vanished from the catalogue meanwhile is left out. */
async function alternatives(turn: StepTurn, ids: string[]): Promise<Service[]> {
  const found = await Promise.all(
    ids.slice(0, MAX_ALTERNATIVES).map(async (id) => {
      try {
        return await turn.ctx.welfare.getService(id);
      } catch (err) {
        if (err instanceof BackendNotFoundError) return undefined;
        throw err;
      }
    }),
  );
  return found.filter((s): s is Service => s !== undefined);
}

function choicesMessage(turn: StepTurn, options: Option[]): BotMessage {
  const hasAlternatives = options.some((o) => o.id.startsWith(ALT));
  const question = turn.t(hasAlternatives ? 'eligibility.outcome.alternatives' : 'eligibility.outcome.what_now');
  // A person is a global command the engine understands from any step.
  return askWithGlobals(turn, question, options, ['person']);
}

/** The full price stands while a price question is not answered: skipped (answering may still lower it), or its consent refused. */
function unansweredPrice(turn: StepTurn, result: EligibilityResult): 'skipped' | 'refused' | undefined {
  if (result.price.tier !== 'full') return undefined;
  const why = result.missing.filter((m) => m.purpose === 'price').map((m) => notAsked(turn, m.id));
  return why.includes('skipped') ? 'skipped' : why.includes('refused') ? 'refused' : undefined;
}

function priceChoice(turn: StepTurn): BotMessage {
  const options: Option[] = [
    { id: PRICE_KEEP, label: turn.t('eligibility.outcome.keep_full_price') },
    { id: PRICE_ASK, label: turn.t('eligibility.outcome.answer_price') },
  ];
  return askWithGlobals(turn, turn.t('eligibility.outcome.what_now'), options, ['person']);
}

async function show(c: OutcomeConfig, turn: StepTurn): Promise<StepOutcome> {
  const { result } = await checkAnswers(turn, chosenService(turn, 'eligibility_outcome'));
  if (result.outcome === 'eligible') {
    const unanswered = unansweredPrice(turn, result);
    // The explanation invites an answer that may lower the price: after a skipped question the resident gets a way to
    // give it; after a refused consent the no stands, so neither the invitation nor a second request is shown.
    const said = text([turn.t('eligibility.outcome.eligible'), ...priceLines(turn, result.price, unanswered !== 'refused')].join('\n'));
    if (unanswered === 'skipped') return wait(said, notice(turn, result), priceChoice(turn));
    return go(c.eligible, said, notice(turn, result));
  }
  if (result.outcome === 'undetermined') return go(c.ask, text(turn.t('eligibility.outcome.undetermined')));
  const lang = turn.session.lang;
  const options: Option[] = (await alternatives(turn, result.alternatives)).map((s) => {
    const name = localized(s.name, lang);
    return {
      id: `${ALT}${s.id}`,
      label: serviceLabel(s, lang, turn.ctx.translator.lexicon),
      synonyms: [...new Set([name, ...wordingsOf(s.name)])],
    };
  });
  options.push({ id: MENU, label: turn.t('common.menu') });
  return wait(text(reasons(turn, result)), notice(turn, result), choicesMessage(turn, options));
}

export const eligibility_outcome: StepKind<OutcomeConfig> = {
  config: OutcomeConfig,
  targets: (c) => [c.eligible, c.alternative, c.menu, c.ask],
  texts: () => [],
  ownTexts: [
    ...DOWN_TEXTS,
    ...GLOBAL_TEXTS,
    'engine.not_understood',
    'common.in_italian',
    'common.menu',
    'eligibility.outcome.eligible',
    'eligibility.outcome.price',
    'eligibility.outcome.free',
    'eligibility.outcome.not_eligible',
    'eligibility.outcome.alternatives',
    'eligibility.outcome.what_now',
    'eligibility.outcome.undetermined',
    'eligibility.outcome.keep_full_price',
    'eligibility.outcome.answer_price',
  ],
  enter: async (c, turn) => guarded(turn, () => show(c, turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => eligibility_outcome.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return misunderstood(text(turn.t('engine.not_understood')), choicesMessage(turn, currentOptions(turn)));
    if (read.id === MENU) return go(c.menu);
    if (read.id === PRICE_KEEP) return go(c.eligible);
    if (read.id === PRICE_ASK) {
      const { vars } = turn.session.data;
      // Only skipped questions are asked again: a refused consent stays a no.
      for (const key of Object.keys(vars)) if (key.startsWith(skipVar('')) && vars[key] === true) delete vars[key];
      return go(c.ask);
    }
    turn.session.data.serviceId = read.id.slice(ALT.length);
    return go(c.alternative);
  },
};
