import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { matchChoice, matchYesNo, parseNumberAnswer, type ChoiceOption } from '../../src/conversation/choice-match.js';
import { cardinalValue, fold, ordinalValue } from '../../src/conversation/number-words.js';
import { LOCALES_DIR } from '../../src/paths.js';
import { lexicon } from '../support/lexicon.js';

const SERVICES: ChoiceOption[] = [
  { id: 'doposcuola', labels: ['Doposcuola online', 'After-school online'] },
  { id: 'psico', labels: ['Supporto psicologico anziani'] },
  { id: 'pedago', labels: ['Supporto pedagogico'] },
  { id: 'pasti', labels: ['Pasti a domicilio', 'Meals at home'] },
  { id: 'trasporto', labels: ['Trasporto sociale'] },
];

describe('matchChoice', () => {
  it.each([
    ['2', 'psico'],
    ['2.', 'psico'],
    [' 2 ', 'psico'],
    ['2️⃣', 'psico'],
    ['n. 2', 'psico'],
    ['numero 2', 'psico'],
    ['la numero due', 'psico'],
    ['due', 'psico'],
    ['secondo', 'psico'],
    ['la seconda', 'psico'],
    ['il primo', 'doposcuola'],
    ['il primo per favore', 'doposcuola'],
    ['Primo!', 'doposcuola'],
    ['two', 'psico'],
    ['second', 'psico'],
    ['the second one', 'psico'],
    ['option 2', 'psico'],
    ['2nd', 'psico'],
    ['2°', 'psico'],
    ['la terza opzione', 'pedago'],
    ['cinque', 'trasporto'],
    ['l’ultimo', 'trasporto'],
    ['the last one', 'trasporto'],
    ['1 grazie', 'doposcuola'],
  ])('%j → %s by number', (input, id) => {
    expect(matchChoice(input, SERVICES, lexicon)).toEqual({ kind: 'match', id, by: 'number' });
  });

  it.each([
    ['Doposcuola online', 'doposcuola'],
    ['DOPOSCUOLA ONLINE!!', 'doposcuola'],
    ['doposcuola online 🙏', 'doposcuola'],
    ['il doposcuola online grazie', 'doposcuola'],
    ['Supporto pedagogico', 'pedago'],
    ['meals at home', 'pasti'],
    ['trasporto sociale per favore', 'trasporto'],
  ])('%j → %s by label', (input, id) => {
    expect(matchChoice(input, SERVICES, lexicon)).toEqual({ kind: 'match', id, by: 'label' });
  });

  it.each([
    ['doposcuola', 'doposcuola'],
    ['dopo', 'doposcuola'],
    ['Doposcuola onl', 'doposcuola'],
    ['psicologico', 'psico'],
    ['supporto per anziani', 'psico'],
    ['pasti', 'pasti'],
    ['trasporto', 'trasporto'],
    ['meals', 'pasti'],
    ['vorrei il trasporto sociale per mia madre', 'trasporto'],
  ])('%j → %s by partial label', (input, id) => {
    expect(matchChoice(input, SERVICES, lexicon)).toEqual({ kind: 'match', id, by: 'partial' });
  });

  it.each([
    ['doposcula', 'doposcuola'],
    ['dopsocuola', 'doposcuola'],
    ['Doposcuola onlien', 'doposcuola'],
    ['psicolgico', 'psico'],
    ['supporto pedagocico', 'pedago'],
    ['trasproto', 'trasporto'],
    ['pasto', 'pasti'],
    ['doposcuóla onlime', 'doposcuola'],
  ])('%j → %s by typo', (input, id) => {
    expect(matchChoice(input, SERVICES, lexicon)).toEqual({ kind: 'match', id, by: 'typo' });
  });

  it('reports ambiguity when a word belongs to several labels', () => {
    expect(matchChoice('supporto', SERVICES, lexicon)).toEqual({ kind: 'ambiguous', ids: ['psico', 'pedago'] });
    expect(matchChoice('suporto', SERVICES, lexicon)).toEqual({ kind: 'ambiguous', ids: ['psico', 'pedago'] });
  });

  it.each(['', '   ', '??', '🙂', 'asdfgh', 'xyz', 'ok', 'ho due figli', 'a', '6', 'sesto', '0', 'numero', 'sì grazie', 'non so', 'per', 'di'])(
    '%j → none',
    (input) => {
      expect(matchChoice(input, SERVICES, lexicon)).toEqual({ kind: 'none' });
    },
  );

  it('takes the whole label before a shorter one it contains', () => {
    const options = [
      { id: 'a', labels: ['Doposcuola'] },
      { id: 'b', labels: ['Doposcuola online'] },
    ];
    expect(matchChoice('doposcuola', options, lexicon)).toEqual({ kind: 'match', id: 'a', by: 'label' });
    expect(matchChoice('doposcuola online', options, lexicon)).toEqual({ kind: 'match', id: 'b', by: 'label' });
  });

  it('matches yes/no options by label, politeness ignored', () => {
    const yesNo = [
      { id: 'yes', labels: ['Sì', 'Yes'] },
      { id: 'no', labels: ['No'] },
    ];
    expect(matchChoice('sì grazie', yesNo, lexicon)).toEqual({ kind: 'match', id: 'yes', by: 'label' });
    expect(matchChoice('no grazie', yesNo, lexicon)).toEqual({ kind: 'match', id: 'no', by: 'label' });
    expect(matchChoice('1', yesNo, lexicon)).toEqual({ kind: 'match', id: 'yes', by: 'number' });
    expect(matchChoice('3', yesNo, lexicon)).toEqual({ kind: 'none' });
  });

  it('reads number words only in the languages asked for', () => {
    expect(matchChoice('two', SERVICES, lexicon, { langs: ['it'] })).toEqual({ kind: 'none' });
    expect(matchChoice('due', SERVICES, lexicon, { langs: ['it'] })).toMatchObject({ id: 'psico' });
  });
});

describe('matchYesNo', () => {
  it.each([
    'sì',
    'si',
    'Sì!',
    'SI',
    'siii',
    'certo',
    'va bene',
    'ok',
    'Okay',
    "d'accordo",
    'd’accordo',
    'esatto',
    'confermo',
    'yes',
    'Yeah',
    'yep',
    'sure',
    'correct',
    'confirm',
    'sì grazie',
    'sì, per favore',
    'yes please',
    'ok va bene',
    '👍',
    'sì certo',
    'certo che sì',
  ])('%j → yes', (input) => {
    expect(matchYesNo(input, lexicon)).toBe('yes');
  });

  it.each(['no', 'No.', 'nooo', 'nope', 'non voglio', 'no grazie', 'No, grazie', 'no thanks', 'no thank you', 'non va bene', '👎', 'certo che no'])(
    '%j → no',
    (input) => {
      expect(matchYesNo(input, lexicon)).toBe('no');
    },
  );

  it.each(['1', '2', 'annulla', 'forse', 'sì no', 'grazie', '', 'non lo so', 'si ma domani', 'menu'])('%j → undefined', (input) => {
    expect(matchYesNo(input, lexicon)).toBeUndefined();
  });
});

describe('parseNumberAnswer', () => {
  it.each([
    ['8', 8],
    ['8 anni', 8],
    ['ha 8 anni', 8],
    ['ho 75 anni', 75],
    ['0', 0],
    ['otto', 8],
    ['settanta', 70],
    ['settantacinque', 75],
    ['settanta cinque', 75],
    ['novantanove', 99],
    ['cento', 100],
    ['centoventi', 120],
    ['cento e venti', 120],
    ['ventuno', 21],
    ['ventiuno', 21],
    ['trentotto', 38],
    ['ventitré', 23],
    ['diciassette', 17],
    ['centootto', 108],
    ['centotto', 108],
    ['seventy-five', 75],
    ['twelve', 12],
    ['eight years old', 8],
    ["he's 8", 8],
    ['one hundred and twenty', 120],
    ['a hundred', 100],
    ['un anno', 1],
    ['15.000', 15000],
    ['8.', 8],
  ])('%j → %d', (input, n) => {
    expect(parseNumberAnswer(input, lexicon)).toBe(n);
  });

  it.each(['-3', 'meno tre', 'minus 3', '2,5', '1.5', 'boh', '', 'otto e mezzo', '8-10', 'mio figlio', 'due tre'])('%j → undefined', (input) => {
    expect(parseNumberAnswer(input, lexicon)).toBeUndefined();
  });

  it('knows every Italian cardinal from zero to 120', () => {
    const units = [
      'zero',
      'uno',
      'due',
      'tre',
      'quattro',
      'cinque',
      'sei',
      'sette',
      'otto',
      'nove',
      'dieci',
      'undici',
      'dodici',
      'tredici',
      'quattordici',
      'quindici',
      'sedici',
      'diciassette',
      'diciotto',
      'diciannove',
    ];
    const tens = ['venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta'];
    const word = (n: number): string => {
      if (n >= 100) return n === 100 ? 'cento' : `cento${word(n - 100)}`;
      if (n < 20) return units[n] as string;
      const t = tens[Math.floor(n / 10) - 2] as string;
      const u = n % 10;
      return u === 0 ? t : u === 1 || u === 8 ? t.slice(0, -1) + units[u]! : t + units[u]!;
    };
    for (let n = 0; n <= 120; n++) expect([word(n), cardinalValue([word(n)], lexicon, ['it'])]).toEqual([word(n), n]);
  });
});

describe('number words', () => {
  it('has masculine and feminine Italian ordinals and English ones', () => {
    expect(ordinalValue('terza', lexicon)).toBe(3);
    expect(ordinalValue('terzo', lexicon)).toBe(3);
    expect(ordinalValue('third', lexicon)).toBe(3);
    expect(ordinalValue('ultima', lexicon)).toBe('last');
    expect(ordinalValue('third', lexicon, ['it'])).toBeUndefined();
  });
});

describe('in Romanian, Ukrainian, Arabic, Albanian and Chinese', () => {
  const FIVE: ChoiceOption[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, labels: [`option ${id}`] }));

  it.each([
    ['ro', 'trei', 'c'],
    ['ro', 'al doilea', 'b'],
    ['ro', 'a doua', 'b'],
    ['ro', 'a treia variantă', 'c'],
    ['ro', 'primul', 'a'],
    ['ro', 'ultima', 'e'],
    ['ro', 'opțiunea 2', 'b'],
    ['ro', 'numărul doi', 'b'],
    ['ro', 'vreau a treia, vă rog', 'c'],
    ['uk', 'три', 'c'],
    ['uk', 'третій', 'c'],
    ['uk', 'третя', 'c'],
    ['uk', "п'ятий", 'e'],
    ['uk', 'п’ять', 'e'],
    ['uk', 'перший', 'a'],
    ['uk', 'останній', 'e'],
    ['uk', 'номер 2', 'b'],
    ['uk', 'другий варіант', 'b'],
    ['uk', 'хочу другий, будь ласка', 'b'],
    ['ar', 'ثلاثة', 'c'],
    ['ar', 'ثلاثه', 'c'],
    ['ar', 'الثالث', 'c'],
    ['ar', 'الثالثة', 'c'],
    ['ar', 'الخيار الثاني', 'b'],
    ['ar', 'رقم ٢', 'b'],
    ['ar', 'الأول من فضلك', 'a'],
    ['ar', 'الأخير', 'e'],
    ['ar', 'واحد', 'a'],
    ['sq', 'tre', 'c'],
    ['sq', 'tri', 'c'],
    ['sq', 'i dyti', 'b'],
    ['sq', 'e dyta', 'b'],
    ['sq', 'e treta', 'c'],
    ['sq', 'i pari', 'a'],
    ['sq', 'e fundit', 'e'],
    ['sq', 'numri 4', 'd'],
    ['sq', 'opsioni i dytë', 'b'],
    ['sq', 'katër', 'd'],
    ['zh', '三', 'c'],
    ['zh', '第三', 'c'],
    ['zh', '第三个', 'c'],
    ['zh', '我要第三个', 'c'],
    ['zh', '第二个吧', 'b'],
    ['zh', '三号', 'c'],
    ['zh', '3号', 'c'],
    ['zh', '第3个', 'c'],
    ['zh', '选项2', 'b'],
    ['zh', '最后一个', 'e'],
    ['zh', '两', 'b'],
    ['zh', '２', 'b'],
  ])('%s: %j → %s by number', (lang, input, id) => {
    expect(matchChoice(input, FIVE, lexicon, { langs: [lang, 'it', 'en'] })).toEqual({ kind: 'match', id, by: 'number' });
  });

  it.each(['٣', '۳', '٣.', 'رقم ٣', '3'])('reads Eastern Arabic digits: %j → c', (input) => {
    expect(matchChoice(input, FIVE, lexicon, { langs: ['ar'] })).toEqual({ kind: 'match', id: 'c', by: 'number' });
  });

  it('leaves a Chinese sentence that only contains a number alone', () => {
    expect(matchChoice('三个人', FIVE, lexicon, { langs: ['zh'] })).toEqual({ kind: 'none' });
    expect(matchChoice('我要', FIVE, lexicon, { langs: ['zh'] })).toEqual({ kind: 'none' });
  });

  it('finds a Chinese word inside a label, which has no spaces to start it at', () => {
    const services = [
      { id: 'homework', labels: ['辅导作业'] },
      { id: 'elderly', labels: ['陪伴老人'] },
      { id: 'meals', labels: ['送餐上门'] },
    ];
    expect(matchChoice('作业', services, lexicon, { langs: ['zh'] })).toEqual({ kind: 'match', id: 'homework', by: 'partial' });
    expect(matchChoice('老人', services, lexicon, { langs: ['zh'] })).toEqual({ kind: 'match', id: 'elderly', by: 'partial' });
    expect(matchChoice('辅导作业', services, lexicon, { langs: ['zh'] })).toEqual({ kind: 'match', id: 'homework', by: 'label' });
    expect(matchChoice('人', services, lexicon, { langs: ['zh'] })).toEqual({ kind: 'none' });
  });

  it.each([
    ['ro', ['da', 'Da!', 'da, vă rog', 'Da, te rog', 'desigur', 'sigur', 'bineînțeles', 'de acord', 'sunt de acord', 'bine', 'corect']],
    ['uk', ['так', 'Так!', 'так, будь ласка', 'так, дякую', 'звісно', 'звичайно', 'добре', 'гаразд', 'згодна', 'ок', 'да']],
    ['ar', ['نعم', 'نعم من فضلك', 'نعم، شكراً', 'أجل', 'اجل', 'موافق', 'موافقة', 'طبعاً', 'أكيد', 'حسناً', 'تمام', 'أيوه']],
    ['sq', ['po', 'Po!', 'po, ju lutem', 'po faleminderit', 'sigurisht', 'patjetër', 'dakord', 'në rregull', 'mirë']],
    ['zh', ['是', '是的', '好', '好的', '好的，谢谢', '好的谢谢', '对', '对的', '可以', '可以的', '行', '嗯', '确认', '同意', '没问题', '当然']],
  ])('%s: yes', (_, inputs) => {
    expect(inputs.map((i) => [i, matchYesNo(i, lexicon)])).toEqual(inputs.map((i) => [i, 'yes']));
  });

  it.each([
    ['ro', ['nu', 'Nu.', 'nu, mulțumesc', 'nu mersi', 'nu vreau', 'nu sunt de acord', 'încă nu', 'nu am']],
    ['uk', ['ні', 'Ні!', 'ні, дякую', 'не хочу', 'не треба', 'ще ні', 'немає', 'нет']],
    ['ar', ['لا', 'لأ', 'لا شكرا', 'لا، شكراً', 'كلا', 'لا أريد', 'غير موافق', 'ليس لدي']],
    ['sq', ['jo', 'Jo.', 'jo, faleminderit', 'nuk dua', 'nuk jam dakord', 'ende jo', 'nuk kam']],
    ['zh', ['不', '不是', '不要', '不用', '不用了', '不用了，谢谢', '不用了谢谢', '没有', '没有了', '否', '不行', '不需要', '算了']],
  ])('%s: no', (_, inputs) => {
    expect(inputs.map((i) => [i, matchYesNo(i, lexicon)])).toEqual(inputs.map((i) => [i, 'no']));
  });

  it.each([
    '是不是',
    '不好意思',
    '对不起',
    '好几个',
    '有没有作业辅导',
    'da și nu',
    'так ні',
    'نعم لا',
    'po jo',
    'un po',
    'da domani',
    'mulțumesc',
    'дякую',
    'شكرا',
    '谢谢',
  ])('%j → undefined', (input) => {
    expect(matchYesNo(input, lexicon)).toBeUndefined();
  });

  it.each([
    ['3', 3],
    ['trei', 3],
    ['75 de ani', 75],
    ['are 9 ani', 9],
    ['suntem trei', 3],
    ['douăzeci și unu', 21],
    ['șaptezeci și cinci', 75],
    ['o sută', 100],
    ['nouăsprezece', 19],
    ['три', 3],
    ['мені 75 років', 75],
    ["сімдесят п'ять", 75],
    ['нас четверо', 4],
    ['троє', 3],
    ["дев'ятнадцять", 19],
    ['сто', 100],
    ['٧٥', 75],
    ['۷۵', 75],
    ['٧٥ سنة', 75],
    ['عمري ٧٥ سنة', 75],
    ['ثلاثة', 3],
    ['خمسة وسبعون', 75],
    ['خمسة و سبعين', 75],
    ['نحن ثلاثة أشخاص', 3],
    ['مئة', 100],
    ['١٥٬٠٠٠', 15000],
    ['tre', 3],
    ['jemi tre', 3],
    ['shtatëdhjetë e pesë', 75],
    ['është 9 vjeç', 9],
    ['njëzet', 20],
    ['njëqind', 100],
    ['三', 3],
    ['75岁', 75],
    ['七十五岁', 75],
    ['我们三个人', 3],
    ['家里有三口人', 3],
    ['两个', 2],
    ['二十', 20],
    ['一百零五', 105],
    ['一百一十五', 115],
    ['十九', 19],
  ])('parseNumberAnswer %j → %d', (input, n) => {
    expect(parseNumberAnswer(input, lexicon)).toBe(n);
  });

  it.each(['٣٫٥', 'мінус 3', 'سالب ٣', '负三', '老人', '我不知道'])('parseNumberAnswer %j → undefined', (input) => {
    expect(parseNumberAnswer(input, lexicon)).toBeUndefined();
  });
});

describe('number words in every language', () => {
  // 0, 1, 2, 3, 10, 11, 15, 19, 20, 30, 45, 75, 99, 100, 105: each language's spelling
  const SAMPLES: Record<string, string[]> = {
    ro: [
      'zero',
      'unu',
      'doi',
      'trei',
      'zece',
      'unsprezece',
      'cincisprezece',
      'nouăsprezece',
      'douăzeci',
      'treizeci',
      'patruzeci și cinci',
      'șaptezeci și cinci',
      'nouăzeci și nouă',
      'o sută',
      'o sută cinci',
    ],
    uk: [
      'нуль',
      'один',
      'два',
      'три',
      'десять',
      'одинадцять',
      "п'ятнадцять",
      "дев'ятнадцять",
      'двадцять',
      'тридцять',
      "сорок п'ять",
      "сімдесят п'ять",
      "дев'яносто дев'ять",
      'сто',
      "сто п'ять",
    ],
    ar: [
      'صفر',
      'واحد',
      'اثنان',
      'ثلاثة',
      'عشرة',
      'أحد عشر',
      'خمسة عشر',
      'تسعة عشر',
      'عشرون',
      'ثلاثون',
      'خمسة وأربعون',
      'خمسة وسبعون',
      'تسعة وتسعون',
      'مئة',
      'مئة وخمسة',
    ],
    sq: [
      'zero',
      'një',
      'dy',
      'tre',
      'dhjetë',
      'njëmbëdhjetë',
      'pesëmbëdhjetë',
      'nëntëmbëdhjetë',
      'njëzet',
      'tridhjetë',
      'dyzet e pesë',
      'shtatëdhjetë e pesë',
      'nëntëdhjetë e nëntë',
      'njëqind',
      'njëqind e pesë',
    ],
    zh: ['零', '一', '二', '三', '十', '十一', '十五', '十九', '二十', '三十', '四十五', '七十五', '九十九', '一百', '一百零五'],
  };
  const VALUES = [0, 1, 2, 3, 10, 11, 15, 19, 20, 30, 45, 75, 99, 100, 105];

  it.each(Object.entries(SAMPLES))('%s cardinals', (lang, words) => {
    expect(words.map((w) => cardinalValue(fold(w), lexicon, [lang]))).toEqual(VALUES);
  });

  it.each([
    ['ro', ['primul', 'al doilea', 'al treilea', 'a patra', 'a cincea', 'al șaselea', 'a șaptea', 'al optulea', 'al nouălea', 'a zecea', 'ultimul']],
    ['uk', ['перший', 'друга', 'третій', 'четверте', "п'ятий", 'шоста', 'сьомий', 'восьма', "дев'ятий", 'десята', 'останній']],
    ['ar', ['الأول', 'الثانية', 'الثالث', 'الرابعة', 'الخامس', 'السادسة', 'السابع', 'الثامنة', 'التاسع', 'العاشرة', 'الأخير']],
    ['sq', ['i pari', 'e dyta', 'i treti', 'e katërta', 'i pesti', 'e gjashta', 'i shtati', 'e teta', 'i nënti', 'e dhjeta', 'e fundit']],
    ['zh', ['第一', '第二', '第三个', '第四', '第五项', '第六', '第七', '第八', '第九', '第十', '最后一个']],
  ])('%s ordinals, 1st to 10th and last', (lang, words) => {
    expect(words.map((w) => ordinalValue(fold(w).join(' '), lexicon, [lang]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 'last']);
  });

  it('folds Eastern Arabic digits, Arabic letter variants, the Ukrainian apostrophe and Chinese digits run into words', () => {
    expect(fold('٣ ۳ ٠١٢')).toEqual(['3', '3', '012']);
    expect(fold('ثلاثة ثلاثه ـثلاثةـ')).toEqual(['ثلاثه', 'ثلاثه', 'ثلاثه']);
    expect(fold('أ إ آ ى')).toEqual(['ا', 'ا', 'ا', 'ي']);
    expect(fold("п'ять п’ять пʼять")).toEqual(['пять', 'пять', 'пять']);
    expect(fold("l'ultimo")).toEqual(['l', 'ultimo']);
    expect(fold('第3个 1948年')).toEqual(['第', '3', '个', '1948', '年']);
  });
});

describe('the yes and no the texts tell residents to type', () => {
  const LANGS = ['it', 'en', 'ro', 'uk', 'ar', 'sq', 'zh'];
  const yaml = (lang: string, file: string) => parse(readFileSync(join(LOCALES_DIR, lang, `${file}.yaml`), 'utf8')) as Record<string, unknown>;
  const lastQuoted = (s: string) => {
    const all = [...s.matchAll(/«([^»]+)»|„([^”“]+)[”“]|“([^”]+)”|"([^"]+)"/g)];
    const m = all[all.length - 1];
    return m ? ((m[1] ?? m[2] ?? m[3] ?? m[4]) as string) : undefined;
  };

  it.each(LANGS)('%s: plan.code_ask says to write no when there is no code', (lang) => {
    const word = lastQuoted(yaml(lang, 'plan').code_ask as string);
    expect([word, matchYesNo(word ?? '', lexicon)]).toEqual([word, 'no']);
  });

  it.each(LANGS)('%s: handoff.phone_ask says to write no, or a word that leaves the line', (lang) => {
    const handoff = yaml(lang, 'handoff');
    const word = lastQuoted(handoff.phone_ask as string) as string;
    const leaves = (handoff.leave_words as string).split('|').includes(word);
    expect([word, matchYesNo(word, lexicon) === 'no' || leaves]).toEqual([word, true]);
  });

  it.each(LANGS)('%s: the yes and no buttons, typed', (lang) => {
    const common = yaml(lang, 'common');
    expect([matchYesNo(common.yes as string, lexicon), matchYesNo(common.no as string, lexicon)]).toEqual(['yes', 'no']);
  });
});
