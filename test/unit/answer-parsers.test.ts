import { describe, expect, it } from 'vitest';
import { isWhyQuestion, parseDateAnswer, parseIntegerAnswer } from '../../src/conversation/answer-parsers.js';

const TODAY = '2026-03-02';

describe('parseDateAnswer', () => {
  it.each([
    ['12/03/1950', '1950-03-12'], ['12-3-1950', '1950-03-12'], ['12.03.1950', '1950-03-12'], ['1/1/1950', '1950-01-01'],
    [' 12 / 03 / 1950 ', '1950-03-12'], ['1950-03-12', '1950-03-12'], ['1950/3/12', '1950-03-12'],
    ['3 marzo 1950', '1950-03-03'], ['il 3 marzo del 1950', '1950-03-03'], ['3 Marzo 1950.', '1950-03-03'],
    ['1° aprile 1948', '1948-04-01'], ['primo aprile 1948', '1948-04-01'], ['tre marzo 1950', '1950-03-03'],
    ['3 febraio 1950', '1950-02-03'], ['15 sett 1944', '1944-09-15'], ['è nata il 3 marzo 1950', '1950-03-03'],
    ['March 3 1950', '1950-03-03'], ['March 3, 1950', '1950-03-03'], ['3rd March 1950', '1950-03-03'],
    ['the 3rd of march, 1950', '1950-03-03'], ['Dec 25 1949', '1949-12-25'], ['29/02/1952', '1952-02-29'],
    ['2 marzo 2026', '2026-03-02'],
  ])('%j → %s', (input, iso) => {
    expect(parseDateAnswer(input, 'it', TODAY)).toEqual({ ok: true, date: iso });
  });

  it('reads English month names whatever the language of the conversation', () => {
    expect(parseDateAnswer('3 March 1950', 'it', TODAY)).toEqual({ ok: true, date: '1950-03-03' });
    expect(parseDateAnswer('3 marzo 1950', 'en', TODAY)).toEqual({ ok: true, date: '1950-03-03' });
  });

  it.each([
    ['12.03.50', 'ambiguous_year'], ['12/3/50', 'ambiguous_year'], ['3 marzo 50', 'ambiguous_year'], ['March 3 50', 'ambiguous_year'],
    ['31/02/1950', 'impossible'], ['29/02/1950', 'impossible'], ['12/13/1950', 'impossible'], ['0/3/1950', 'impossible'],
    ['31 aprile 1950', 'impossible'], ['03/15/1950', 'impossible'],
    ['3/3/2027', 'future'], ['3 marzo 2026', 'future'],
    ['3 marzo', 'incomplete'], ['marzo 1950', 'incomplete'], ['1950', 'incomplete'],
    ['ieri', 'unreadable'], ['75 anni', 'unreadable'], ['', 'unreadable'], ['3 marzo o 4 aprile 1950', 'unreadable'],
    ['12/03/195', 'unreadable'],
  ])('%j → %s', (input, reason) => {
    expect(parseDateAnswer(input, 'it', TODAY)).toEqual({ ok: false, reason });
  });

  it('checks the bounds, inclusive', () => {
    const bounds = { min: '1900-01-01', max: '2000-12-31' };
    expect(parseDateAnswer('1/1/1900', 'it', TODAY, bounds)).toEqual({ ok: true, date: '1900-01-01' });
    expect(parseDateAnswer('31/12/1899', 'it', TODAY, bounds)).toEqual({ ok: false, reason: 'too_early' });
    expect(parseDateAnswer('1/1/2001', 'it', TODAY, bounds)).toEqual({ ok: false, reason: 'too_late' });
  });
});

describe('parseIntegerAnswer', () => {
  it.each([['9', 9], ['nove', 9], ['ha 9 anni', 9], ['nine', 9], ['14', 14]])('%j → %d', (input, value) => {
    expect(parseIntegerAnswer(input, { min: 0, max: 17 })).toEqual({ ok: true, value });
  });

  it('tells a number out of range from no number at all', () => {
    expect(parseIntegerAnswer('20', { min: 0, max: 17 })).toEqual({ ok: false, reason: 'too_large' });
    expect(parseIntegerAnswer('3', { min: 6 })).toEqual({ ok: false, reason: 'too_small' });
    expect(parseIntegerAnswer('boh', { min: 0, max: 17 })).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseIntegerAnswer('7,5')).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseIntegerAnswer('-3')).toEqual({ ok: false, reason: 'not_a_number' });
  });
});

describe('isWhyQuestion', () => {
  it.each(['perché?', 'Perchè', 'perché me lo chiedi?', 'why?', 'Why do you need this?', 'a cosa serve?'])('%j asks why', (input) => {
    expect(isWhyQuestion(input)).toBe(true);
  });
  it.each(['perché ho due figli', 'sì', '9', 'limena'])('%j does not', (input) => {
    expect(isWhyQuestion(input)).toBe(false);
  });
});
