// Which language to speak: a first guess from profile or channel, names typed by a resident; no I/O.
// The languages offered are the folders of locales/ (the translator's `languages`).

export const DEFAULT_LANGUAGE = 'it';

// BCP 47 locale handed to Intl/luxon for each code; English is British, as in the rest of Europe.
const INTL_LOCALES: Record<string, string> = { en: 'en-GB' };

export function intlLocale(lang: string): string {
  return INTL_LOCALES[lang] ?? lang;
}

export function pickLanguage(
  hints: { profile?: string | undefined; channelHint?: string | undefined; fallback?: string | undefined },
  supported: readonly string[],
): string {
  if (hints.profile && supported.includes(hints.profile)) return hints.profile;
  const primary = hints.channelHint?.trim().toLowerCase().split(/[-_]/)[0];
  if (primary && supported.includes(primary)) return primary;
  return hints.fallback && supported.includes(hints.fallback) ? hints.fallback : DEFAULT_LANGUAGE;
}

// Names as a resident might type them: the language's own name, the Italian and the English one, the code, a flag.
const LANGUAGE_NAMES: Record<string, string[]> = {
  it: ['italiano', 'italiana', 'italian', 'it', 'ita', '🇮🇹'],
  en: ['english', 'inglese', 'en', 'eng', '🇬🇧', '🇺🇸'],
  ro: ['romana', 'limba romana', 'rumeno', 'romeno', 'romanian', 'ro', '🇷🇴'],
  uk: ['українська', 'ucraino', 'ucraina', 'ukrainian', 'uk', 'ua', '🇺🇦'],
  ar: ['العربية', 'عربي', 'عربية', 'arabo', 'araba', 'arabic', 'ar', '🇲🇦', '🇪🇬', '🇹🇳'],
  sq: ['shqip', 'shqipe', 'albanese', 'albanian', 'sq', '🇦🇱'],
  zh: ['中文', '汉语', '漢語', '普通话', '华语', 'cinese', 'chinese', 'mandarin', 'zh', '🇨🇳'],
};

const FILLER = new Set(['in', 'lingua', 'language', 'please', 'per', 'favore', 'grazie', 'thanks', 'the', 'l']);

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const BY_NAME = new Map<string, string>();
for (const [code, names] of Object.entries(LANGUAGE_NAMES)) {
  for (const name of names) BY_NAME.set(fold(name), code);
}

export function parseLanguageChoice(text: string): string | undefined {
  const folded = fold(text).trim();
  const flag = BY_NAME.get(folded.replace(/\s+/g, ''));
  if (flag) return flag;
  const words = folded
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !FILLER.has(w));
  return BY_NAME.get(words.join(' '));
}
