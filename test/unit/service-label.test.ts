// A service's menu label: the catalogue's short name where it has one, in the language its name is shown in.
import { describe, expect, it } from 'vitest';
import { serviceLabel } from '../../src/conversation/steps/common.js';
import { lexicon } from '../support/lexicon.js';

const long = {
  name: { it: 'Sostegno alle famiglie con bambini da 0 a 6 anni', en: 'Support for families with children aged 0 to 6' },
  shortName: { it: 'Sostegno famiglie con bambini 0-6 anni', en: 'Support for families, children 0 to 6' },
};

describe('serviceLabel', () => {
  it('uses the short name of the language the name is shown in', () => {
    expect(serviceLabel(long, 'it', lexicon)).toBe('Sostegno famiglie con bambini 0-6 anni');
    expect(serviceLabel(long, 'en', lexicon)).toBe('Support for families, children 0 to 6');
    // Romanian residents see the Italian name, so the Italian short name
    expect(serviceLabel(long, 'ro', lexicon)).toBe('Sostegno famiglie con bambini 0-6 anni');
  });

  it('keeps a name that fits whole, and cuts between words only a long name without a short one', () => {
    expect(serviceLabel({ name: { it: 'Doposcuola online' } }, 'en', lexicon)).toBe('Doposcuola online');
    const cut = serviceLabel({ name: long.name }, 'it', lexicon);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.name.it.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
