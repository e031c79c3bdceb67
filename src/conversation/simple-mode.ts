// Simple mode: every question as a short numbered menu of at most 5 items (longer lists paged by "altri"), 0 always
// back and 9 always a person; a digit, a number word, the label or a near-typo of it chooses. No I/O.
import type { Lexicon } from '../i18n/lexicon.js';
import type { Register } from '../i18n/translator.js';
import { matchChoice, matchYesNo } from './choice-match.js';
import { cardinalValue, fold, westernDigits } from './number-words.js';
import type { BotMessage, Choice } from './messages.js';
import type { Session } from './session.js';
import type { Profile } from './profile.js';

export const SIMPLE_PAGE = 'simplePage';

/** Simple mode is for elderly residents: they are addressed in the polite register (Italian "Lei", Romanian "dumneavoastră"). */
export function registerOf(profile: Pick<Profile, 'simpleMode'> | undefined): Register {
  return profile?.simpleMode ? { register: 'polite' } : {};
}
const SIMPLE_KEYS = 'simpleKeys';
/** The "altri" item of a paged menu: the engine shows the next page of the same question. */
export const MORE = 'cmd:more';
const BACK = 'cmd:back';
const PERSON = 'cmd:person';
/** Global buttons the fixed keys stand for (0, 9) or that simple menus leave out (menu: 0 goes back step by step). */
const REPLACED = new Set(['cmd:menu', BACK, PERSON]);
/** What fits on a screen and in a memory: four items and "altri", or five. */
const MAX_ITEMS = 5;
const PER_PAGE = MAX_ITEMS - 1;

interface Key {
  /** What the resident types: "1"…"5", "0", "9". */
  k: string;
  /** The button's payload as sent (a token or a cmd:). */
  p: string;
  l: string;
}

/**
 * The turn's question as a simple menu: its own options paged, then "0 back" and "9 a person". Other global buttons
 * (menu) are left out: 0 goes back step by step, and fewer lines are easier to read.
 */
export function simplify(session: Session, messages: BotMessage[], t: (key: string) => string): BotMessage[] {
  const question = messages.findLastIndex((m) => m.type === 'choices');
  return messages.map((m, i) => {
    if (m.type === 'text') return { ...m, simple: true };
    if (m.type !== 'choices' || i !== question) return m;
    const person = t('engine.talk_to_person');
    // A menu's own "talk to a person" item is the 9 already.
    const own = m.choices.filter((c) => !REPLACED.has(c.payload) && c.label !== person);
    const pages = own.length > MAX_ITEMS ? Math.ceil(own.length / PER_PAGE) : 1;
    const page = pages > 1 ? (((Number(session.scratch[SIMPLE_PAGE]) || 0) % pages) + pages) % pages : 0;
    const shown = pages > 1 ? own.slice(page * PER_PAGE, page * PER_PAGE + PER_PAGE) : own;
    const choices: Choice[] = shown.map((c, n) => ({ ...c, key: String(n + 1) }));
    if (pages > 1) choices.push({ payload: MORE, label: t('common.more'), key: String(choices.length + 1) });
    choices.push({ payload: BACK, label: t('common.back'), key: '0' });
    choices.push({ payload: PERSON, label: t('engine.talk_to_person'), key: '9' });
    return { ...m, choices, simple: true };
  });
}

/** Keeps the keys of the menu just sent (after its payloads became tokens), so a typed answer can be read. */
export function rememberSimpleKeys(session: Session, sent: BotMessage[]): void {
  const question = [...sent].reverse().find((m) => m.type === 'choices');
  if (question?.type !== 'choices' || !question.simple) {
    delete session.scratch[SIMPLE_KEYS];
    return;
  }
  session.scratch[SIMPLE_KEYS] = question.choices.map((c): Key => ({ k: c.key ?? '', p: c.payload, l: c.label }));
}

/**
 * The button a typed answer means in the menu last shown: "3", "tre", "il terzo", "3. Servizi per anziani" (a reply
 * keyboard button), the label or a near-typo of it, "sì grazie". Undefined when it means none: the step reads it.
 */
export function simpleAnswer(
  session: Session,
  text: string,
  words: { langs: string[]; yes: string; no: string; lexicon: Lexicon },
): string | undefined {
  const keys = session.scratch[SIMPLE_KEYS] as Key[] | undefined;
  const typed = westernDigits(text.trim());
  // 0 is always back, also where the question wants a typed answer (a child's age): "0 anni" is how zero is written then.
  if (!keys || keys.length === 0) return typed === '0' || cardinalValue(fold(typed), words.lexicon, words.langs) === 0 ? BACK : undefined;
  const byKey = (k: string) => keys.find((key) => key.k === k)?.p;
  // A reply-keyboard button comes back as its text, "2. Label".
  const pressed = /^(\d)\.\s/.exec(typed);
  if (pressed) return byKey(pressed[1]!);
  if (/^\d$/.test(typed)) return byKey(typed);
  if (cardinalValue(fold(typed), words.lexicon, words.langs) === 0) return byKey('0');
  // Position k-1 holds key k, so "il terzo" or "tre" finds key 3 and "nove" key 9.
  const positional = Array.from({ length: 9 }, (_, i) => {
    const key = keys.find((x) => x.k === String(i + 1));
    return { id: key?.p ?? '', labels: key ? [key.l] : [] };
  });
  const back = keys.find((x) => x.k === '0');
  const options = back ? [...positional, { id: back.p, labels: [back.l] }] : positional;
  const match = matchChoice(typed, options, words.lexicon, { langs: words.langs });
  if (match.kind === 'match' && match.id !== '') return match.id;
  const yesNo = matchYesNo(typed, words.lexicon);
  if (yesNo) {
    const label = (yesNo === 'yes' ? words.yes : words.no).toLowerCase();
    return keys.find((x) => x.l.trim().toLowerCase() === label)?.p;
  }
  return undefined;
}

/** The last question was a simple menu (its keys are kept): a bare number is read against them only. */
export function hasSimpleMenu(session: Session): boolean {
  return Array.isArray(session.scratch[SIMPLE_KEYS]);
}

/** "Altri": the next page of the same question. */
export function nextPage(session: Session): number {
  return (Number(session.scratch[SIMPLE_PAGE]) || 0) + 1;
}
