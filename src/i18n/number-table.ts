// Builds a language's table of number words (0–199) from its data: units, tens and the templates joining them. Pure.
import { foldKey } from './fold.js';
import type { NumberWords } from './lexicon-schema.js';

type Spellings = string | string[];
const spellings = (s: Spellings | undefined) => (s === undefined ? [] : typeof s === 'string' ? [s] : s);
const VOWEL = /^[aeiou]/;

// "{tens}{unit}" with venti + uno: ventuno when the language elides (first), and the full form, a common slip.
function render(template: string, values: Record<string, string>, elide: boolean): string[] {
  let forms = [''];
  for (const piece of template.split(/(\{[a-z]+\})/)) {
    const name = /^\{([a-z]+)\}$/.exec(piece)?.[1];
    const value = name === undefined ? piece : values[name];
    if (value === undefined) throw new Error(`unknown placeholder ${piece} in "${template}"`);
    forms = forms.flatMap((before) =>
      elide && name !== undefined && VOWEL.test(value) && /[aeiou]$/.test(before) ? [before.slice(0, -1) + value, before + value] : [before + value],
    );
  }
  return forms;
}

function hundredsOf(n: NumberWords, rest: string, value: number): string[] {
  return n.hundred_and
    .flatMap((entry) => {
      if (typeof entry === 'string') return [entry];
      return value >= (entry.from ?? 1) && value <= (entry.to ?? 99) ? entry.forms : [];
    })
    .flatMap((t) => render(t, { rest }, n.elide_vowel).reverse());
}

/** Folded spelling → value, for 0 to 199: enough for ages and menu positions. */
export function numberTable(n: NumberWords): Map<string, number> {
  const below100 = new Map<number, string[]>();
  n.units.forEach((w, i) => below100.set(i, spellings(w)));
  n.tens.forEach((t, i) => {
    const tens = 20 + i * 10;
    below100.set(tens, spellings(t));
    for (let u = 1; u <= 9; u++) {
      below100.set(
        tens + u,
        spellings(t).flatMap((ts) =>
          spellings(n.units[u]).flatMap((us) => n.tens_and_unit.flatMap((tpl) => render(tpl, { tens: ts, unit: us }, n.elide_vowel))),
        ),
      );
    }
  });
  const words = new Map<string, number>();
  for (const [value, spelt] of below100) {
    for (const s of spelt) words.set(foldKey(s), value);
    if (value > 0) for (const r of spelt) for (const s of hundredsOf(n, r, value)) words.set(foldKey(s), 100 + value);
  }
  for (const s of n.hundred) words.set(foldKey(s), 100);
  return words;
}

/** Folded ordinal → position (1-based), from a list of each position's spellings. */
export function ordinalTable(ordinals: Spellings[]): Map<string, number> {
  return new Map(ordinals.flatMap((ws, i) => spellings(ws).map((w) => [foldKey(w), i + 1] as const)));
}
