// Forgiving readers of a resident's typed answer: menu choice, yes/no, a whole number; no I/O, no session.
import { distance } from 'fastest-levenshtein';
import { cardinalValue, fold, ordinalValue, westernDigits } from './number-words.js';

export { fold };

export type ChoiceOption = { id: string; labels: string[] };
export type ChoiceMatch =
  | { kind: 'match'; id: string; by: 'number' | 'label' | 'partial' | 'typo' }
  | { kind: 'ambiguous'; ids: string[] }
  | { kind: 'none' };

const phrases = (...list: string[]) => list.map(fold).filter((p) => p.length > 0);

// Removes every occurrence of the phrases (longest first), so "il primo per favore" reads "primo".
function without(words: string[], drop: string[][]): string[] {
  const sorted = [...drop].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const hit = sorted.find((p) => p.every((w, j) => words[i + j] === w));
    if (hit) i += hit.length;
    else out.push(words[i++] as string);
  }
  return out;
}

const HAN = /^\p{Script=Han}+$/u;
const hanWords = (list: string[][]) => new Set(list.flat().filter((w) => HAN.test(w)));

// Chinese writes no spaces: "好的谢谢" is 好的 + 谢谢. Known words are split off either end of a Chinese word,
// longest first; what is left in the middle stays one word, so an unknown word never passes for a known one.
function splitHan(words: string[], known: ReadonlySet<string>): string[] {
  const longest = (fits: (k: string) => boolean) => [...known].filter(fits).sort((a, b) => b.length - a.length)[0];
  return words.flatMap((word) => {
    if (!HAN.test(word)) return [word];
    const head: string[] = [];
    const tail: string[] = [];
    let rest = word;
    for (let k = longest((w) => rest.startsWith(w)); k && rest; k = longest((w) => rest.startsWith(w))) {
      head.push(k);
      rest = rest.slice(k.length);
    }
    for (let k = longest((w) => rest.endsWith(w)); k && rest; k = longest((w) => rest.endsWith(w))) {
      tail.unshift(k);
      rest = rest.slice(0, -k.length);
    }
    return [...head, ...(rest ? [rest] : []), ...tail];
  });
}

const POLITE = phrases('per favore', 'per piacere', 'perfavore', 'grazie', 'grazie mille', 'prego', 'please', 'pls',
  'thanks', 'thank you', 'thx', 'cortesemente',
  'te rog', 'vă rog', 'mulțumesc', 'mersi', // ro
  'будь ласка', 'дякую', 'дуже дякую', 'спасибі', 'спасибо', // uk, and the Russian many Ukrainians write
  'من فضلك', 'لو سمحت', 'لو سمحتي', 'شكرا', 'شكرا جزيلا', // ar
  'ju lutem', 'të lutem', 'faleminderit', 'flm', // sq
  '请', '谢谢', '谢谢你', '谢谢您', '多谢'); // zh
const CHOICE_FILLER = [...POLITE, ...phrases('il', 'lo', 'la', 'l', 'i', 'gli', 'le', 'un', 'the', 'a', 'an', 'vorrei',
  'voglio', 'scelgo', 'prendo', 'allora', 'ok', 'okay', 'quello', 'quella', 'i want', 'i d like', 'i would like',
  'i choose', 'i ll take', 'i take',
  'vreau', 'aș vrea', 'aleg', 'iau', // ro
  'я', 'хочу', 'обираю', 'оберу', 'вибираю', 'виберу', // uk
  'أريد', 'بدي', 'عايز', 'أختار', // ar
  'dua', 'zgjedh', 'marr')]; // sq
// Only to read a Chinese choice as a number: "我要第三个", "三号", "第3个"; labels never lose these.
const ZH_NUMBER_AFFIXES = phrases('我要', '我选', '我想要', '我选择', '选择', '选', '要', '给我', '第', '个', '项', '号', '吧', '啊', '了');
const ZH_NUMBER_KNOWN = hanWords([...CHOICE_FILLER, ...ZH_NUMBER_AFFIXES]);
// Ignored only when checking that the input's words appear in a label: "supporto per anziani".
const STOPWORDS = new Set(['di', 'da', 'del', 'della', 'dei', 'delle', 'per', 'e', 'a', 'al', 'alla', 'in', 'con',
  'su', 'of', 'for', 'and', 'to', 'with', 'on', 'de', 'pentru', 'cu', 'pe', 'з', 'для', 'і', 'та', 'в', 'у', 'на', 'في',
  'من', 'مع', 'على', 'الي', 'و', 'dhe', 'nga']);
const NUMBER_PREFIX = new Set(['numero', 'num', 'nr', 'n', 'no', 'number', 'opzione', 'option', 'scelta', 'choice',
  ...phrases('numărul', 'număr', 'opțiunea', 'varianta', 'номер', 'варіант', 'пункт', 'رقم', 'الرقم', 'الخيار', 'خيار', 'numri',
    'numër', 'opsioni', '选项', '编号').flat()]);
const ORDINAL_SUFFIX = new Set(['one', 'opzione', 'option', 'scelta', 'choice', ...phrases('opțiune', 'variantă', 'варіант',
  'пункт', 'opsion').flat()]);

// The whole input must be a number expression: "ho due figli" is not a choice of option 2.
function numberExpression(words: string[], langs?: readonly string[]): number | 'last' | undefined {
  const rest = words.length > 1 && NUMBER_PREFIX.has(words[0] as string) ? words.slice(1) : words;
  if (rest.length === 0) return undefined;
  if (rest.length === 1) {
    const digits = /^(\d{1,3})(st|nd|rd|th|o|a)?$/.exec(rest[0] as string);
    if (digits) return Number(digits[1]);
  }
  const ordinal = ordinalValue(rest.join(' '), langs);
  if (ordinal !== undefined) return ordinal;
  if (rest.length >= 2 && ORDINAL_SUFFIX.has(rest[rest.length - 1] as string)) {
    const before = ordinalValue(rest.slice(0, -1).join(' '), langs);
    if (before !== undefined) return before;
  }
  return cardinalValue(rest, langs);
}

// A Chinese character says about as much as a short Latin word: "作业" is enough to look for.
function chineseNumber(core: string[], langs?: readonly string[]): number | 'last' | undefined {
  const split = splitHan(core, ZH_NUMBER_KNOWN);
  const rest = without(split, ZH_NUMBER_AFFIXES);
  return rest.length > 0 && rest.length < split.length ? numberExpression(rest, langs) : undefined;
}

const letters = (words: string[]) => [...words.join('')].reduce((n, ch) => n + (HAN.test(ch) ? 3 : 1), 0);
const typoBudget = (length: number) => (length <= 3 ? 0 : length <= 6 ? 1 : 2);

// Levenshtein counts a swap of two neighbouring letters as 2; residents make it often, so it costs 1 here.
function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i] ? 1 : d;
}

interface Label {
  full: string;
  core: string[];
}

function decide(ids: string[], by: 'label' | 'partial' | 'typo'): ChoiceMatch | undefined {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? { kind: 'match', id: unique[0] as string, by } : { kind: 'ambiguous', ids: unique };
}

export function matchChoice(input: string, options: ChoiceOption[], opts: { langs?: string[] } = {}): ChoiceMatch {
  const all = fold(input);
  if (all.length === 0) return { kind: 'none' };
  const core = without(all, CHOICE_FILLER);

  const n = core.length > 0 ? numberExpression(core, opts.langs) ?? chineseNumber(core, opts.langs) : undefined;
  if (n !== undefined) {
    const option = options[n === 'last' ? options.length - 1 : n - 1];
    return option ? { kind: 'match', id: option.id, by: 'number' } : { kind: 'none' };
  }

  const labelled = options.map((o) => ({
    id: o.id,
    labels: o.labels.map((l): Label => {
      const words = fold(l);
      const stripped = without(words, CHOICE_FILLER);
      return { full: words.join(' '), core: stripped.length > 0 ? stripped : words };
    }),
  }));
  const inputCore = core.length > 0 ? core : all;
  const coreText = inputCore.join(' ');

  const allText = all.join(' ');
  const exact = labelled.filter((o) => o.labels.some((l) => l.full === allText || l.core.join(' ') === coreText));
  const byLabel = decide(exact.map((o) => o.id), 'label');
  if (byLabel) return byLabel;
  if (letters(inputCore) < 3) return { kind: 'none' };

  const wanted = inputCore.filter((w) => !STOPWORDS.has(w));
  if (wanted.length === 0) return { kind: 'none' };
  // Chinese has no spaces to start a word at: "作业" is in "辅导作业".
  const inLabel = (w: string, l: Label) =>
    l.core.some((v) => v === w || (w.length >= 3 && v.startsWith(w)) || (HAN.test(w) && w.length >= 2 && v.includes(w)));
  const partial = labelled.filter((o) =>
    o.labels.some(
      (l) =>
        wanted.every((w) => inLabel(w, l)) ||
        (letters(l.core) >= 3 && ` ${coreText} `.includes(` ${l.core.join(' ')} `)),
    ),
  );
  const byPartial = decide(partial.map((o) => o.id), 'partial');
  if (byPartial) return byPartial;

  const typoScore = (l: Label): number => {
    const whole = typoDistance(coreText, l.core.join(' '));
    let words = 0;
    for (const w of wanted) {
      if (inLabel(w, l)) continue;
      const best = Math.min(...l.core.map((v) => typoDistance(w, v)));
      if (best > typoBudget(w.length)) {
        words = Infinity;
        break;
      }
      words += best;
    }
    return Math.min(whole <= typoBudget(coreText.length) ? whole : Infinity, words);
  };
  const scored = labelled.map((o) => ({ id: o.id, score: Math.min(...o.labels.map(typoScore)) }));
  const best = Math.min(...scored.map((s) => s.score));
  if (best === Infinity) return { kind: 'none' };
  return decide(scored.filter((s) => s.score === best).map((s) => s.id), 'typo') ?? { kind: 'none' };
}

const YES = phrases('si', 'certo', 'certamente', 'va bene', 'ok', 'okay', 'okey', 'd accordo', 'daccordo', 'esatto',
  'esattamente', 'giusto', 'confermo', 'perfetto', 'certo che si', 'yes', 'yeah', 'yep', 'yup', 'sure', 'correct',
  'confirm', 'of course', 'absolutely', 'si si',
  'da', 'da da', 'desigur', 'sigur', 'bineînțeles', 'firește', 'bine', 'e bine', 'în regulă', 'corect', 'exact', 'confirm',
  'de acord', 'sunt de acord', // ro
  'так', 'так так', 'звісно', 'звичайно', 'авжеж', 'добре', 'гаразд', 'згоден', 'згодна', 'підтверджую', 'точно',
  'правильно', 'ок', 'окей', 'ага', 'да', 'конечно', // uk, and the Russian many Ukrainians write
  'نعم', 'نعم نعم', 'أجل', 'موافق', 'موافقة', 'أوافق', 'طبعا', 'بالتأكيد', 'أكيد', 'تمام', 'حسنا', 'صحيح', 'صح', 'أيوه',
  'أيوة', 'ايوا', 'أوكي', 'ماشي', // ar
  'po', 'po po', 'sigurisht', 'patjetër', 'dakord', 'jam dakord', 'në rregull', 'mirë', 'shumë mirë', 'saktë', 'konfirmoj',
  'pranoj', // sq
  '是', '是的', '对', '对的', '好', '好的', '好吧', '行', '可以', '嗯', '嗯嗯', '确认', '确定', '同意', '没问题', '当然',
  '当然可以', '要', '需要', '有'); // zh
const NO = phrases('no', 'nope', 'nah', 'non voglio', 'non confermo', 'non va bene', 'non ancora', 'assolutamente no',
  'certo che no', 'non mi interessa', 'no way', 'not really', 'not yet', 'no no',
  'nu', 'nu nu', 'nu vreau', 'nu confirm', 'nu sunt de acord', 'nu e bine', 'nu încă', 'încă nu', 'deloc', 'nu am', 'n am',
  'nicidecum', // ro
  'ні', 'ні ні', 'не хочу', 'не треба', 'не потрібно', 'не згоден', 'не згодна', 'ще ні', 'немає', 'нема', 'нет', // uk, ru
  'لا', 'لا لا', 'كلا', 'أبدا', 'لا أريد', 'لا أوافق', 'غير موافق', 'مش موافق', 'ليس الآن', 'ليس بعد', 'ما عندي',
  'ليس لدي', 'لا يوجد', // ar: لأ folds to لا
  'jo', 'jo jo', 'nuk dua', 'nuk jam dakord', 'nuk konfirmoj', 'ende jo', 'jo ende', 'aspak', 'nuk kam', 's kam', // sq
  '不', '不是', '不要', '不用', '不用了', '没有', '没', '否', '不行', '不对', '不好', '不同意', '不需要', '不可以',
  '算了'); // zh
const YES_NO_FILLER = [...POLITE, ...phrases('allora', 'beh', 'well', 'oh', 'ah', 'eh', 'mh', 'păi', 'ei', 'ну', 'يا',
  '吧', '啊', '呀', '哦', '噢', '了', '啦', '的', '呢', '嘛', '那', '那么')];
const YES_NO_HAN = hanWords([...YES, ...NO, ...YES_NO_FILLER]);

// Elongated answers ("siii", "nooo", "okkk") are common and unambiguous.
function squeeze(word: string): string {
  if (/^s+i+$/.test(word)) return 'si';
  if (/^n+o+$/.test(word)) return 'no';
  if (/^o+k+$/.test(word)) return 'ok';
  if (/^y+e+s+$/.test(word)) return 'yes';
  return word;
}

export function matchYesNo(input: string): 'yes' | 'no' | undefined {
  const emojiAsWords = input.replace(/👍|✅|👌|✔/gu, ' si ').replace(/👎|❌|✖/gu, ' no ');
  const words = splitHan(fold(emojiAsWords).map(squeeze), YES_NO_HAN);
  const rest = without(words, YES_NO_FILLER);
  if (rest.length === 0) return undefined;
  const afterYes = without(rest, YES);
  const afterNo = without(rest, NO);
  if (afterYes.length === 0 && afterNo.length > 0) return 'yes';
  if (afterNo.length === 0 && afterYes.length > 0) return 'no';
  return undefined;
}

const NUMBER_FILLER = phrases('ha', 'ho', 'hanno', 'abbiamo', 'ne ha', 'sono', 'e', 'di', 'anni', 'anno', 'eta',
  'circa', 'years', 'year', 'yrs', 'old', 'about', 'around', 'aged', 'age', 'is', 'he', 'she', 's', 'i', 'm', 'am',
  'and', 'it',
  'are', 'ani', 'de', 'an', 'sunt', 'suntem', 'este', 'cam', 'aproximativ', 'vârsta', 'persoane', // ro
  'мені', 'йому', 'їй', 'років', 'роки', 'рік', 'нас', 'є', 'приблизно', 'близько', 'десь', 'людей', 'особи', // uk
  'عمري', 'عمره', 'عمرها', 'سنة', 'سنوات', 'سنين', 'عام', 'أعوام', 'نحن', 'حوالي', 'تقريبا', 'عندي', 'عنده', 'عندها',
  'لدي', 'أشخاص', 'أفراد', // ar
  'jam', 'është', 'ka', 'kam', 'jemi', 'vjeç', 'vjet', 'rreth', 'mosha', 'veta', 'persona', // sq
  '我', '我们', '他', '她', '他们', '今年', '有', '是', '岁', '周岁', '个', '人', '口人', '一共', '共', '总共', '家里', '大约');
const NUMBER_HAN = hanWords(NUMBER_FILLER);
const NEGATIVE = new Set(phrases('meno', 'minus', 'мінус', 'ناقص', 'سالب', '负').flat());

export function parseNumberAnswer(input: string): number | undefined {
  const plain = westernDigits(input).toLowerCase().replace(/(\d)[.,'’](?=\d{3}(?!\d))/g, '$1');
  if (/\d[.,]\d/.test(plain)) return undefined; // a decimal is not a whole number
  if (/(^|[^\p{L}\p{N}])[-−–]\s*\d/u.test(plain)) return undefined;
  const words = splitHan(fold(plain), NUMBER_HAN);
  if (words.some((w) => NEGATIVE.has(w))) return undefined;
  const hadUnit = words.some((w) => /^(anno|anni|year|years)$/.test(w));
  const rest = without(words, NUMBER_FILLER);
  if (rest.length === 1 && /^\d+$/.test(rest[0] as string)) {
    const n = Number(rest[0]);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (hadUnit && rest.length === 1 && ['un', 'una', 'a', 'an'].includes(rest[0] as string)) return 1;
  return rest.length > 0 ? cardinalValue(rest) : undefined;
}
