// Step kind ask_eligibility: asks, one per message, the criteria the backend says are missing; never judges eligibility itself.
import { z } from 'zod';
import { Criterion } from '../../../welfare/contract.js';
import { isWhyQuestion } from '../../answer-parsers.js';
import type { TurnEvent } from '../../events.js';
import type { BotMessage } from '../../messages.js';
import { askChoice, go, misunderstood, readChoice, wait, yesNoOptions, type StepKind, type StepOutcome, type StepTurn } from '../../step-kind.js';
import { QUESTION_TEXTS, questionMessage, readReply } from './question.js';
import { answerWhileDown, chosenService, DOWN_TEXTS, guarded, localizedFor, Target, text } from '../common.js';
import { REFUSAL_TEXTS, refusalHelp } from '../refusal.js';
import { checkAnswers, CONSENT_REFUSED, notAsked, skipVar } from './shared.js';
import { STATED_TEXTS, statedNote } from '../stated.js';

const AskEligibilityConfig = z.object({ next: Target, consentRefused: Target }).strict();
type AskEligibilityConfig = z.infer<typeof AskEligibilityConfig>;

/** The question on screen: throw-away, rebuilt by `enter` from `session.data` whenever the step is re-entered. */
const Asking = z.object({ stage: z.enum(['consent', 'question']), criterion: Criterion, page: z.number().int().nonnegative() });
type Asking = z.infer<typeof Asking>;
const ASKING = 'asking';
/** Criteria answered during this visit of the step, in order: what "back" undoes. */
const ANSWERED_HERE = 'answeredHere';

function answeredHere(turn: StepTurn): string[] {
  const list = turn.session.scratch[ANSWERED_HERE];
  return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
}

const isSkipped = (turn: StepTurn, c: Criterion) => notAsked(turn, c.id) !== undefined;

/** Each sensitive question has its own consent, which quotes it: a yes to the ISEE band says nothing of a health question. */
const consentFor = (c: Criterion) => `sensitive:${c.id}` as const;

function consentMessage(turn: StepTurn, c: Criterion): BotMessage {
  const question = localizedFor(turn, c.question);
  const hours = turn.ctx.privacy.retention.sessionHours;
  return askChoice(turn, turn.t('eligibility.consent.ask', { question, purpose: c.purpose, hours }), yesNoOptions(turn));
}

/** Shows the consent request or the question itself, and remembers which one is on screen. */
function present(turn: StepTurn, asking: Asking): BotMessage {
  turn.session.scratch[ASKING] = asking;
  return asking.stage === 'consent' ? consentMessage(turn, asking.criterion) : questionMessage(turn, asking.criterion, asking.page);
}

function onScreen(turn: StepTurn): Asking | undefined {
  const parsed = Asking.safeParse(turn.session.scratch[ASKING]);
  return parsed.success ? parsed.data : undefined;
}

interface Advance {
  /** Said before the next question (a confirmation of a skip, a refused consent). */
  before?: BotMessage[];
  /** The criterion just answered: if the backend refuses that answer, it is asked again with a hint. */
  answered?: string;
  /** Called from onEvent: a new question makes the buttons of the previous one stale. */
  fromEvent?: boolean;
}

/** What to do now, from `session.data` alone: ask the first criterion still missing, or move on. */
async function advance(c: AskEligibilityConfig, turn: StepTurn, opts: Advance = {}): Promise<StepOutcome> {
  const before = opts.before ?? [];
  const { result, dropped } = await checkAnswers(turn, chosenService(turn, 'ask_eligibility'));
  const stated = statedNote(
    turn,
    result.criteria.map((r) => r.id),
  );
  if (stated) before.unshift(text(stated));
  // Price criteria stay "missing" even when the outcome is known, so they are asked here too; a failed criterion ends it.
  const pending = result.outcome === 'not_eligible' ? [] : result.missing.filter((m) => !isSkipped(turn, m));
  const criterion = pending[0];
  if (!criterion) {
    delete turn.session.scratch[ASKING];
    return go(c.next, ...before);
  }
  const stage = criterion.sensitive && !turn.session.data.consent[consentFor(criterion)] ? 'consent' : 'question';
  const previous = onScreen(turn);
  if (opts.fromEvent && (previous?.criterion.id !== criterion.id || previous.stage !== stage)) turn.session.visit += 1;
  const message = present(turn, { stage, criterion, page: 0 });
  if (opts.answered !== undefined && dropped.includes(opts.answered)) {
    return misunderstood(...before, text(turn.t('eligibility.hint.rejected')), message);
  }
  return wait(...before, message);
}

function whyText(turn: StepTurn, c: Criterion): string {
  return c.help ? localizedFor(turn, c.help) : turn.t('eligibility.why', { purpose: c.purpose });
}

async function onConsent(c: AskEligibilityConfig, turn: StepTurn, asking: Asking, event: TurnEvent): Promise<StepOutcome> {
  const read = readChoice(event, turn);
  if (read.kind !== 'chosen') return misunderstood(text(turn.t('engine.not_understood')), present(turn, asking));
  const { data } = turn.session;
  if (read.id === 'yes') {
    data.consent[consentFor(asking.criterion)] = turn.ctx.now.toUTC().toISO()!;
    turn.session.visit += 1;
    return wait(present(turn, { ...asking, stage: 'question' }));
  }
  if (asking.criterion.purpose === 'price') {
    data.vars[skipVar(asking.criterion.id)] = CONSENT_REFUSED;
    return guarded(turn, () => advance(c, turn, { before: [text(turn.t('eligibility.consent.refused_price'))], fromEvent: true }));
  }
  delete turn.session.scratch[ASKING];
  const lines = [turn.t('eligibility.consent.refused_eligibility'), ...(await refusalHelp(turn, 'service'))];
  return go(c.consentRefused, text(lines.join('\n')));
}

async function onQuestion(c: AskEligibilityConfig, turn: StepTurn, asking: Asking, event: TurnEvent): Promise<StepOutcome> {
  const { criterion } = asking;
  const reply = readReply(event, turn, criterion);
  switch (reply.kind) {
    case 'answer':
      turn.session.data.answers[criterion.id] = reply.value;
      turn.session.scratch[ANSWERED_HERE] = [...answeredHere(turn), criterion.id];
      return guarded(turn, () => advance(c, turn, { answered: criterion.id, fromEvent: true }));
    case 'skip':
      turn.session.data.vars[skipVar(criterion.id)] = true;
      return guarded(turn, () => advance(c, turn, { before: [text(turn.t('eligibility.skipped'))], fromEvent: true }));
    case 'more':
      return wait(present(turn, { ...asking, page: asking.page + 1 }));
    case 'invalid':
      return misunderstood(text(reply.hint), present(turn, asking));
    case 'unclear':
      return misunderstood(text(turn.t('engine.not_understood')), present(turn, asking));
  }
}

export const ask_eligibility: StepKind<AskEligibilityConfig> = {
  config: AskEligibilityConfig,
  targets: (c) => [c.next, c.consentRefused],
  texts: () => [],
  ownTexts: [
    ...QUESTION_TEXTS,
    ...DOWN_TEXTS,
    ...STATED_TEXTS,
    'engine.not_understood',
    'eligibility.consent.ask',
    'eligibility.consent.refused_price',
    'eligibility.consent.refused_eligibility',
    ...REFUSAL_TEXTS,
    'eligibility.skipped',
    'eligibility.why',
    'eligibility.hint.rejected',
  ],
  enter: async (c, turn) => guarded(turn, () => advance(c, turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => guarded(turn, () => advance(c, turn, { fromEvent: true })));
    if (down) return down;
    const asking = onScreen(turn);
    if (!asking) return guarded(turn, () => advance(c, turn, { fromEvent: true }));
    if (event.type === 'text' && isWhyQuestion(event.text, turn.ctx.translator.lexicon)) {
      const why = asking.stage === 'consent' ? [] : [text(whyText(turn, asking.criterion))];
      return wait(...why, present(turn, asking));
    }
    return asking.stage === 'consent' ? onConsent(c, turn, asking, event) : onQuestion(c, turn, asking, event);
  },
  back: async (c, turn) => {
    const answered = answeredHere(turn);
    const last = answered.pop();
    if (last === undefined) return undefined;
    delete turn.session.data.answers[last];
    turn.session.scratch[ANSWERED_HERE] = answered;
    return guarded(turn, () => advance(c, turn, { fromEvent: true }));
  },
};
