// Italian fiscal code (codice fiscale) validation, check character included; no I/O.
import codiceFiscale from 'codice-fiscale-js';

const { CodiceFiscale } = codiceFiscale as unknown as {
  CodiceFiscale: { check(code: string): boolean; surnameCode(surname: string): string; nameCode(name: string): string };
};

/** "D’Angelo" → "DANGELO", "Niccolò" → "NICCOLO": the letters the code is computed from. */
const lettersOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();

/** Whether the first six characters of a valid code are those of this family name and given name (never changed by omocodia). */
export function namesMatchFiscalCode(code: string, givenName: string, familyName: string): boolean {
  const normal = normaliseFiscalCode(code);
  const family = lettersOf(familyName);
  const given = lettersOf(givenName);
  if (family === '' || given === '') return false;
  return normal.slice(0, 3) === CodiceFiscale.surnameCode(family) && normal.slice(3, 6) === CodiceFiscale.nameCode(given);
}

export function normaliseFiscalCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** True for a well-formed code whose 16th character matches the checksum (omocodia variants included). */
export function isValidFiscalCode(input: string): boolean {
  const code = normaliseFiscalCode(input);
  if (!/^[A-Z0-9]{16}$/.test(code)) return false;
  return CodiceFiscale.check(code);
}
