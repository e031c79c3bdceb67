import { describe, expect, it } from 'vitest';
import { isWhyQuestion, parseDateAnswer, parseIntegerAnswer } from '../../src/conversation/answer-parsers.js';
import { lexicon } from '../support/lexicon.js';

const TODAY = '2026-03-02';

describe('parseDateAnswer', () => {
  it.each([
    ['12/03/1950', '1950-03-12'],
    ['12-3-1950', '1950-03-12'],
    ['12.03.1950', '1950-03-12'],
    ['1/1/1950', '1950-01-01'],
    [' 12 / 03 / 1950 ', '1950-03-12'],
    ['1950-03-12', '1950-03-12'],
    ['1950/3/12', '1950-03-12'],
    ['3 marzo 1950', '1950-03-03'],
    ['il 3 marzo del 1950', '1950-03-03'],
    ['3 Marzo 1950.', '1950-03-03'],
    ['1° aprile 1948', '1948-04-01'],
    ['primo aprile 1948', '1948-04-01'],
    ['tre marzo 1950', '1950-03-03'],
    ['3 febraio 1950', '1950-02-03'],
    ['15 sett 1944', '1944-09-15'],
    ['è nata il 3 marzo 1950', '1950-03-03'],
    ['March 3 1950', '1950-03-03'],
    ['March 3, 1950', '1950-03-03'],
    ['3rd March 1950', '1950-03-03'],
    ['the 3rd of march, 1950', '1950-03-03'],
    ['Dec 25 1949', '1949-12-25'],
    ['29/02/1952', '1952-02-29'],
    ['2 marzo 2026', '2026-03-02'],
  ])('%j → %s', (input, iso) => {
    expect(parseDateAnswer(input, lexicon, 'it', TODAY)).toEqual({ ok: true, date: iso });
  });

  it('reads English month names whatever the language of the conversation', () => {
    expect(parseDateAnswer('3 March 1950', lexicon, 'it', TODAY)).toEqual({ ok: true, date: '1950-03-03' });
    expect(parseDateAnswer('3 marzo 1950', lexicon, 'en', TODAY)).toEqual({ ok: true, date: '1950-03-03' });
  });

  it.each([
    ['12.03.50', 'ambiguous_year'],
    ['12/3/50', 'ambiguous_year'],
    ['3 marzo 50', 'ambiguous_year'],
    ['March 3 50', 'ambiguous_year'],
    ['31/02/1950', 'impossible'],
    ['29/02/1950', 'impossible'],
    ['12/13/1950', 'impossible'],
    ['0/3/1950', 'impossible'],
    ['31 aprile 1950', 'impossible'],
    ['03/15/1950', 'impossible'],
    ['3/3/2027', 'future'],
    ['3 marzo 2026', 'future'],
    ['3 marzo', 'incomplete'],
    ['marzo 1950', 'incomplete'],
    ['1950', 'incomplete'],
    ['ieri', 'unreadable'],
    ['75 anni', 'unreadable'],
    ['', 'unreadable'],
    ['3 marzo o 4 aprile 1950', 'unreadable'],
    ['12/03/195', 'unreadable'],
  ])('%j → %s', (input, reason) => {
    expect(parseDateAnswer(input, lexicon, 'it', TODAY)).toEqual({ ok: false, reason });
  });

  it('checks the bounds, inclusive', () => {
    const bounds = { min: '1900-01-01', max: '2000-12-31' };
    expect(parseDateAnswer('1/1/1900', lexicon, 'it', TODAY, bounds)).toEqual({ ok: true, date: '1900-01-01' });
    expect(parseDateAnswer('31/12/1899', lexicon, 'it', TODAY, bounds)).toEqual({ ok: false, reason: 'too_early' });
    expect(parseDateAnswer('1/1/2001', lexicon, 'it', TODAY, bounds)).toEqual({ ok: false, reason: 'too_late' });
  });
});

describe('parseDateAnswer in Romanian, Ukrainian, Arabic, Albanian and Chinese', () => {
  it.each([
    ['ro', '15 martie 1948'],
    ['ro', '15 Martie 1948'],
    ['ro', 'cincisprezece martie 1948'],
    ['ro', '15 mar. 1948'],
    ['uk', '15 березня 1948'],
    ['uk', '15 березень 1948'],
    ['uk', '15-го березня 1948 р.'],
    ['uk', '15 марта 1948'],
    ['ar', '15 مارس 1948'],
    ['ar', '١٥ مارس ١٩٤٨'],
    ['ar', '15 آذار 1948'],
    ['ar', '١٥/٠٣/١٩٤٨'],
    ['ar', '15 مارس، 1948'],
    ['sq', '15 mars 1948'],
    ['sq', '15 Mars 1948'],
    ['zh', '1948年3月15日'],
    ['zh', '1948 年 3 月 15 日'],
    ['zh', '1948年03月15号'],
    ['zh', '1948年三月十五日'],
    ['zh', '三月十五日 1948年'],
    ['zh', '我的生日是1948年3月15日'],
    ['zh', '1948/03/15'],
    ['zh', '１９４８年３月１５日'],
  ])('%s: %j → 1948-03-15', (lang, input) => {
    expect(parseDateAnswer(input, lexicon, lang, TODAY)).toEqual({ ok: true, date: '1948-03-15' });
  });

  it.each([
    ['ro', '1 ianuarie 1950', '1950-01-01'],
    ['ro', 'întâi mai 1950', '1950-05-01'],
    ['ro', '31 decembrie 1950', '1950-12-31'],
    ['uk', '1 січня 1950', '1950-01-01'],
    ['uk', '3 травня 1950', '1950-05-03'],
    ['uk', '31 грудня 1950', '1950-12-31'],
    ['ar', '1 يناير 1950', '1950-01-01'],
    ['ar', '3 كانون الثاني 1950', '1950-01-03'],
    ['ar', '3 كانون الأول 1950', '1950-12-03'],
    ['ar', '3 تشرين الثاني 1950', '1950-11-03'],
    ['ar', '3 جانفي 1950', '1950-01-03'],
    ['ar', '3 غشت 1950', '1950-08-03'],
    ['sq', '1 janar 1950', '1950-01-01'],
    ['sq', '3 maj 1950', '1950-05-03'],
    ['sq', '31 dhjetor 1950', '1950-12-31'],
    ['zh', '1950年1月1日', '1950-01-01'],
    ['zh', '1950年十二月三十一日', '1950-12-31'],
    ['zh', '1950年十一月3号', '1950-11-03'],
  ])('%s: %j → %s', (lang, input, iso) => {
    expect(parseDateAnswer(input, lexicon, lang, TODAY)).toEqual({ ok: true, date: iso });
  });

  it.each([
    ['uk', '15 березня', 'incomplete'],
    ['ar', 'مارس 1948', 'incomplete'],
    ['zh', '3月15日', 'incomplete'],
    ['zh', '48年3月15日', 'ambiguous_year'],
    ['ar', '٣١/٠٢/١٩٥٠', 'impossible'],
    ['sq', '31 prill 1950', 'impossible'],
    ['zh', '1950年2月30日', 'impossible'],
    ['ro', '3 martie 2027', 'future'],
  ])('%s: %j → %s', (lang, input, reason) => {
    expect(parseDateAnswer(input, lexicon, lang, TODAY)).toEqual({ ok: false, reason });
  });
});

describe('parseIntegerAnswer', () => {
  it.each([
    ['9', 9],
    ['nove', 9],
    ['ha 9 anni', 9],
    ['nine', 9],
    ['14', 14],
    ['٩', 9],
    ['١٤', 14],
    ['عمره ٩ سنوات', 9],
    ['nouă', 9],
    ["дев'ять", 9],
    ['تسعة', 9],
    ['nëntë', 9],
    ['九', 9],
    ['九岁', 9],
    ['十四', 14],
  ])('%j → %d', (input, value) => {
    expect(parseIntegerAnswer(input, lexicon, { min: 0, max: 17 })).toEqual({ ok: true, value });
  });

  it('tells a number out of range from no number at all', () => {
    expect(parseIntegerAnswer('20', lexicon, { min: 0, max: 17 })).toEqual({ ok: false, reason: 'too_large' });
    expect(parseIntegerAnswer('3', lexicon, { min: 6 })).toEqual({ ok: false, reason: 'too_small' });
    expect(parseIntegerAnswer('boh', lexicon, { min: 0, max: 17 })).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseIntegerAnswer('7,5', lexicon)).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseIntegerAnswer('-3', lexicon)).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseIntegerAnswer('٢٠', lexicon, { min: 0, max: 17 })).toEqual({ ok: false, reason: 'too_large' });
  });
});

describe('isWhyQuestion', () => {
  it.each([
    'perché?',
    'Perchè',
    'perché me lo chiedi?',
    'why?',
    'Why do you need this?',
    'a cosa serve?',
    'De ce?',
    'Чому?',
    'Навіщо?',
    'لماذا؟',
    'pse?',
    '为什么？',
  ])('%j asks why', (input) => {
    expect(isWhyQuestion(input, lexicon)).toBe(true);
  });
  it.each(['perché ho due figli', 'sì', '9', 'limena', 'de ce nu', 'чому ні'])('%j does not', (input) => {
    expect(isWhyQuestion(input, lexicon)).toBe(false);
  });
});
