// Cardinal and ordinal number words per language, as data plus a lookup, and the word folding both share; never parses a sentence.
// Words are written as spelt; the tables hold them folded, as the matchers compare them.

/** Eastern Arabic (٣) and Persian (۳) digits as 0–9, the Arabic decimal and thousands separators as "." and ",". */
export function westernDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',');
}

/** A message as the words the matchers compare: no accents or marks, lower case, one spelling where residents type several. */
export function fold(text: string): string[] {
  return westernDigits(text)
    .normalize('NFKD') // also makes fullwidth ３ and Ｏｋ plain
    .replace(/\p{M}/gu, '') // accents, Arabic vowel signs, hamza above or below (أ إ آ → ا)
    .toLowerCase()
    // Arabic letters residents write for one another: ة/ه, ى/ي; the tatweel only stretches a word
    .replace(/ـ/g, '')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    // The Ukrainian apostrophe is part of the word: п'ять is one word, as п’ять and пять
    .replace(/(\p{Script=Cyrillic})['’ʼ](?=\p{Script=Cyrillic})/gu, '$1')
    // Chinese runs digits into the words around them: 3号, 1948年3月, 选2
    .replace(/(\p{Nd})(?=\p{Script=Han})|(\p{Script=Han})(?=\p{Nd})/gu, '$1$2 ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

type Spellings = string | string[]; // one number's spellings: masculine, feminine, colloquial…

interface LanguageNumbers {
  units: Spellings[]; // 0..19
  tens: Spellings[]; // 20, 30, … 90
  tensAndUnit: (tens: string, unit: string) => string[];
  hundreds: (rest: string | undefined) => string[]; // spellings of 100 + rest
  ordinals: string[][]; // index 0 → 1st: every spelling, a phrase if need be ("al doilea")
  last: string[];
}

const startsWithVowel = (w: string) => /^[aeiou]/.test(w);
const ordinalsFrom = (roots: string[], spell: (root: string) => string[]) => roots.map(spell);

const ZH_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

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
  ro: {
    // "una" and "o" (one) are left out: both are everyday Italian words
    units: ['zero', 'unu', ['doi', 'două'], 'trei', 'patru', 'cinci', 'șase', 'șapte', 'opt', 'nouă', 'zece',
      ['unsprezece', 'unșpe'], ['doisprezece', 'douăsprezece', 'doișpe'], ['treisprezece', 'treișpe'], ['paisprezece', 'paișpe'],
      ['cincisprezece', 'cincișpe'], ['șaisprezece', 'șaișpe'], ['șaptesprezece', 'șaptișpe'], ['optsprezece', 'optișpe'],
      ['nouăsprezece', 'nouășpe']],
    tens: ['douăzeci', 'treizeci', 'patruzeci', 'cincizeci', 'șaizeci', 'șaptezeci', 'optzeci', 'nouăzeci'],
    tensAndUnit: (t, u) => [`${t} și ${u}`, `${t} ${u}`],
    hundreds: (rest) => ['o sută', 'una sută'].map((h) => (rest === undefined ? h : `${h} ${rest}`)),
    ordinals: [['primul', 'prima', 'întâi', 'întâiul'], ['al doilea', 'doilea', 'a doua'], ['al treilea', 'treilea', 'a treia', 'treia'],
      ['al patrulea', 'patrulea', 'a patra', 'patra'], ['al cincilea', 'cincilea', 'a cincea', 'cincea'],
      ['al șaselea', 'șaselea', 'a șasea', 'șasea'], ['al șaptelea', 'șaptelea', 'a șaptea', 'șaptea'],
      ['al optulea', 'optulea', 'a opta', 'opta'], ['al nouălea', 'nouălea', 'a noua'], ['al zecelea', 'zecelea', 'a zecea', 'zecea']],
    last: ['ultimul', 'ultima'],
  },
  uk: {
    // Collective numerals (троє, четверо) are how Ukrainians count people: "нас четверо"
    units: ['нуль', ['один', 'одна', 'одне', 'одного'], ['два', 'дві', 'двоє'], ['три', 'троє'], ['чотири', 'четверо'],
      ["п'ять", "п'ятеро"], ['шість', 'шестеро'], ['сім', 'семеро'], ['вісім', 'восьмеро'], ["дев'ять", "дев'ятеро"],
      ['десять', 'десятеро'], 'одинадцять', 'дванадцять', 'тринадцять', 'чотирнадцять', "п'ятнадцять", 'шістнадцять',
      'сімнадцять', 'вісімнадцять', "дев'ятнадцять"],
    tens: ['двадцять', 'тридцять', 'сорок', "п'ятдесят", 'шістдесят', 'сімдесят', 'вісімдесят', "дев'яносто"],
    tensAndUnit: (t, u) => [`${t} ${u}`],
    hundreds: (rest) => (rest === undefined ? ['сто'] : [`сто ${rest}`]),
    ordinals: ordinalsFrom(['перш', 'друг', 'трет', 'четверт', "п'ят", 'шост', 'сьом', 'восьм', "дев'ят", 'десят'], (r) =>
      r === 'трет' ? ['третій', 'третя', 'третє'] : [`${r}ий`, `${r}а`, `${r}е`]),
    last: ['останній', 'остання', 'останнє'],
  },
  ar: {
    units: ['صفر', ['واحد', 'واحدة'], ['اثنان', 'اثنين', 'اثنتان', 'اثنتين', 'اتنين'], ['ثلاثة', 'ثلاث', 'تلاتة', 'تلات'],
      ['أربعة', 'أربع'], ['خمسة', 'خمس'], ['ستة', 'ست'], ['سبعة', 'سبع'], ['ثمانية', 'ثماني', 'ثمان', 'تمانية'], ['تسعة', 'تسع'],
      ['عشرة', 'عشر'], ['أحد عشر', 'إحدى عشرة', 'حداشر'], ['اثنا عشر', 'اثني عشر', 'اثنتا عشرة', 'اثنتي عشرة', 'اتناشر'],
      ['ثلاثة عشر', 'ثلاث عشرة', 'تلتاشر'], ['أربعة عشر', 'أربع عشرة', 'أربعتاشر'], ['خمسة عشر', 'خمس عشرة', 'خمستاشر'],
      ['ستة عشر', 'ست عشرة', 'ستاشر'], ['سبعة عشر', 'سبع عشرة', 'سبعتاشر'], ['ثمانية عشر', 'ثماني عشرة', 'تمنتاشر'],
      ['تسعة عشر', 'تسع عشرة', 'تسعتاشر']],
    tens: [['عشرون', 'عشرين'], ['ثلاثون', 'ثلاثين'], ['أربعون', 'أربعين'], ['خمسون', 'خمسين'], ['ستون', 'ستين'],
      ['سبعون', 'سبعين'], ['ثمانون', 'ثمانين'], ['تسعون', 'تسعين']],
    // The unit comes first: خمسة وسبعون is 75; "و" (and) is written joined or apart
    tensAndUnit: (t, u) => [`${u} و${t}`, `${u} و ${t}`],
    hundreds: (rest) => ['مئة', 'مائة', 'مية'].flatMap((h) => (rest === undefined ? [h] : [`${h} و${rest}`, `${h} و ${rest}`])),
    ordinals: [['الأول', 'الأولى', 'أول', 'أولى'], ['الثاني', 'الثانية', 'ثاني', 'ثانية'], ['الثالث', 'الثالثة', 'ثالث', 'ثالثة'],
      ['الرابع', 'الرابعة', 'رابع'], ['الخامس', 'الخامسة', 'خامس'], ['السادس', 'السادسة', 'سادس'], ['السابع', 'السابعة', 'سابع'],
      ['الثامن', 'الثامنة', 'ثامن'], ['التاسع', 'التاسعة', 'تاسع'], ['العاشر', 'العاشرة', 'عاشر']],
    last: ['الأخير', 'الأخيرة', 'آخر واحد', 'آخر واحدة'],
  },
  sq: {
    units: ['zero', 'një', 'dy', ['tre', 'tri'], 'katër', 'pesë', 'gjashtë', 'shtatë', 'tetë', 'nëntë', 'dhjetë', 'njëmbëdhjetë',
      'dymbëdhjetë', 'trembëdhjetë', 'katërmbëdhjetë', 'pesëmbëdhjetë', 'gjashtëmbëdhjetë', 'shtatëmbëdhjetë', 'tetëmbëdhjetë',
      'nëntëmbëdhjetë'],
    tens: ['njëzet', 'tridhjetë', 'dyzet', 'pesëdhjetë', 'gjashtëdhjetë', 'shtatëdhjetë', 'tetëdhjetë', 'nëntëdhjetë'],
    tensAndUnit: (t, u) => [`${t} e ${u}`, `${t} ${u}`],
    hundreds: (rest) => (rest === undefined ? ['njëqind'] : [`njëqind e ${rest}`, `njëqind ${rest}`]),
    // "i/e" before the ordinal is the article: i dyti, e dyta, i dytë
    ordinals: [['i parë', 'e parë', 'i pari', 'e para', 'parë', 'pari', 'para'], ...ordinalsFrom(
      ['dytë', 'tretë', 'katërt', 'pestë', 'gjashtë', 'shtatë', 'tetë', 'nëntë', 'dhjetë'],
      (r) => {
        const stem = r.endsWith('ë') ? r.slice(0, -1) : r;
        return [`i ${r}`, `e ${r}`, `i ${stem}i`, `e ${stem}a`, r, `${stem}i`, `${stem}a`];
      },
    )],
    last: ['i fundit', 'e fundit', 'fundit', 'fundi'],
  },
  zh: {
    units: [['零', '〇'], '一', ['二', '两'], '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五',
      '十六', '十七', '十八', '十九'],
    tens: ['二十', '三十', '四十', '五十', '六十', '七十', '八十', '九十'],
    tensAndUnit: (t, u) => [t + u],
    // 一百零五, 一百一十五, 一百二十: never 一百五, which says 150
    hundreds: (rest) =>
      rest === undefined ? ['一百', '百'] : [rest.startsWith('十') ? `一百一${rest}` : rest.length === 1 ? `一百零${rest}` : `一百${rest}`],
    ordinals: ZH_DIGITS.map((d) => [`第${d}`, `第${d}个`, `第${d}项`, `第${d}条`]),
    last: ['最后', '最后一个', '最后一项', '最后的'],
  },
};

export const NUMBER_LANGUAGES = Object.keys(LANGUAGES);

const key = (spelling: string) => fold(spelling).join(' ');
const spellings = (s: Spellings | undefined) => (s === undefined ? [] : typeof s === 'string' ? [s] : s);

// Words are built up to 199: enough for ages and menu positions.
function cardinalsOf(lang: LanguageNumbers): Map<string, number> {
  const below100 = new Map<number, string[]>();
  lang.units.forEach((w, n) => below100.set(n, spellings(w)));
  lang.tens.forEach((t, i) => {
    const tens = 20 + i * 10;
    below100.set(tens, spellings(t));
    for (let u = 1; u <= 9; u++) {
      below100.set(tens + u, spellings(t).flatMap((ts) => spellings(lang.units[u]).flatMap((us) => lang.tensAndUnit(ts, us))));
    }
  });
  const words = new Map<string, number>();
  for (const [n, spelt] of below100) {
    for (const s of spelt) words.set(key(s), n);
    if (n > 0) for (const r of spelt) for (const s of lang.hundreds(r)) words.set(key(s), 100 + n);
  }
  for (const s of lang.hundreds(undefined)) words.set(key(s), 100);
  return words;
}

const CARDINALS = new Map(Object.entries(LANGUAGES).map(([code, l]) => [code, cardinalsOf(l)]));
const ORDINALS = new Map(
  Object.entries(LANGUAGES).map(([code, l]) => [code, new Map(l.ordinals.flatMap((ws, i) => ws.map((w) => [key(w), i + 1] as const)))]),
);
const LASTS = new Map(Object.entries(LANGUAGES).map(([code, l]) => [code, new Set(l.last.map(key))]));

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

/** An ordinal, given folded: one word ("terza") or a phrase ("al doilea", "e dyta"). */
export function ordinalValue(phrase: string, langs?: readonly string[]): number | 'last' | undefined {
  for (const code of pick(langs)) {
    const hit = ORDINALS.get(code)?.get(phrase);
    if (hit !== undefined) return hit;
    if (LASTS.get(code)?.has(phrase)) return 'last';
  }
  return undefined;
}
