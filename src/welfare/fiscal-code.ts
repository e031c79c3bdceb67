// Italian fiscal code (codice fiscale) validation, check character included; no I/O.
import codiceFiscale from 'codice-fiscale-js';

const { CodiceFiscale } = codiceFiscale as unknown as { CodiceFiscale: { check(code: string): boolean } };

export function normaliseFiscalCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** True for a well-formed code whose 16th character matches the checksum (omocodia variants included). */
export function isValidFiscalCode(input: string): boolean {
  const code = normaliseFiscalCode(input);
  if (!/^[A-Z0-9]{16}$/.test(code)) return false;
  return CodiceFiscale.check(code);
}
