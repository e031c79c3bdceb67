// Catalogue text as a resident reads it: their language, else the Italian original; in simple mode, its polite form.
import { describe, expect, it } from 'vitest';
import { localized } from '../../src/conversation/steps/common.js';
import { withPolite, wordingsOf } from '../../src/welfare/contract.js';

const question = withPolite({ it: 'In quale comune abiti?', en: 'Which municipality do you live in?' }, { it: 'In quale comune abita?' });
const polite = { register: 'polite' } as const;

describe('localized', () => {
  it('gives the polite form of the language shown, in the polite register only', () => {
    expect(localized(question, 'it')).toBe('In quale comune abiti?');
    expect(localized(question, 'it', polite)).toBe('In quale comune abita?');
    expect(localized(question, 'en', polite)).toBe('Which municipality do you live in?'); // English has one "you"
    // a Romanian resident reads the Italian original, in the register of their mode
    expect(localized(question, 'ro')).toBe('In quale comune abiti?');
    expect(localized(question, 'ro', polite)).toBe('In quale comune abita?');
  });

  it('gives the usual wording where a text has no polite form', () => {
    expect(localized({ it: 'Che scuola frequenta?', en: 'Which school does the child go to?' }, 'it', polite)).toBe('Che scuola frequenta?');
  });

  it('counts every wording, the polite ones too, as what a resident may type back', () => {
    expect(wordingsOf(question)).toEqual(['In quale comune abiti?', 'Which municipality do you live in?', 'In quale comune abita?']);
  });
});
