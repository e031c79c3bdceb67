// What a resident's message asks of the line while a person has the conversation, and how staff read it; real locales.
import { describe, expect, it } from 'vitest';
import type { UserEvent } from '../../src/conversation/events.js';
import { LINE_BUTTONS, lineRequest, noteForStaff } from '../../src/conversation/staff-line.js';
import { loadLocales } from '../../src/i18n/locales.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { lexicon } from '../support/lexicon.js';

const translator = createTranslator(loadLocales(LOCALES_DIR, { rootForMessages: PROJECT_ROOT }), { lexicon });
const t = { it: { t: (key: string) => translator.t('it', key), lexicon }, en: { t: (key: string) => translator.t('en', key), lexicon } };

const text = (said: string): UserEvent => ({ type: 'text', text: said });
const choice = (payload: string): UserEvent => ({ type: 'choice', payload });

describe('lineRequest: leaving the line', () => {
  it.each<[string, UserEvent]>([
    ['the "back to the assistant" button', choice(LINE_BUTTONS.leave)],
    ['the button payload as sent', choice('cmd:leave')],
    ['a stop or menu button of the question before', choice('cmd:stop')],
    ['/stop', text('/stop')],
    ['"esci" (the stop command)', text('esci')],
    ['"annulla"', text('annulla')],
    ['"Annulla!" with capitals and punctuation', text('  Annulla! ')],
    ['the button label typed', text("Torna all'assistente")],
    ['the button label with a typographic apostrophe', text('Torna all’assistente')],
    ['"lascia perdere"', text('lascia perdere')],
    ['the stop command as an event', { type: 'command', name: 'stop' }],
  ])('in Italian: %s', (_, event) => {
    expect(lineRequest(event, t.it)).toBe('leave');
  });

  it.each(['cancel', 'Cancel.', 'never mind', 'Back to the assistant'])('in English: "%s"', (said) => {
    expect(lineRequest(text(said), t.en)).toBe('leave');
  });

  it('reads the words of the resident’s own language only', () => {
    expect(lineRequest(text('cancel'), t.it)).toBeUndefined();
    expect(lineRequest(text('annulla'), t.en)).toBeUndefined();
  });
});

describe('lineRequest: the place in the queue', () => {
  it.each<[string, UserEvent]>([
    ['the queue button', choice('cmd:queue')],
    ['the "talk to a person" button of the question before', choice('cmd:person')],
    ['"posizione"', text('posizione')],
    ['"quanto manca?"', text('quanto manca?')],
    ['"Quanto manca???" with capitals', text('Quanto manca???')],
    ['the button label typed', text('Posizione in coda')],
    ['/operatore', text('/operatore')],
    ['"operatore" (the person command, typed again)', text('operatore')],
  ])('in Italian: %s', (_, event) => {
    expect(lineRequest(event, t.it)).toBe('position');
  });

  it.each(['queue', 'Place in the queue', 'how long?', '/operator'])('in English: "%s"', (said) => {
    expect(lineRequest(text(said), t.en)).toBe('position');
  });
});

describe('lineRequest: words for the person reading', () => {
  it.each(['annulla la prenotazione di martedì', 'quanto costa?', 'vorrei sapere la posizione del centro', 'ciao, mi serve aiuto con il modulo', ''])(
    'relays "%s"',
    (said) => {
      expect(lineRequest(text(said), t.it)).toBeUndefined();
    },
  );

  it.each(['cancel my booking on Tuesday', 'how much does it cost?'])('relays "%s" in English', (said) => {
    expect(lineRequest(text(said), t.en)).toBeUndefined();
  });

  it('relays what is not a message of words: attachments, places and phone numbers', () => {
    expect(lineRequest({ type: 'attachment', kind: 'voice' }, t.it)).toBeUndefined();
    expect(lineRequest({ type: 'attachment', kind: 'photo' }, t.it)).toBeUndefined();
    expect(lineRequest({ type: 'location', latitude: 45.47, longitude: 11.81 }, t.it)).toBeUndefined();
    expect(lineRequest({ type: 'contact', phone: '+39 333 1234567' }, t.it)).toBeUndefined();
  });
});

describe('lineRequest: a reminder of where the resident is', () => {
  it.each<[string, UserEvent]>([
    ['a button of a question asked before the person came', choice('0:2.1')],
    ['a button the engine marked as stale', choice('stale')],
    ['a global help button', choice('cmd:help')],
    ['/help', text('/help')],
    ['/aiuto', text('/aiuto')],
    ['"aiuto"', text('aiuto')],
    ['"indietro"', text('indietro')],
    ['"lingua"', text('lingua')],
    ['/start from Telegram', { type: 'start' }],
    ['/start with a deep link from Telegram', { type: 'start', payload: 'svc_doposcuola-online' }],
    ['the help command as an event', { type: 'command', name: 'help' }],
  ])('in Italian: %s', (_, event) => {
    expect(lineRequest(event, t.it)).toBe('reminder');
  });

  it('in English: /help and "help"', () => {
    expect(lineRequest(text('/help'), t.en)).toBe('reminder');
    expect(lineRequest(text('help'), t.en)).toBe('reminder');
  });
});

describe('noteForStaff', () => {
  it('passes the resident’s words on as written', () => {
    expect(noteForStaff(text('Ho un dubbio sul modulo ISEE, è urgente'))).toBe('Ho un dubbio sul modulo ISEE, è urgente');
  });

  it('turns a voice note into a note that says it cannot be passed on, and what to do', () => {
    const note = noteForStaff({ type: 'attachment', kind: 'voice' });
    expect(note).toMatch(/^\[messaggio vocale .*\]$/);
    expect(note).toMatch(/non inoltrabile/);
    expect(note).toMatch(/chiamata/);
  });

  it('turns a photo into a note that it was not passed on', () => {
    expect(noteForStaff({ type: 'attachment', kind: 'photo' })).toBe('[foto (non inoltrata)]');
  });

  it('gives a shared location as an OpenStreetMap link with its coordinates', () => {
    const note = noteForStaff({ type: 'location', latitude: 45.4714, longitude: 11.8146 });
    const link = /https:\/\/www\.openstreetmap\.org\/\S+?(?=\])/.exec(note)?.[0];
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(url.searchParams.get('mlat')).toBe('45.4714');
    expect(url.searchParams.get('mlon')).toBe('11.8146');
    expect(url.hash).toBe('#map=17/45.4714/11.8146');
  });

  it('gives a shared contact as its number, for the person the resident chose to share it with', () => {
    expect(noteForStaff({ type: 'contact', phone: '+39 333 1234567' })).toBe('[numero di telefono condiviso: +39 333 1234567]');
  });

  it('never passes on a button payload or a command as if the resident had written it', () => {
    expect(noteForStaff(choice('0:2.1'))).toBe('[choice]');
    expect(noteForStaff({ type: 'command', name: 'help' })).toBe('[command]');
  });
});

// Bugs found while writing these tests, fixed since: each stays as a regression test.
describe('regressions', () => {
  it('/start typed on Slack, Teams or the terminal is a reminder, as Telegram’s /start is, not a way off the line', () => {
    // commandOf('/start') is the menu command, and menu leaves the line: the request was dropped without asking.
    expect(lineRequest(text('/start'), t.it)).toBe('reminder');
  });
});
