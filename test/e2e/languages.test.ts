// Every language walks a booking start to finish by digits alone, and no reply shows a message key, an ICU leftover
// or Italian UI text left untranslated; catalogue texts served by the backend in Italian or English only are allowed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import type { BotMessage } from '../../src/conversation/messages.js';
import { loadLocales, PARSE_OPTIONS } from '../../src/i18n/locales.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { conversation, type Talk } from '../support/conversation.js';
import { maria } from './phrases.js';
import { lexicon } from '../support/lexicon.js';

const bundles = loadLocales(LOCALES_DIR);
const translator = createTranslator(bundles, { lexicon });
const italian = bundles.get('it')!;
const namespaces = new Set([...italian.keys()].map((key) => key.split('.')[0]!));

/** Every text of the backend's catalogue and explanations, which may stay in Italian or English in any language. */
const catalogue = (() => {
  const dataDir = path.join(PROJECT_ROOT, 'backend/data');
  const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));
  const strings: string[] = [];
  const collect = (node: unknown): void => {
    if (typeof node === 'string') strings.push(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  for (const file of files) collect(parseYaml(readFileSync(path.join(dataDir, file), 'utf8')));
  return [...strings, readFileSync(path.join(PROJECT_ROOT, 'backend/explanations.ts'), 'utf8')].join('\n');
})();

/** The literal runs of an ICU message, cut at every placeholder, plural or select. */
function literalRuns(elements: MessageFormatElement[], out: string[] = []): string[] {
  let run = '';
  for (const el of elements) {
    if (el.type === TYPE.literal) {
      run += el.value;
      continue;
    }
    out.push(run);
    run = '';
    if (el.type === TYPE.plural || el.type === TYPE.select) Object.values(el.options).forEach((o) => literalRuns(o.value, out));
    if (el.type === TYPE.tag) literalRuns(el.children, out);
  }
  out.push(run);
  return out;
}

/** Sentence-long pieces of a message's own text, long enough to tell Italian apart from a name or a number. */
const fragmentsOf = (message: string): string[] =>
  literalRuns(parse(message, PARSE_OPTIONS))
    .flatMap((run) => run.split(/(?<=[.!?:;])\s+|\n/))
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 12);

/**
 * The Italian fragments that must not show outside Italian: not those the backend serves (service names, criteria…),
 * nor those translators kept on purpose inside a text of their own ("Мова / Lingua / Language"). A text copied whole
 * from Italian keeps nothing on purpose.
 */
const untranslated: string[] = (() => {
  const kept = [...bundles]
    .filter(([lang]) => lang !== 'it')
    .flatMap(([, messages]) => [...messages].filter(([key, message]) => italian.get(key) !== message).map(([, message]) => message));
  const fragments = new Set([...italian.values()].flatMap(fragmentsOf));
  return [...fragments].filter((f) => !catalogue.includes(f) && !kept.some((message) => message.includes(f)));
})();

/** Problems of one reply: keys, ICU leftovers, and (outside Italian) untranslated Italian UI text. */
function problemsOf(reply: string, italianText: string[]): string[] {
  const problems: string[] = [];
  const leftover = /[{}#]|\bundefined\b|\bNaN\b|\[object Object\]|Invalid DateTime/.exec(reply);
  if (leftover) problems.push(`leftover "${leftover[0]}"`);
  for (const [dotted] of reply.matchAll(/\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\b/g)) {
    if (italian.has(dotted) || namespaces.has(dotted.split('.')[0]!)) problems.push(`message key "${dotted}"`);
  }
  for (const fragment of italianText) if (reply.includes(fragment)) problems.push(`Italian text "${fragment}"`);
  return problems;
}

/** What a reply must show, in the resident's language (through the Italian fallback when a text is missing). */
type Shows = (lang: string, simple?: boolean) => string;
const says =
  (key: string): Shows =>
  (lang) =>
    translator.t(lang, key);
/** The text of a message with placeholders before its first one. */
const opens =
  (key: string): Shows =>
  (lang) => {
    const message = bundles.get(lang)?.get(key) ?? italian.get(key)!;
    return literalRuns(parse(message, PARSE_OPTIONS))[0]!.trim();
  };
const criteria = (
  parseYaml(readFileSync(path.join(PROJECT_ROOT, 'backend/data/criteria.yaml'), 'utf8')) as {
    criteria: { id: string; question: Record<string, string> & { polite?: Record<string, string> } }[];
  }
).criteria;
/** An eligibility question as the backend serves it: in the language, else in Italian; in simple mode, its polite form. */
const asks =
  (id: string): Shows =>
  (lang, simple) => {
    const question = criteria.find((c) => c.id === id)!.question;
    const shownIn = question[lang] !== undefined ? lang : 'it';
    return (simple ? question.polite?.[shownIn] : undefined) ?? question[shownIn]!;
  };

/** From the main menu to a confirmed booking of the online homework help: what is typed, and what the reply shows. */
const WALK: [typed: string, shows: Shows][] = [
  ['1', says('discovery.category.question')], // Cerca per argomento
  ['2', says('discovery.list.question_category')], // Supporto scolastico
  ['1', says('discovery.card.question')], // Doposcuola online
  ['1', asks('residence')], // Verifica e prenota
  ['4', asks('child_age')], // Limena
  ['10', asks('school_order')],
  ['2', opens('eligibility.consent.ask')], // primaria
  ['1', says('eligibility.optional_price')], // yes, ask the ISEE band
  ['1', says('eligibility.outcome.eligible')], // up to 10,000 €
  ['1', says('consent.question')], // the first slot
  ['1', says('booking.identity.given_name')], // yes, take my data
  [maria.givenName, says('booking.identity.family_name')],
  [maria.familyName, opens('booking.identity.fiscal_code')],
  [maria.fiscalCode, says('booking.confirm.question')],
  ['1', opens('booking.book.confirmed')],
];

/** In simple mode each question is a menu of at most 5 items numbered from 1, then 0 back and 9 a person. */
function expectSimpleMenu(lang: string, messages: BotMessage[]): void {
  const question = [...messages].reverse().find((m) => m.type === 'choices');
  if (question?.type !== 'choices') return; // a question answered by typing (age, name)
  const items = question.choices.map((c) => `${c.key ?? ''}. ${c.label}`);
  expect(items.slice(-2)).toEqual([`0. ${translator.t(lang, 'common.back')}`, `9. ${translator.t(lang, 'engine.talk_to_person')}`]);
  const own = items.slice(0, -2);
  expect(own.length).toBeGreaterThan(0);
  expect(own.length).toBeLessThanOrEqual(5);
  own.forEach((item, i) => expect(item.startsWith(`${i + 1}. `)).toBe(true));
}

async function bookByDigits(talk: Talk, lang: string, opts: { simple: boolean }): Promise<void> {
  const check = (t: Talk, shows?: string) => {
    const reply = renderForTerminal(t.last);
    const problems = problemsOf(reply, lang === 'it' ? [] : untranslated);
    if (shows !== undefined && !reply.includes(shows)) problems.push(`expected "${shows}"`);
    expect(problems, `reply to "${t.transcript.findLast((l) => l.startsWith('> ')) ?? ''}":\n${reply}`).toEqual([]);
    if (opts.simple) expectSimpleMenu(lang, t.last);
  };
  const firstWords = translator.t(lang, 'engine.welcome').split(/\s+/).slice(0, 3).join(' ');
  await talk.send({ type: 'start', ...(opts.simple ? { payload: 'simple' } : {}) }).check((t) => check(t, firstWords));
  for (const [typed, shows] of WALK) await talk.say(typed).check((t) => check(t, shows(lang, opts.simple)));

  const reference = talk.lastReference();
  expect(reference).toMatch(/^WBC-2026-\d{6}$/);
  const bookings = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
  expect(bookings.map((b) => b.reference)).toEqual([reference]);
  expect(bookings[0]).toMatchObject({ status: 'confirmed', service: { id: 'doposcuola-online' }, price: { tier: 'reduced' } });
}

let talk: Talk | undefined;
afterEach(async () => {
  await talk?.close();
  talk = undefined;
});

describe('every language books by digits, with no untranslated key or leftover placeholder', () => {
  it.each(lexicon.languages)('%s', async (lang) => {
    talk = conversation({ lang });
    await bookByDigits(talk, lang, { simple: false });
  });

  it.each(['uk', 'ar', 'zh'])('%s in simple mode, from an operator’s deep link', async (lang) => {
    talk = conversation({ lang });
    await bookByDigits(talk, lang, { simple: true });
  });

  it('catches what it is meant to catch', () => {
    // Each Italian text of the walk would be caught, but for the questions the backend serves.
    const passing = WALK.map(([, shows]) => shows('it')).filter((text) => problemsOf(text, untranslated).length === 0);
    expect(passing).toEqual([asks('residence')('it'), asks('child_age')('it'), asks('school_order')('it')]);
    const intro = translator.t('it', 'booking.confirm.intro');
    expect(problemsOf(`${intro} booking.confirm.intro {name} engine.not_understood`, untranslated)).toEqual([
      'leftover "{"',
      'message key "booking.confirm.intro"',
      'message key "engine.not_understood"',
      `Italian text "${intro}"`,
    ]);
    expect(problemsOf('Ці # квитки', [])).toEqual(['leftover "#"']);
    expect(problemsOf('scuola@jonathan.example, 10.000 €, Tel. +39', untranslated)).toEqual([]);
  });
});

describe('catalogue text in a language the backend does not have', () => {
  it('is shown in Italian with a note that it is the original, and not in Italian or English', async () => {
    talk = conversation({ lang: 'ro' });
    await talk.send({ type: 'start' }).say('1').say('2').say('1').expect('Doposcuola online').expect('(text original în italiană)');
    const en = conversation({ lang: 'en' });
    await en.send({ type: 'start' }).say('1').say('2').say('1').expect('Online homework help').expectNot('(original text in Italian)');
    await en.close();
  });
});
