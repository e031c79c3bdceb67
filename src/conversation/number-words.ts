// Cardinal and ordinal number words per language, as data plus a lookup; never parses a sentence.
// Words are written folded (lower case, no diacritics), as the matchers compare them.

interface LanguageNumbers {
  units: string[]; // 0..19
  tens: string[]; // 20, 30, … 90
  tensAndUnit: (tens: string, unit: string) => string[];
  hundreds: (rest: string | undefined) => string[]; // spellings of 100 + rest
  ordinals: string[][]; // index 0 → 1st: every spelling (masculine, feminine…)
  last: string[];
}

const startsWithVowel = (w: string) => /^[aeiou]/.test(w);

const LANGUAGES: Record<string, LanguageNumbers> = {
  it: {
    units: ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici',
      'dodici', 'tredici', 'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove'],
    tens: ['venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta'],
    // ventuno, trentotto: the tens drop their vowel before uno/otto; the full form is a common slip, so accept it
    tensAndUnit: (t, u) => (startsWithVowel(u) ? [t.slice(0, -1) + u, t + u] : [t + u]),
    hundreds: (rest) => (rest === undefined ? ['cento'] : ['cento' + rest, ...(startsWithVowel(rest) ? ['cent' + rest] : [])]),
    ordinals: [['primo', 'prima'], ['secondo', 'seconda'], ['terzo', 'terza'], ['quarto', 'quarta'], ['quinto', 'quinta'],
      ['sesto', 'sesta'], ['settimo', 'settima'], ['ottavo', 'ottava'], ['nono', 'nona'], ['decimo', 'decima']],
    last: ['ultimo', 'ultima'],
  },
  en: {
    units: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
      'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'],
    tens: ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'],
    tensAndUnit: (t, u) => [`${t} ${u}`, t + u],
    hundreds: (rest) =>
      ['one hundred', 'a hundred', 'hundred'].flatMap((h) => (rest === undefined ? [h] : [`${h} ${rest}`, `${h} and ${rest}`])),
    ordinals: [['first'], ['second'], ['third'], ['fourth'], ['fifth'], ['sixth'], ['seventh'], ['eighth'], ['ninth'], ['tenth']],
    last: ['last'],
  },
};

export const NUMBER_LANGUAGES = Object.keys(LANGUAGES);

// Words are built up to 199: enough for ages and menu positions.
function cardinalsOf(lang: LanguageNumbers): Map<string, number> {
  const below100 = new Map<number, string[]>();
  lang.units.forEach((w, n) => below100.set(n, [w]));
  lang.tens.forEach((t, i) => {
    const tens = 20 + i * 10;
    below100.set(tens, [t]);
    for (let u = 1; u <= 9; u++) below100.set(tens + u, lang.tensAndUnit(t, lang.units[u] ?? ''));
  });
  const words = new Map<string, number>();
  for (const [n, spellings] of below100) {
    for (const s of spellings) words.set(s, n);
    if (n > 0) for (const r of spellings) for (const s of lang.hundreds(r)) words.set(s, 100 + n);
  }
  for (const s of lang.hundreds(undefined)) words.set(s, 100);
  return words;
}

const CARDINALS = new Map(Object.entries(LANGUAGES).map(([code, l]) => [code, cardinalsOf(l)]));
const ORDINALS = new Map(
  Object.entries(LANGUAGES).map(([code, l]) => [code, new Map(l.ordinals.flatMap((ws, i) => ws.map((w) => [w, i + 1] as const)))]),
);

const pick = (langs: readonly string[] | undefined) => langs ?? NUMBER_LANGUAGES;

// Accepts "settanta cinque" as well as "settantacinque", "seventy five" as well as "seventyfive".
export function cardinalValue(words: readonly string[], langs?: readonly string[]): number | undefined {
  for (const code of pick(langs)) {
    const table = CARDINALS.get(code);
    const hit = table?.get(words.join(' ')) ?? table?.get(words.join(''));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export function ordinalValue(word: string, langs?: readonly string[]): number | 'last' | undefined {
  for (const code of pick(langs)) {
    const hit = ORDINALS.get(code)?.get(word);
    if (hit !== undefined) return hit;
    if (LANGUAGES[code]?.last.includes(word)) return 'last';
  }
  return undefined;
}
