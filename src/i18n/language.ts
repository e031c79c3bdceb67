// Which language to speak: a first guess from profile or channel, names typed by a resident; no I/O.
// The languages offered are the folders of locales/ (the translator's `languages`); their names are word data.
import { foldName, type Lexicon } from './lexicon.js';

const DEFAULT_LANGUAGE = 'it';

export function pickLanguage(
  hints: { profile?: string | undefined; channelHint?: string | undefined; fallback?: string | undefined },
  supported: readonly string[],
): string {
  if (hints.profile && supported.includes(hints.profile)) return hints.profile;
  const primary = hints.channelHint?.trim().toLowerCase().split(/[-_]/)[0];
  if (primary && supported.includes(primary)) return primary;
  return hints.fallback && supported.includes(hints.fallback) ? hints.fallback : DEFAULT_LANGUAGE;
}

/** The language a resident names ("english", "in italiano per favore", "🇺🇦"), from every language's word data. */
export function parseLanguageChoice(text: string, lexicon: Lexicon): string | undefined {
  const folded = foldName(text).trim();
  const flag = lexicon.languageNames.get(folded.replace(/\s+/g, ''));
  if (flag) return flag;
  const words = folded
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !lexicon.languageFiller.has(w));
  return lexicon.languageNames.get(words.join(' '));
}
