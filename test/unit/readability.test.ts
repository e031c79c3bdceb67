// The readability check of the Italian texts: every select/plural form measured, sentences and messages counted.
import { describe, expect, it } from 'vitest';
import { readabilityProblems, READABILITY, sentencesOf, textForms } from '../../src/i18n/readability.js';

const bundle = (messages: Record<string, string>) => new Map([['it', new Map(Object.entries(messages))]]);

describe('readability of the Italian texts', () => {
  it('measures each form a message can take', () => {
    expect(textForms('{n, plural, one {# persona} other {# persone}} e {who, select, a {Anna} other {altri}}')).toEqual([
      '3 persona e Anna',
      '3 persona e altri',
      '3 persone e Anna',
      '3 persone e altri',
    ]);
    expect(textForms('Ciao {name}!')).toEqual(['Ciao X!']);
  });

  it('ends a sentence at punctuation or a line break, so a list item counts alone', () => {
    expect(sentencesOf('Uno. Due? Tre: quattro;\ncinque\n\nsei')).toEqual(['Uno.', 'Due?', 'Tre:', 'quattro;', 'cinque', 'sei']);
  });

  it('reports a long sentence and a long message, naming file and key, and passes short ones', () => {
    const long = Array.from({ length: READABILITY.maxWordsPerSentence + 1 }, () => 'parola').join(' ');
    const many = Array.from({ length: 12 }, () => 'Una frase di cinque parole.').join(' ');
    const problems = readabilityProblems(bundle({ 'main.ok': 'Scegli un numero. Lo 0 torna indietro.', 'main.long': long, 'help.many': many }));
    expect(problems).toEqual([
      `locales/it/main.yaml: long: a sentence of ${READABILITY.maxWordsPerSentence + 1} words (at most ${READABILITY.maxWordsPerSentence}): split it`,
      `locales/it/help.yaml: many: 60 words (at most ${READABILITY.maxWordsPerMessage}): shorten it or split it in two messages`,
    ]);
  });

  it('finds a long sentence hidden in one branch of a select', () => {
    const branch = Array.from({ length: 25 }, () => 'x').join(' ');
    expect(readabilityProblems(bundle({ 'a.b': `{k, select, short {Breve.} other {${branch}.}}` }))).toHaveLength(1);
  });
});
