// Recognises the global commands a resident types in Italian or English ("aiuto", "back", "/menu"); no I/O.
import type { CommandName } from './events.js';
import { fold } from './choice-match.js';

// Whole-message phrases only: "voglio tornare a scuola" must not read as "back".
const PHRASES: Record<CommandName, string[]> = {
  menu: ['menu', 'menù', 'start', 'inizio', 'ricomincia', 'ricominciare', 'home', 'main menu', 'menu principale', 'torna al menu', 'start over', 'restart'],
  back: ['indietro', 'torna indietro', 'tornare indietro', 'back', 'go back', 'previous', 'precedente'],
  help: ['aiuto', 'help', 'aiutami', 'help me', 'come funziona', 'how does it work', '?'],
  language: ['lingua', 'cambia lingua', 'cambiare lingua', 'language', 'change language', 'lingue', 'languages'],
  person: [
    'operatore', 'operatrice', 'persona', 'una persona', 'parlare con una persona', 'parla con una persona', 'voglio parlare con una persona',
    'parlare con un operatore', 'parla con un operatore', 'umano', 'human', 'operator', 'agent', 'person', 'a person', 'talk to a person',
    'speak to a person', 'talk to someone', 'real person',
  ],
  my_data: ['i miei dati', 'miei dati', 'dati personali', 'privacy', 'my data', 'my personal data'],
  delete_data: ['cancella i miei dati', 'elimina i miei dati', 'cancellare i miei dati', 'dimenticami', 'delete my data', 'erase my data', 'forget me'],
  simple: ['modalita semplice', 'modalità semplice', 'semplice', 'modo semplice', 'simple mode', 'simple', 'easy mode', 'scrivi piu semplice'],
  stop: ['stop', 'basta', 'esci', 'fine', 'ferma', 'quit', 'exit', 'end', 'arrivederci', 'goodbye', 'bye', 'ciao ciao'],
};

const SLASH: Record<string, CommandName> = {
  start: 'menu',
  menu: 'menu',
  indietro: 'back',
  back: 'back',
  aiuto: 'help',
  help: 'help',
  lingua: 'language',
  language: 'language',
  operatore: 'person',
  persona: 'person',
  person: 'person',
  operator: 'person',
  dati: 'my_data',
  privacy: 'my_data',
  mydata: 'my_data',
  cancelladati: 'delete_data',
  deletedata: 'delete_data',
  stop: 'stop',
  semplice: 'simple',
  simple: 'simple',
};

const BY_PHRASE = new Map<string, CommandName>();
for (const [name, phrases] of Object.entries(PHRASES) as [CommandName, string[]][]) {
  for (const phrase of phrases) BY_PHRASE.set(phrase === '?' ? '?' : fold(phrase).join(' '), name);
}

/** The command a whole message asks for, if any. */
export function commandOf(text: string): CommandName | undefined {
  const trimmed = text.trim();
  const slash = /^\/([a-z_]+)(?:@\w+)?(?:\s|$)/i.exec(trimmed);
  if (slash) return SLASH[slash[1]!.toLowerCase().replace(/_/g, '')];
  if (trimmed === '?') return 'help';
  return BY_PHRASE.get(fold(trimmed).join(' '));
}

/** Slash commands the channels may advertise (Telegram's command menu). */
export const ADVERTISED_COMMANDS: { command: string; name: CommandName }[] = [
  { command: 'menu', name: 'menu' },
  { command: 'aiuto', name: 'help' },
  { command: 'indietro', name: 'back' },
  { command: 'lingua', name: 'language' },
  { command: 'operatore', name: 'person' },
  { command: 'privacy', name: 'my_data' },
  { command: 'semplice', name: 'simple' },
  { command: 'stop', name: 'stop' },
];
