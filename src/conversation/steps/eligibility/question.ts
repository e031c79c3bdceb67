// One eligibility criterion as a chat question, and the resident's reply read by the criterion's type; no I/O.
import { DateTime } from 'luxon';
import { wordingsOf, type AnswerValue, type Criterion } from '../../../welfare/contract.js';
import { TIME_ZONE } from '../../../i18n/format.js';
import { parseDateAnswer, parseIntegerAnswer, type DateBounds } from '../../answer-parsers.js';
import { matchChoice } from '../../choice-match.js';
import type { TurnEvent } from '../../events.js';
import type { BotMessage } from '../../messages.js';
import { askChoice, currentOptions, readChoice, yesNoOptions, type Option, type StepTurn } from '../../step-kind.js';
import { localizedFor, shortLabel, text, untranslatedNote } from '../common.js';

const SKIP = '~skip';
const MORE = '~more';
const MAX_OPTIONS = 10;

export const QUESTION_TEXTS = [
  'common.in_italian',
  'common.yes',
  'common.no',
  'common.more',
  'eligibility.skip',
  'eligibility.optional_price',
  'eligibility.date_format',
  'eligibility.simple_zero',
  'eligibility.hint.number',
  ...['unreadable', 'ambiguous_year', 'incomplete', 'impossible', 'future', 'too_early', 'too_late'].map((r) => `eligibility.hint.date.${r}`),
] as const;

const isPrice = (c: Criterion) => c.purpose === 'price';

function questionText(turn: StepTurn, c: Criterion): string {
  const note = untranslatedNote(turn, c.question);
  const question = localizedFor(turn, c.question);
  const lines = [note ? `${question} ${note}` : question];
  if (c.type === 'date') lines.push(turn.t('eligibility.date_format'));
  // In simple mode a bare 0 goes back: where zero is an answer, say how to write it.
  if (turn.profile.simpleMode && c.type === 'integer' && numberBound(c.min) === 0) lines.push(turn.t('eligibility.simple_zero'));
  if (isPrice(c)) lines.push(turn.t('eligibility.optional_price'));
  return lines.join('\n\n');
}

function optionsOf(turn: StepTurn, c: Criterion): Option[] {
  return (c.options ?? []).map((o) => {
    const label = localizedFor(turn, o.label);
    // Both languages' labels choose it: a resident may switch language half-way.
    return { id: o.value, label: shortLabel(label, turn.ctx.translator.lexicon), synonyms: [...new Set([label, ...wordingsOf(o.label)])] };
  });
}

/** The options shown on `page`, with "more" when the list is longer than one message may hold. */
function pageOf(all: Option[], page: number, reserved: number): { shown: Option[]; more: boolean } {
  if (all.length + reserved <= MAX_OPTIONS) return { shown: all, more: false };
  const size = MAX_OPTIONS - reserved - 1;
  const pages = Math.ceil(all.length / size);
  const start = (page % pages) * size;
  return { shown: all.slice(start, start + size), more: true };
}

/** The question of criterion `c`, with the options stored in scratch so a typed answer is read against them. */
export function questionMessage(turn: StepTurn, c: Criterion, page = 0): BotMessage {
  const question = questionText(turn, c);
  const skip: Option[] = isPrice(c) ? [{ id: SKIP, label: turn.t('eligibility.skip') }] : [];
  switch (c.type) {
    case 'boolean':
      return askChoice(turn, question, [...yesNoOptions(turn), ...skip]);
    case 'choice':
    case 'municipality': {
      const { shown, more } = pageOf(optionsOf(turn, c), page, skip.length);
      return askChoice(turn, question, [...shown, ...(more ? [{ id: MORE, label: turn.t('common.more') }] : []), ...skip]);
    }
    case 'integer':
    case 'date':
      return skip.length > 0 ? askChoice(turn, question, skip) : text(question);
  }
}

export type Reply =
  { kind: 'answer'; value: AnswerValue } | { kind: 'skip' } | { kind: 'more' } | { kind: 'invalid'; hint: string } | { kind: 'unclear' };

function fromOption(id: string, c: Criterion): Reply {
  if (id === SKIP) return { kind: 'skip' };
  if (id === MORE) return { kind: 'more' };
  if (c.type === 'boolean') return { kind: 'answer', value: id === 'yes' };
  return { kind: 'answer', value: id };
}

function readOptions(event: TurnEvent, turn: StepTurn, c: Criterion): Reply {
  const values = (c.options ?? []).map((o) => o.value);
  // A button of another page of the same question is still a valid answer.
  if (event.type === 'choice' && values.includes(event.payload)) return { kind: 'answer', value: event.payload };
  const read = readChoice(event, turn);
  if (read.kind === 'chosen') return fromOption(read.id, c);
  if (event.type !== 'text' || c.type === 'boolean') return { kind: 'unclear' };
  // A name typed from a page not shown: labels only, since a number refers to the options on screen.
  const all = optionsOf(turn, c).map((o) => ({ id: o.id, labels: [o.label, ...(o.synonyms ?? [])] }));
  const match = matchChoice(event.text, all, turn.ctx.translator.lexicon, { langs: [turn.session.lang, 'it', 'en'] });
  return match.kind === 'match' && match.by !== 'number' ? { kind: 'answer', value: match.id } : { kind: 'unclear' };
}

const numberBound = (v: Criterion['min']) => (typeof v === 'number' ? v : undefined);
const dateBound = (v: Criterion['min']) => (typeof v === 'string' ? v : undefined);
const shownDate = (iso: string) => DateTime.fromISO(iso, { zone: TIME_ZONE }).toFormat('dd/MM/yyyy');

function numberHint(turn: StepTurn, c: Criterion): string {
  const min = numberBound(c.min);
  const max = numberBound(c.max);
  const kind = min !== undefined && max !== undefined ? 'range' : min !== undefined ? 'min' : max !== undefined ? 'max' : 'any';
  return turn.t('eligibility.hint.number', { kind, min: min ?? 0, max: max ?? 0 });
}

/** The skip option typed out ("preferisco non rispondere"), for questions that otherwise expect free text. */
function typedSkip(event: TurnEvent, turn: StepTurn, c: Criterion): boolean {
  if (!isPrice(c)) return false;
  const read = readChoice(event, turn);
  return read.kind === 'chosen' && read.id === SKIP;
}

export function readReply(event: TurnEvent, turn: StepTurn, c: Criterion): Reply {
  if (c.type === 'boolean' || c.type === 'choice' || c.type === 'municipality') return readOptions(event, turn, c);
  if (event.type === 'choice') return currentOptions(turn).some((o) => o.id === event.payload) ? fromOption(event.payload, c) : { kind: 'unclear' };
  if (event.type !== 'text') return { kind: 'unclear' };
  if (c.type === 'integer') {
    const n = parseIntegerAnswer(event.text, turn.ctx.translator.lexicon, { min: numberBound(c.min), max: numberBound(c.max) });
    if (n.ok) return { kind: 'answer', value: n.value };
    if (n.reason === 'not_a_number' && typedSkip(event, turn, c)) return { kind: 'skip' };
    return { kind: 'invalid', hint: numberHint(turn, c) };
  }
  const bounds: DateBounds = { min: dateBound(c.min), max: dateBound(c.max) };
  const today = turn.ctx.now.setZone(TIME_ZONE).toISODate() as string;
  const d = parseDateAnswer(event.text, turn.ctx.translator.lexicon, turn.session.lang, today, bounds);
  if (d.ok) return { kind: 'answer', value: d.date };
  if (d.reason === 'unreadable' && typedSkip(event, turn, c)) return { kind: 'skip' };
  const limit = d.reason === 'too_early' ? bounds.min : d.reason === 'too_late' ? bounds.max : undefined;
  return { kind: 'invalid', hint: turn.t(`eligibility.hint.date.${d.reason}`, { date: limit ? shownDate(limit) : '' }) };
}
