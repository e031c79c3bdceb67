// What of a search is kept for the municipalities: the words of a need in any language, never anything of a person.
import { describe, expect, it } from 'vitest';
import { scrubSearch } from '../../src/unmet/scrub.js';

describe('scrubSearch', () => {
  it.each([
    ['Assistenza domiciliare', 'assistenza domiciliare'],
    ['Caffè e pasti caldi!', 'caffe pasti caldi'],
    ["l'assistenza agli anziani", 'assistenza agli anziani'],
    ['Help with rent', 'help with rent'],
    ['ajutor pentru chirie', 'ajutor pentru chirie'],
    ['ndihmë për qiranë', 'ndihme per qirane'],
    ['Допомога з оплатою житла', 'допомога оплатою житла'],
    ['مساعدة في الإيجار', 'مساعده في الايجار'],
    ['住房补贴', '住房补贴'],
  ])('keeps the words of a need: %s', (typed, kept) => {
    expect(scrubSearch(typed)).toBe(kept);
  });

  it.each([
    ['a fiscal code', 'RSSMRA80A01G224K'],
    ['a fiscal code with omocodia letters', 'codice RSSMRALPALMGRQVK'],
    ['an e-mail', 'scrivere a mario.rossi@example.it'],
    ['an e-mail without a dot', 'mario@localhost'],
    ['a phone', 'chiamatemi al +39 333 1234567'],
    ['a phone in Arabic digits', 'رقمي ٠٥٥١٢٣٤٥٦٧'],
    ['a fullwidth number', '电话１３８'],
    ['an IBAN', 'IT60X0542811101000000123456'],
    ['a web address', 'www.comune.padova.it'],
    ['a link', 'https://example.org/page'],
    ['a date of birth', 'nato il 3 marzo'],
    ['a name after the first word (Italian)', 'aiuto per Mario Rossi'],
    ['a name after the first word (Romanian)', 'ajutor Ion Popescu'],
    ['a name after the first word (Ukrainian)', 'допомога Тарас Шевченко'],
    // The price of the rule: an acronym after the first word cannot be told from a surname in capitals.
    ['a word in capitals after the first', 'bonus ISEE'],
    ['a story, not a search', 'mia madre non riesce più a pagare le bollette da mesi'],
    ['a word too long to be one', 'aiuto ' + 'a'.repeat(31)],
    ['nothing but punctuation', '?!'],
    ['nothing', '   '],
  ])('keeps nothing of %s', (_what, typed) => {
    expect(scrubSearch(typed)).toBeUndefined();
  });
});
