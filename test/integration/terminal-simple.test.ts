// `npm start` piped in simple mode, digits only (and the three data typed): find, check, book, see and cancel a booking,
// grocery vouchers, a person, back. Every menu printed is "  1. …" to at most "  5. …", then 0 back and 9 a person.
// The embedded backend runs on the real clock, so slot dates are matched by pattern.
import { describe, expect, it } from 'vitest';
import { resident } from '../support/people.js';
import { npmStartPiped } from '../support/piped-process.js';

interface Turn {
  typed: string;
  reply: string;
}

/** `npm start` on the terminal channel (no Slack, Telegram or Teams, no Redis, Italian) with the lines piped in. */
const npmStart = (lines: string[]) => npmStartPiped(`${lines.join('\n')}\n`);

/** Piped, the terminal echoes each line as "> line" before its replies: the output cut back into turns. */
function turnsOf(stdout: string): Turn[] {
  return stdout
    .split(/^> /m)
    .slice(1)
    .map((chunk) => {
      const [typed = '', ...reply] = chunk.split('\n');
      return { typed, reply: reply.join('\n').trim() };
    });
}

/** The numbered lines closing a reply: the menu of its last question ([] after a question answered by typing). */
function closingMenu(reply: string): string[] {
  const lines = reply.split('\n');
  const start = lines.findLastIndex((line) => !/^ {2}\d\. /.test(line)) + 1;
  return lines.slice(start);
}

function expectSimpleMenu(turn: Turn): void {
  const menu = closingMenu(turn.reply);
  if (menu.length === 0) return;
  expect(menu.slice(-2), `menu after "> ${turn.typed}"`).toEqual(['  0. Indietro', '  9. Parlare con una persona']);
  const own = menu.slice(0, -2);
  expect(own.length, `menu after "> ${turn.typed}"`).toBeGreaterThan(0);
  expect(own.length, `menu after "> ${turn.typed}"`).toBeLessThanOrEqual(5);
  own.forEach((item, i) => expect(item.startsWith(`  ${i + 1}. `), `menu after "> ${turn.typed}"`).toBe(true));
}

/** A line to type, what its reply must show, and a name to read that reply back by. */
type Step = [typed: string, shows: RegExp, name?: string];

/**
 * Types the steps' lines into one `npm start` and checks each reply against its pattern, and each menu's shape.
 * Returns the named replies, to read what the real clock chose (slot dates, codes).
 */
async function converse(steps: Step[]): Promise<Record<string, string>> {
  const { code, stdout, stderr } = await npmStart(steps.map(([typed]) => typed));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const turns = turnsOf(stdout);
  expect(turns.map((t) => t.typed)).toEqual(steps.map(([typed]) => typed));
  const named: Record<string, string> = {};
  steps.forEach(([typed, shows, name], i) => {
    const turn = turns[i]!;
    expect(turn.reply, `reply to "> ${typed}" (turn ${i + 1}) in:\n${stdout}`).toMatch(shows);
    expectSimpleMenu(turn);
    if (name) named[name] = turn.reply;
  });
  return named;
}

/** "mercoledì 25 novembre alle 17:30", "giovedì 26 novembre alle 16": said aloud, no year unless another one. */
const SPOKEN_DATE =
  /(lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica) \d{1,2} (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)( \d{4})? alle \d{1,2}(:\d{2})?/;

const SIMPLE_ON: Step = ['6', /Modalità semplice attiva[\s\S]*Come posso aiutarLa/]; // "6. Modalità semplice" of the usual menu
const anna = resident(12, { givenName: 'Anna', familyName: 'Gallo' });
const identity: Step[] = [
  [anna.givenName, /il Suo cognome/],
  [anna.familyName, /codice fiscale/],
];

describe('npm start piped, simple mode, digits only', () => {
  it('finds a service, checks eligibility, picks a slot, books it, then finds and cancels the booking', async () => {
    const reply = await converse([
      SIMPLE_ON,
      ['1', /Scelga l’argomento/], // Cercare per argomento
      ['2', /Ecco i servizi di questo argomento/], // Supporto scolastico
      ['1', /== Doposcuola online ==[\s\S]*Cosa vuole fare\?\n {2}1\. Verificare e prenotare/],
      ['1', /In quale comune abita\?\n {2}1\. Piazzola sul Brenta/], // the backend's own question, in its polite form
      ['4', /Quanti anni/], // Limena
      ['10', /Che scuola frequenta/],
      ['2', /dato personale delicato/], // primaria
      ['1', /In quale fascia è l'ISEE/], // sì
      ['1', /può accedere a questo servizio[\s\S]*Prezzo ridotto: 4\s€[\s\S]*Scelga l’orario/, 'slots'], // fino a 10.000 €
      ['1', /mi servono tre dati[\s\S]*È d’accordo\?/], // the first slot
      ['1', /Qual è il Suo nome/],
      ...identity,
      [anna.fiscalCode, /Ecco il riepilogo[\s\S]*Conferma la prenotazione\?/, 'summary'],
      ['1', /Prenotazione confermata! Codice: WBC-\d{4}-\d{6}/, 'confirmed'],
      ['3', /Ha una prenotazione in programma/, 'list'], // Le mie prenotazioni: the person is known already
      ['1', /Vuole annullare questa prenotazione\?/],
      ['1', /è annullata/, 'cancelled'],
      ['3', /Da questa chat non ha prenotazioni in programma/],
    ]);
    // each slot names its length and who runs it: "mercoledì 9 dicembre alle 15 (1 ora) · online, con l’équipe di Limena"
    const listed = new RegExp(`^ {2}1\\. (?<slot>${SPOKEN_DATE.source}) \\(1 ora\\) · (?<team>online, con l’équipe di [A-Z][a-z ]+)$`, 'm');
    const { slot, team } = listed.exec(reply.slots!)?.groups ?? {};
    expect(slot, reply.slots).toBeDefined();
    expect(reply.summary).toContain(`Quando: ${slot!} (1 ora)\n`);
    expect(reply.summary).toContain(`Dove: ${team!}\n`);
    expect(reply.summary).not.toContain(anna.fiscalCode); // masked
    const reference = /WBC-\d{4}-\d{6}/.exec(reply.confirmed!)![0];
    expect(reply.confirmed).toContain(`Quando: ${slot!}. Si svolge ${team!}.`);
    expect(reply.list).toContain(`Doposcuola online\n${slot!}\nCodice: ${reference}`);
    // The item to cancel names the same day, whether written short ("mer 25 nov") or in full.
    const [weekday, day] = slot!.split(' ');
    expect(reply.list).toMatch(new RegExp(`^ {2}1\\. ${weekday!.slice(0, 3)}\\S* ${day!} `, 'm'));
    expect(reply.cancelled).toContain(`la prenotazione ${reference} è annullata`);
  }, 30_000);

  it('applies for grocery vouchers and asks how the application is going', async () => {
    const reply = await converse([
      SIMPLE_ON,
      ['4', /Buoni spesa: i Comuni aiutano[\s\S]*1\. Fare domanda\n {2}2\. Sapere a che punto è la domanda/],
      ['1', /Per la domanda di buoni spesa mi servono[\s\S]*servizi sociali del Comune/], // Fare domanda
      ['1', /Qual è il Suo nome/],
      ...identity,
      [anna.fiscalCode, /In quale comune ha la residenza\?/],
      ['4', /Quante persone vivono nella Sua famiglia/], // Limena
      ['3', /Com’è oggi il reddito/], // a number typed as digits, not a menu choice
      ['2', /Comune di Limena:\n• chi fa domanda: Anna Gallo\n• persone in famiglia: 3\n• reddito: diminuito[\s\S]*Conferma e acconsente/],
      ['1', /Domanda inviata\. Il codice della domanda è BSP-\d{4}-\d{6}/, 'sent'],
      ['4', /Buoni spesa/],
      ['2', /Stato: ricevuta/, 'status'], // Sapere a che punto è la domanda
    ]);
    const reference = /BSP-\d{4}-\d{6}/.exec(reply.sent!)![0];
    expect(reply.status).toContain(`Domanda ${reference}\nStato: ricevuta`);
  }, 30_000);

  it('9 gives the municipality’s social services, from the menu and inside a journey; 0 goes back step by step', async () => {
    // The town is asked once (4: Limena), then known; never a promise that someone will call.
    const reachOffice = /servizi sociali del Comune di Limena:\nComune di Limena – Servizi sociali\nTelefono: \+39 049/;
    await converse([
      SIMPLE_ON,
      ['9', /Le do il contatto dei servizi sociali del Suo comune: in quale comune abita\?[\s\S]*4\. Limena/],
      ['4', new RegExp(`${reachOffice.source}[\\s\\S]*Come posso aiutarLa`)],
      ['1', /Scelga l’argomento/],
      ['3', /Ecco i servizi di questo argomento/], // Anziani
      ['9', new RegExp(`${reachOffice.source}[\\s\\S]*Ecco i servizi di questo argomento`)], // carries on where it was
      ['0', /^Scelga l’argomento/],
      ['0', /^Come posso aiutarLa/],
      ['5', /^Come posso aiutarLa[\s\S]*Modalità semplice/], // Altri: the second page of the menu
      ['0', /^Come posso aiutarLa[\s\S]*1\. Cercare per argomento/],
      ['1', /Scelga l’argomento/],
      ['2', /Ecco i servizi di questo argomento/],
      ['1', /== Doposcuola online ==/],
      // Verificare e prenotare: the town given for the office's contact is not asked again.
      ['1', /^Quanti anni ha il bambino o la bambina per cui chiede\?/],
    ]);
  }, 30_000);
});
