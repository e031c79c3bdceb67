// Personal data out of a resident's free text before staff read it: Italian placeholders by pattern; no I/O.
// When unsure it masks: a number wrongly hidden costs staff a question, a leaked one cannot be taken back.

/** Not part of a word or a number on that side (\b knows neither accents nor digits apart). */
const START = String.raw`(?<![\p{L}\p{M}\d])`;
const END = String.raw`(?![\p{L}\p{M}\d])`;

type Replacer = (match: string, ...groups: string[]) => string;

interface Rule {
  pattern: RegExp;
  mask: string | Replacer;
}

const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu;

/** A BBAN is mostly digits: this keeps words that merely look like groups of four ("AB12 casa") out. */
const ibanLike: Replacer = (match) => ((match.match(/\d/g)?.length ?? 0) >= 10 ? '[IBAN]' : match);
const IBAN_IT = new RegExp(String.raw`${START}IT\s?\d{2}\s?[A-Z](?:\s?\d){10}(?:\s?[A-Z\d]){12}${END}`, 'giu');
const IBAN_COMPACT = new RegExp(String.raw`${START}[A-Z]{2}\d{2}[A-Z\d]{11,30}${END}`, 'giu');
// Printed in groups of four; a last short group must hold a digit, so a following "e" or "ok" stays.
const IBAN_GROUPED = new RegExp(String.raw`${START}[A-Z]{2}\d{2}(?: [A-Z\d]{4}){2,7}(?: (?=[A-Z\d]{0,3}\d)[A-Z\d]{1,4})?${END}`, 'giu');

/** Omocodia swaps digits for these letters when two people would share a code. */
const OMO = '[\\dLMNPQRSTUV]';
const FISCAL_CODE = new RegExp(`${START}[A-Z]{6}${OMO}{2}[ABCDEHLMPRST]${OMO}{2}[A-Z]${OMO}{3}[A-Z]${END}`, 'giu');

// Cards start with 2–6 (Mastercard, Amex, Visa, Discover…): a 0039… phone number is not one.
const CARD = new RegExp(String.raw`${START}(?<![+])[2-6](?:[ -]?\d){12,18}${END}`, 'gu');

const validDate = (day: string, month: string) => Number(day) >= 1 && Number(day) <= 31 && Number(month) >= 1 && Number(month) <= 12;
// Not inside a longer run like 1.2.3.4 or a phone number written with dots.
const DATE_START = String.raw`(?<![\d./-])`;
const DATE_END = String.raw`(?![\d]|[./-]\d)`;
const DATE_DMY = new RegExp(String.raw`${DATE_START}(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})${DATE_END}`, 'gu');
const DATE_YMD = new RegExp(String.raw`${DATE_START}(\d{4})([./-])(\d{1,2})\2(\d{1,2})${DATE_END}`, 'gu');

const PHONE_SEP = '[ ./-]?';
const PHONE_IT = new RegExp(
  String.raw`(?<![\p{L}\d+])(?<!\d[./-])(?:\(?(?:\+|00) ?39\)?[ .-]?)?(?:3\d(?:${PHONE_SEP}\d){7,8}|0\d(?:${PHONE_SEP}\d){4,9})(?![\p{L}\d]|[./-]\d)`,
  'gu',
);
const PHONE_ABROAD = new RegExp(String.raw`(?<![\p{L}\d])\+\d{1,3}(?:[ .-]?\d){6,12}${END}`, 'gu');

const STREET = '(?:via|viale|piazza|piazzale|corso|vicolo|strada|largo)';
// Words that follow "via" in "vado via domani alle 10" or "via email 2 volte", never in a street's name.
const NOT_A_NAME =
  '(?:alle?|ore|entro|tra|fra|per|con|che|dalle|dopo|prima|oggi|domani|ieri|stasera|ho|ha|sono|è|e|o|mi|ti|ci|si|ne|the|and|for|at|email|mail|e-mail|sms|whatsapp|telefono|posta|web|internet|chat|app)';
const NAME_WORD = String.raw`(?!${NOT_A_NAME}(?![\p{L}\p{M}]))(?:\p{L}[\p{L}\p{M}'’.]*|\d{1,2}(?=\s+\p{L}))`;
// A number followed by one of these counts something: "sono stata via quasi 3 mesi" names no street.
const UNIT = String.raw`(?!\s*(?:anni|anno|euro|eur|€|volte|giorni|giorno|ore|minuti|mesi|settimane|persone|figli|km|metri|%|days|times|years|hours|minutes|weeks|months|people)(?![\p{L}]))`;
const HOUSE_NUMBER = String.raw`\d{1,4}(?:\s?\/\s?[\p{L}\d]{1,3}|[A-Za-z](?![\p{L}\p{M}]))?`;
const ADDRESS = new RegExp(
  String.raw`${START}${STREET}\s+${NAME_WORD}(?:\s+${NAME_WORD}){0,5}?\s*,?\s*${HOUSE_NUMBER}${UNIT}(?![\p{L}\p{M}\d]|[.,:]\d)`,
  'giu',
);

const dateRule =
  (order: 'dmy' | 'ymd'): Replacer =>
  (match, a = '', _sep, b = '', c = '') =>
    (order === 'dmy' ? validDate(a, b) : validDate(c, b)) ? '[data]' : match;

const RULES: Rule[] = [
  { pattern: EMAIL, mask: '[email]' },
  // Before cards and phones: an IBAN holds runs of digits that look like both.
  { pattern: IBAN_IT, mask: '[IBAN]' },
  { pattern: IBAN_GROUPED, mask: ibanLike },
  { pattern: IBAN_COMPACT, mask: ibanLike },
  // Before names: a code starts with letters of the surname and the name.
  { pattern: FISCAL_CODE, mask: '[codice fiscale]' },
  { pattern: CARD, mask: '[carta]' },
  // Before phones: 03-12-2024 would pass for a landline.
  { pattern: DATE_DMY, mask: dateRule('dmy') },
  { pattern: DATE_YMD, mask: dateRule('ymd') },
  { pattern: PHONE_IT, mask: '[telefono]' },
  { pattern: PHONE_ABROAD, mask: '[telefono]' },
  { pattern: ADDRESS, mask: '[indirizzo]' },
];

/** For each base letter, the accented forms it stands for (è, é, ê… for e). */
const VARIANTS = (() => {
  const byBase = new Map<string, Set<string>>();
  for (let code = 0xc0; code <= 0x24f; code++) {
    const ch = String.fromCodePoint(code);
    const base = fold(ch);
    if (/^[a-z]$/.test(base)) byBase.set(base, (byBase.get(base) ?? new Set([base])).add(ch.toLowerCase()).add(ch));
  }
  return byBase;
})();

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Not "-": in a unicode pattern "\-" outside a class is a syntax error.
const escape = (ch: string) => ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** "Nicolò" also finds nicolo and NICOLÒ, precomposed or with combining accents: residents type names every way. */
function namePattern(name: string): RegExp {
  const body = [...fold(name.trim())]
    .map((ch) => {
      if (/\s/.test(ch)) return '\\s+';
      if (ch === "'" || ch === '’') return "['’]";
      const variants = VARIANTS.get(ch);
      return variants ? `[${[...variants].join('')}]\\p{M}*` : escape(ch);
    })
    .join('');
  // Not inside a placeholder already written: a resident called "Data" keeps "[data]" whole.
  return new RegExp(`(?<![\\p{L}\\p{M}\\d\\[])${body}(?![\\p{L}\\p{M}\\d\\]])`, 'giu');
}

export function maskPersonalData(text: string, known: { names?: string[] } = {}): string {
  let masked = text;
  for (const { pattern, mask } of RULES) masked = typeof mask === 'string' ? masked.replace(pattern, mask) : masked.replace(pattern, mask);
  const names = (known.names ?? []).map((n) => n.trim()).filter((n) => [...n].length >= 2);
  // Longest first: "Maria Luisa" goes whole before "Maria" could split it.
  for (const name of names.sort((a, b) => b.length - a.length)) masked = masked.replace(namePattern(name), '[nome]');
  return masked;
}
