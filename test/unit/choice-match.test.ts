import { describe, expect, it } from 'vitest';
import { matchChoice, matchYesNo, parseNumberAnswer, type ChoiceOption } from '../../src/conversation/choice-match.js';
import { cardinalValue, ordinalValue } from '../../src/conversation/number-words.js';

const SERVICES: ChoiceOption[] = [
  { id: 'doposcuola', labels: ['Doposcuola online', 'After-school online'] },
  { id: 'psico', labels: ['Supporto psicologico anziani'] },
  { id: 'pedago', labels: ['Supporto pedagogico'] },
  { id: 'pasti', labels: ['Pasti a domicilio', 'Meals at home'] },
  { id: 'trasporto', labels: ['Trasporto sociale'] },
];

describe('matchChoice', () => {
  it.each([
    ['2', 'psico'], ['2.', 'psico'], [' 2 ', 'psico'], ['2️⃣', 'psico'], ['n. 2', 'psico'], ['numero 2', 'psico'],
    ['la numero due', 'psico'], ['due', 'psico'], ['secondo', 'psico'], ['la seconda', 'psico'], ['il primo', 'doposcuola'],
    ['il primo per favore', 'doposcuola'], ['Primo!', 'doposcuola'], ['two', 'psico'], ['second', 'psico'],
    ['the second one', 'psico'], ['option 2', 'psico'], ['2nd', 'psico'], ['2°', 'psico'], ['la terza opzione', 'pedago'],
    ['cinque', 'trasporto'], ['l’ultimo', 'trasporto'], ['the last one', 'trasporto'], ['1 grazie', 'doposcuola'],
  ])('%j → %s by number', (input, id) => {
    expect(matchChoice(input, SERVICES)).toEqual({ kind: 'match', id, by: 'number' });
  });

  it.each([
    ['Doposcuola online', 'doposcuola'], ['DOPOSCUOLA ONLINE!!', 'doposcuola'], ['doposcuola online 🙏', 'doposcuola'],
    ['il doposcuola online grazie', 'doposcuola'], ['Supporto pedagogico', 'pedago'], ['meals at home', 'pasti'],
    ['trasporto sociale per favore', 'trasporto'],
  ])('%j → %s by label', (input, id) => {
    expect(matchChoice(input, SERVICES)).toEqual({ kind: 'match', id, by: 'label' });
  });

  it.each([
    ['doposcuola', 'doposcuola'], ['dopo', 'doposcuola'], ['Doposcuola onl', 'doposcuola'], ['psicologico', 'psico'],
    ['supporto per anziani', 'psico'], ['pasti', 'pasti'], ['trasporto', 'trasporto'], ['meals', 'pasti'],
    ['vorrei il trasporto sociale per mia madre', 'trasporto'],
  ])('%j → %s by partial label', (input, id) => {
    expect(matchChoice(input, SERVICES)).toEqual({ kind: 'match', id, by: 'partial' });
  });

  it.each([
    ['doposcula', 'doposcuola'], ['dopsocuola', 'doposcuola'], ['Doposcuola onlien', 'doposcuola'],
    ['psicolgico', 'psico'], ['supporto pedagocico', 'pedago'], ['trasproto', 'trasporto'], ['pasto', 'pasti'],
    ['doposcuóla onlime', 'doposcuola'],
  ])('%j → %s by typo', (input, id) => {
    expect(matchChoice(input, SERVICES)).toEqual({ kind: 'match', id, by: 'typo' });
  });

  it('reports ambiguity when a word belongs to several labels', () => {
    expect(matchChoice('supporto', SERVICES)).toEqual({ kind: 'ambiguous', ids: ['psico', 'pedago'] });
    expect(matchChoice('suporto', SERVICES)).toEqual({ kind: 'ambiguous', ids: ['psico', 'pedago'] });
  });

  it.each(['', '   ', '??', '🙂', 'asdfgh', 'xyz', 'ok', 'ho due figli', 'a', '6', 'sesto', '0', 'numero', 'sì grazie', 'non so', 'per', 'di'])(
    '%j → none',
    (input) => {
      expect(matchChoice(input, SERVICES)).toEqual({ kind: 'none' });
    },
  );

  it('takes the whole label before a shorter one it contains', () => {
    const options = [{ id: 'a', labels: ['Doposcuola'] }, { id: 'b', labels: ['Doposcuola online'] }];
    expect(matchChoice('doposcuola', options)).toEqual({ kind: 'match', id: 'a', by: 'label' });
    expect(matchChoice('doposcuola online', options)).toEqual({ kind: 'match', id: 'b', by: 'label' });
  });

  it('matches yes/no options by label, politeness ignored', () => {
    const yesNo = [{ id: 'yes', labels: ['Sì', 'Yes'] }, { id: 'no', labels: ['No'] }];
    expect(matchChoice('sì grazie', yesNo)).toEqual({ kind: 'match', id: 'yes', by: 'label' });
    expect(matchChoice('no grazie', yesNo)).toEqual({ kind: 'match', id: 'no', by: 'label' });
    expect(matchChoice('1', yesNo)).toEqual({ kind: 'match', id: 'yes', by: 'number' });
    expect(matchChoice('3', yesNo)).toEqual({ kind: 'none' });
  });

  it('reads number words only in the languages asked for', () => {
    expect(matchChoice('two', SERVICES, { langs: ['it'] })).toEqual({ kind: 'none' });
    expect(matchChoice('due', SERVICES, { langs: ['it'] })).toMatchObject({ id: 'psico' });
  });
});

describe('matchYesNo', () => {
  it.each([
    'sì', 'si', 'Sì!', 'SI', 'siii', 'certo', 'va bene', 'ok', 'Okay', "d'accordo", 'd’accordo', 'esatto', 'confermo',
    'yes', 'Yeah', 'yep', 'sure', 'correct', 'confirm', 'sì grazie', 'sì, per favore', 'yes please', 'ok va bene', '👍',
    'sì certo', 'certo che sì',
  ])('%j → yes', (input) => {
    expect(matchYesNo(input)).toBe('yes');
  });

  it.each(['no', 'No.', 'nooo', 'nope', 'non voglio', 'no grazie', 'No, grazie', 'no thanks', 'no thank you', 'non va bene', '👎', 'certo che no'])(
    '%j → no',
    (input) => {
      expect(matchYesNo(input)).toBe('no');
    },
  );

  it.each(['1', '2', 'annulla', 'forse', 'sì no', 'grazie', '', 'non lo so', 'si ma domani', 'menu'])('%j → undefined', (input) => {
    expect(matchYesNo(input)).toBeUndefined();
  });
});

describe('parseNumberAnswer', () => {
  it.each([
    ['8', 8], ['8 anni', 8], ['ha 8 anni', 8], ['ho 75 anni', 75], ['0', 0], ['otto', 8], ['settanta', 70],
    ['settantacinque', 75], ['settanta cinque', 75], ['novantanove', 99], ['cento', 100], ['centoventi', 120],
    ['cento e venti', 120], ['ventuno', 21], ['ventiuno', 21], ['trentotto', 38], ['ventitré', 23], ['diciassette', 17],
    ['centootto', 108], ['centotto', 108], ['seventy-five', 75], ['twelve', 12], ['eight years old', 8],
    ["he's 8", 8], ['one hundred and twenty', 120], ['a hundred', 100], ['un anno', 1], ['15.000', 15000], ['8.', 8],
  ])('%j → %d', (input, n) => {
    expect(parseNumberAnswer(input)).toBe(n);
  });

  it.each(['-3', 'meno tre', 'minus 3', '2,5', '1.5', 'boh', '', 'otto e mezzo', '8-10', 'mio figlio', 'due tre'])(
    '%j → undefined',
    (input) => {
      expect(parseNumberAnswer(input)).toBeUndefined();
    },
  );

  it('knows every Italian cardinal from zero to 120', () => {
    const units = ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici',
      'dodici', 'tredici', 'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove'];
    const tens = ['venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta'];
    const word = (n: number): string => {
      if (n >= 100) return n === 100 ? 'cento' : `cento${word(n - 100)}`;
      if (n < 20) return units[n] as string;
      const t = tens[Math.floor(n / 10) - 2] as string;
      const u = n % 10;
      return u === 0 ? t : u === 1 || u === 8 ? t.slice(0, -1) + units[u] : t + units[u];
    };
    for (let n = 0; n <= 120; n++) expect([word(n), cardinalValue([word(n)], ['it'])]).toEqual([word(n), n]);
  });
});

describe('number words', () => {
  it('has masculine and feminine Italian ordinals and English ones', () => {
    expect(ordinalValue('terza')).toBe(3);
    expect(ordinalValue('terzo')).toBe(3);
    expect(ordinalValue('third')).toBe(3);
    expect(ordinalValue('ultima')).toBe('last');
    expect(ordinalValue('third', ['it'])).toBeUndefined();
  });
});
