// A child's age said in passing, in each language's words; anything less than plain says nothing.
import { describe, expect, it } from 'vitest';
import { statedChildAge } from '../../src/conversation/stated-answers.js';
import { lexicon } from '../support/lexicon.js';

describe('statedChildAge', () => {
  it.each([
    ['mio figlio di 9 anni', 9],
    ['cerco il doposcuola per mia figlia che ha nove anni', 9],
    ['il bambino ha 4 anni', 4],
    ['my son is 9', 9],
    ['my daughter is seven years old', 7],
    ['help for my 12 year old son', 12],
    ['fiul meu are 9 ani', 9],
    ['djali im është 9 vjeç', 9],
    ['моєму сину 9 років', 9],
    ['ابني عمره 9 سنوات', 9],
    ['我儿子9岁', 9],
    ['9岁的儿子', 9],
  ])('reads %j as %i', (text, age) => {
    expect(statedChildAge(text, lexicon)).toBe(age);
  });

  it.each([
    'ho 80 anni', // the resident's own age, not a child's
    'doposcuola per mio figlio',
    'my son is 9 and needs help with homework', // "9" could be a grade: no unit, not at the end
    'mio figlio di 9 anni e mia figlia di 12 anni', // two children
    'ho 2 figli di 5 e 7 anni',
    'mio figlio di 30 anni', // not a child's age for these services
    'figlio -3 anni',
  ])('reads nothing in %j', (text) => {
    expect(statedChildAge(text, lexicon)).toBeUndefined();
  });
});
