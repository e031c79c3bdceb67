// The global commands a resident types, in every language, and the words the texts tell residents to type.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commandOf } from '../../src/conversation/commands.js';
import type { CommandName } from '../../src/conversation/events.js';
import { LOCALES_DIR } from '../../src/paths.js';
import { lexicon } from '../support/lexicon.js';

const LANGS = ['it', 'en', 'ro', 'uk', 'ar', 'sq', 'zh'] as const;

function text(lang: string, file: string, path: string): string {
  let node: unknown = parse(readFileSync(join(LOCALES_DIR, lang, `${file}.yaml`), 'utf8'));
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`${lang}/${file}.yaml: no text at ${path}`);
  return node;
}

/** The words a text quotes for the resident to type: «menu», „meniu”, “菜单”, "back"; never a {placeholder}. */
function quoted(s: string): string[] {
  return [...s.matchAll(/«([^»]+)»|„([^”“]+)[”“]|“([^”]+)”|"([^"]+)"/g)]
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4]) as string)
    .filter((w) => !w.includes('{'));
}

describe('commandOf', () => {
  it.each<[CommandName, string[]]>([
    [
      'menu',
      [
        'meniu',
        'Meniul principal',
        'de la capăt',
        'меню',
        'Головне меню',
        'спочатку',
        'القائمة',
        'القائمه',
        'قائمة',
        'ابدأ من جديد',
        'menuja',
        'fillo nga e para',
        '菜单',
        '主菜单',
        '重新开始',
      ],
    ],
    ['back', ['înapoi', 'Inapoi', 'назад', 'رجوع', 'ارجع', 'prapa', 'kthehu', '返回', '上一步']],
    ['help', ['ajutor', 'ajută-mă', 'допомога', 'як це працює', 'مساعدة', 'ساعدني', 'ndihmë', 'ndihme', '帮助', '怎么用', '？', '؟']],
    ['language', ['limba', 'limbă', 'schimbă limba', 'мова', 'змінити мову', 'اللغة', 'تغيير اللغة', 'gjuha', 'ndrysho gjuhën', '语言', '更换语言']],
    [
      'person',
      [
        'operator',
        'Vorbește cu o persoană',
        'оператор',
        'Поговорити з людиною',
        'موظف',
        'تحدّث مع موظف',
        'Flisni me një person',
        'operatori',
        '人工',
        '转人工',
        '联系工作人员',
      ],
    ],
    ['my_data', ['datele mele', 'мої дані', 'بياناتي', 'të dhënat e mia', 'te dhenat e mia', '我的数据', 'i miei dati', 'my data']],
    [
      'privacy',
      [
        'privacy',
        'Privacy',
        'informativa privacy',
        'privacy notice',
        'confidențialitate',
        'конфіденційність',
        'الخصوصية',
        'privatësia',
        '隐私',
        '/privacy',
      ],
    ],
    ['delete_data', ['șterge datele mele', 'sterge datele mele', 'видалити мої дані', 'احذف بياناتي', 'fshini të dhënat e mia', '删除我的数据']],
    [
      'simple',
      ['simplu', 'Modul simplu', 'простий', 'Простий режим', 'مبسّط', 'مبسط', 'الوضع المبسّط', 'e thjeshtë', 'Mënyra e thjeshtë', '简单模式', '简单'],
    ],
    ['stop', ['stop', 'la revedere', 'стоп', 'кінець', 'توقف', 'خروج', 'ndalo', 'mirupafshim', '结束', '结束对话', '退出']],
  ])('%s: %j', (name, typed) => {
    expect(typed.map((t) => [t, commandOf(t, lexicon)])).toEqual(typed.map((t) => [t, name]));
  });

  it('reads a whole message with its punctuation and case, in any script', () => {
    expect(commandOf('  Меню! ', lexicon)).toBe('menu');
    expect(commandOf('«القائمة»', lexicon)).toBe('menu');
    expect(commandOf('人工。', lexicon)).toBe('person');
    expect(commandOf('ÎNAPOI', lexicon)).toBe('back');
    expect(commandOf('/menu', lexicon)).toBe('menu');
  });

  it.each([
    // answers: yes and no in every language are never commands
    'no',
    'sì',
    'nu',
    'da',
    'ні',
    'так',
    'لا',
    'نعم',
    'jo',
    'po',
    '没有',
    '是',
    '不',
    // the examples the menu texts give of a free-text search, and sentences that merely contain a command word
    'ajutor la teme',
    'допомога з домашніми завданнями',
    'مساعدة في الواجبات المدرسية',
    'ndihmë me detyrat e shtëpisë',
    '辅导作业',
    'voglio tornare a scuola',
    'limba română',
    'мова навчання',
    'stop la bus',
    '返回日期',
    // Romanian "gata" is "done" as often as "enough"
    'gata',
  ])('%j is not a command', (typed) => {
    expect(commandOf(typed, lexicon)).toBeUndefined();
  });
});

describe('the words the texts tell residents to type', () => {
  const EVERY_TIME: CommandName[] = ['menu', 'back', 'language', 'person', 'my_data', 'stop'];

  it.each(LANGS)('%s: every word of help.generic is the command it announces', (lang) => {
    const words = quoted(text(lang, 'help', 'generic'));
    const commands = words.map((w) => commandOf(w, lexicon));
    expect(words.filter((_, i) => commands[i] === undefined)).toEqual([]);
    expect(new Set(commands)).toEqual(new Set([...EVERY_TIME, ...(commands.includes('simple') ? ['simple'] : [])]));
  });

  it.each(
    LANGS.flatMap(
      (lang) =>
        [
          [lang, 'consent', 'explain.booking', 'delete_data'],
          [lang, 'consent', 'explain.my_bookings', 'delete_data'],
          [lang, 'consent', 'explain.vouchers', 'delete_data'],
          [lang, 'consent', 'explain.voucher_status', 'delete_data'],
          [lang, 'eligibility', 'consent.ask', 'delete_data'],
          [lang, 'consent', 'person', 'person'],
          [lang, 'engine', 'attachment_unsupported', 'person'],
          [lang, 'handoff', 'position_unknown', 'person'],
          [lang, 'simple', 'off', 'simple'],
        ] as const,
    ),
  )('%s/%s.yaml %s → %s', (lang, file, path, name) => {
    const words = quoted(text(lang, file, path));
    expect(words.length).toBeGreaterThan(0);
    expect(words.map((w) => [w, commandOf(w, lexicon)])).toEqual(words.map((w) => [w, name]));
  });

  it.each(LANGS)('%s: the privacy notice names "delete my data", then "my data"', (lang) => {
    const words = quoted(text(lang, 'privacy', 'notice.delete'));
    expect(words.map((w) => commandOf(w, lexicon))).toEqual(['delete_data', 'my_data']);
  });
});
