import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../backend/catalogue.js';
import { createServiceSearch, normaliseTerm } from '../../backend/search.js';

const { search } = createServiceSearch(loadCatalogue().services);
const elderly = ['assistenza-domiciliare-anziani', 'socializzazione-anziani', 'supporto-psicologico-anziani'];

describe('service search on the seed catalogue', () => {
  it.each([
    ['doposcula', 'doposcuola-online'], // typo on purpose
    ['doposcoula', 'doposcuola-online'], // two letters swapped
    ['psicolgoo', 'supporto-psicologico-anziani'],
    ['compiti', 'doposcuola-online'],
    ['buoni spesa', 'buoni-spesa'],
    ['lettura', 'laboratori-lettura'],
    ['psicologo', 'supporto-psicologico-anziani'],
    ['Psicòloga', 'supporto-psicologico-anziani'],
  ])('"%s" finds %s first', (query, id) => {
    expect(search(query)[0]).toBe(id);
  });

  it.each([
    ['homework help', 'doposcuola-online'],
    ['homeworks', 'doposcuola-online'],
    ['grocery vouchers', 'buoni-spesa'],
  ])('English "%s" finds %s first', (query, id) => {
    expect(search(query, 'en')[0]).toBe(id);
    expect(search(query)[0]).toBe(id);
  });

  it('finds the same services for anziani, anziano and anziana', () => {
    const plural = search('anziani');
    expect(plural).toEqual(expect.arrayContaining(elderly));
    expect(search('anziano').sort()).toEqual([...plural].sort());
    expect(search('anziana').sort()).toEqual([...plural].sort());
  });

  it('leaves out weak fuzzy matches: "homework help" is not home care', () => {
    expect(search('homework help', 'en')).not.toContain('assistenza-domiciliare-anziani');
  });

  it('finds the elderly services with two letters swapped ("anzaini")', () => {
    expect(search('anzaini').sort()).toEqual(expect.arrayContaining(elderly));
  });

  it('matches bambino and bambini alike', () => {
    expect(search('bambino').sort()).toEqual(search('bambini').sort());
    expect(search('bambino').length).toBeGreaterThan(0);
  });

  it('returns nothing for unrelated words, greetings or stop words alone', () => {
    expect(search('astronave')).toEqual([]);
    expect(search('ciao')).toEqual([]);
    expect(search('il per the')).toEqual([]);
    expect(search('')).toEqual([]);
  });

  it('does not return everything for a specific word', () => {
    expect(search('dislessia')).toEqual(['supporto-domiciliare-bes']);
  });
});

describe('normaliseTerm', () => {
  it.each([
    ['Anziani', 'anzian'],
    ['anziano', 'anzian'],
    ['Età', 'eta'],
    ['psicologiche', 'psicologic'],
    ['psicologica', 'psicologic'],
    ['families', 'family'],
    ['homeworks', 'homework'],
    ['cibo', 'cibo'],
  ])('%s → %s', (term, expected) => {
    expect(normaliseTerm(term)).toBe(expected);
  });

  it('drops stop words in both languages', () => {
    expect(normaliseTerm('della')).toBeNull();
    expect(normaliseTerm('the')).toBeNull();
    expect(normaliseTerm('perché')).toBeNull();
  });
});
