// Fictitious residents with fiscal codes that pass the checksum, for tests.
import codiceFiscale from 'codice-fiscale-js';
import type { Person } from '../../src/welfare/contract.js';

type Computer = new (input: Record<string, unknown>) => { cf: string };
const { CodiceFiscale } = codiceFiscale as unknown as { CodiceFiscale: Computer };

export function resident(n = 0, names: { givenName?: string; familyName?: string } = {}): Person {
  const givenName = names.givenName ?? 'Maria';
  const familyName = names.familyName ?? 'Bianchi';
  const day = (n % 28) + 1;
  const year = 1970 + Math.floor(n / 28);
  const { cf } = new CodiceFiscale({
    name: givenName,
    surname: familyName,
    gender: 'F',
    day,
    month: 5,
    year,
    birthplace: 'Padova',
    birthplaceProvincia: 'PD',
  });
  return { givenName, familyName, fiscalCode: cf };
}

/** A code with a wrong check character (the last one). */
export function withBadChecksum(code: string): string {
  const last = code.at(-1)!;
  return code.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}
