import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../src/handoff/mask.js';

const mask = (text: string, names?: string[]) => maskPersonalData(text, names ? { names } : {});

describe('maskPersonalData', () => {
  it('hides email addresses', () => {
    expect(mask('scrivetemi a anna.rossi+asl@example.it grazie')).toBe('scrivetemi a [email] grazie');
    expect(mask('My email is J.Smith@mail.co.uk.')).toBe('My email is [email].');
  });

  it('hides IBANs, Italian and foreign, compact or in groups, any case', () => {
    expect(mask('il mio IBAN è IT60X0542811101000000123456')).toBe('il mio IBAN è [IBAN]');
    expect(mask('iban: IT60 X054 2811 1010 0000 0123 456 grazie')).toBe('iban: [IBAN] grazie');
    expect(mask('it60x0542811101000000123456')).toBe('[IBAN]');
    expect(mask('my account is DE89 3704 0044 0532 0130 00 ok?')).toBe('my account is [IBAN] ok?');
    expect(mask('GB29NWBK60161331926819')).toBe('[IBAN]');
  });

  it('hides fiscal codes, omocodia included', () => {
    expect(mask('codice fiscale RSSMRA85T10A562S')).toBe('codice fiscale [codice fiscale]');
    expect(mask('cf: rssmra85t10a562s.')).toBe('cf: [codice fiscale].');
    expect(mask('RSSMRAURTMLARSNL è il mio CF')).toBe('[codice fiscale] è il mio CF');
  });

  it('hides card numbers before they pass for phones', () => {
    expect(mask('carta 4111 1111 1111 1111 scadenza')).toBe('carta [carta] scadenza');
    expect(mask('my card is 5500-0000-0000-0004')).toBe('my card is [carta]');
    expect(mask('amex 378282246310005')).toBe('amex [carta]');
  });

  it('hides Italian phone numbers written every usual way', () => {
    expect(mask('chiamatemi al 333 1234567')).toBe('chiamatemi al [telefono]');
    expect(mask('cell. 347.123.4567 dopo le 18')).toBe('cell. [telefono] dopo le 18');
    expect(mask('+39 333 123 4567')).toBe('[telefono]');
    expect(mask('0039 3331234567')).toBe('[telefono]');
    expect(mask('(+39) 340-1234567')).toBe('[telefono]');
    expect(mask('tel.049 8765432 o 049/876543')).toBe('tel.[telefono] o [telefono]');
    expect(mask('ufficio 06 12345678')).toBe('ufficio [telefono]');
    expect(mask('You can reach me on +44 20 7946 0958')).toBe('You can reach me on [telefono]');
  });

  it('hides numeric dates', () => {
    expect(mask('sono nata il 12/03/1950')).toBe('sono nata il [data]');
    expect(mask('nato il 5-3-85 a Padova')).toBe('nato il [data] a Padova');
    expect(mask('born on 1985-03-10')).toBe('born on [data]');
    expect(mask('appuntamento il 03-12-2024 alle 9:30')).toBe('appuntamento il [data] alle 9:30');
    expect(mask('il 31.12.2023')).toBe('il [data]');
  });

  it('hides street addresses', () => {
    expect(mask('abito in via Roma 12, Padova')).toBe('abito in [indirizzo], Padova');
    expect(mask('Viale della Navigazione Interna 38/b')).toBe('[indirizzo]');
    expect(mask('piazza dei Signori 3.')).toBe('[indirizzo].');
    expect(mask('corso Vittorio Emanuele II 45 scala B')).toBe('[indirizzo] scala B');
    expect(mask('vivo in vicolo dell’Arco, 7')).toBe('vivo in [indirizzo]');
    expect(mask('strada Battaglia 12A')).toBe('[indirizzo]');
    expect(mask('via XX Settembre 10')).toBe('[indirizzo]');
    expect(mask('via 4 Novembre 12')).toBe('[indirizzo]');
    expect(mask('I live at via G. Verdi 3')).toBe('I live at [indirizzo]');
  });

  it('hides the resident’s known names, whole words, whatever the case and accents', () => {
    const names = ['Nicolò', 'De Luca'];
    expect(mask('sono NICOLO de luca, il figlio di Nicolò', names)).toBe('sono [nome] [nome], il figlio di [nome]');
    expect(mask('Nicolò scrive: Nicolosi è un altro', names)).toBe('[nome] scrive: Nicolosi è un altro');
    expect(mask('sono Nicolo\u0300', names)).toBe('sono [nome]');
    expect(mask('Hi, I am Anna Maria Rossi', ['Anna Maria', 'Rossi'])).toBe('Hi, I am [nome] [nome]');
    expect(mask('a casa mia', ['A'])).toBe('a casa mia'); // too short to be told from a word
  });

  it('leaves placeholders whole when a name is also a word they use', () => {
    expect(mask('nata il 12/03/1950, mi chiamo Data', ['Data'])).toBe('nata il [data], mi chiamo [nome]');
  });

  it('leaves ordinary numbers alone: ages, prices, times, counts, answers, years', () => {
    for (const text of [
      'ho 72 anni e vivo da sola',
      'costa 15 euro al mese',
      'il mio ISEE è 12.500,00 €',
      'va bene alle 9:30 oppure alle 10.15',
      '2',
      'siamo in 3, con 2 figli di 5 e 8 anni',
      'nel 2023 ho fatto domanda',
      'I am 72 and need help 3 times a week',
      'il CAP è 35100',
      'pratica numero 4512',
    ]) {
      expect(mask(text)).toBe(text);
    }
  });

  it('does not take "via" for a street when it means away or by', () => {
    for (const text of [
      'vado via domani alle 10',
      'sono stata via quasi 3 mesi',
      'e così via',
      'I applied via the website 2 days ago',
      'ho mandato i documenti via email 2 volte',
      'ho fatto un corso di cucina 2 anni fa',
    ]) {
      expect(mask(text)).toBe(text);
    }
  });

  it('masks everything in one realistic message', () => {
    const text =
      'Buongiorno, sono Giulia Bianchi (CF BNCGLI80A41G224K), abito in via Belzoni 45 a Padova. ' +
      'Tel 349 8765432, mail giulia.b@libero.it. Nata il 01/01/1980, ho 44 anni.';
    expect(mask(text, ['Giulia', 'Bianchi'])).toBe(
      'Buongiorno, sono [nome] [nome] (CF [codice fiscale]), abito in [indirizzo] a Padova. ' +
        'Tel [telefono], mail [email]. Nata il [data], ho 44 anni.',
    );
  });
});
