// Simple mode is for elderly residents: in Italian it addresses them with "Lei", in Romanian with "dumneavoastră";
// English has one "you". Switching simple mode off goes back to the usual "tu".
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/paths.js';
import { conversation, type Talk } from '../support/conversation.js';
import { informalIn } from '../support/informal.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

/**
 * The catalogue's own Italian words (service names, eligibility questions and their help) come from the welfare
 * backend as it writes them, in its register; the reference backend's are in backend/data. Only Sportello's own texts
 * are held to the polite register here.
 */
function catalogueTexts(): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'it' && typeof value === 'string') texts.push(value.trim());
        else walk(value);
      }
    }
  };
  const dir = path.join(PROJECT_ROOT, 'backend', 'data');
  const files = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(path.join(folder, e.name)) : e.name.endsWith('.yaml') ? [path.join(folder, e.name)] : [],
    );
  for (const file of files(dir)) walk(parse(readFileSync(file, 'utf8')));
  return texts.sort((a, b) => b.length - a.length);
}

/**
 * The backend's own explanations of an outcome (backend/explanations.ts), in its register too: each starts with whom
 * the rule is for (a criterion's `wants`, "Il servizio è per…", "Il prezzo ridotto è per…") and goes on with what the
 * resident answered, or how telling it may lower the price.
 */
const BACKEND_EXPLANATIONS = [/(?:Il servizio|Il prezzo ridotto) è per [^\n]*/g];

/** Every line the bot said (the transcript's indented lines), the backend's own words taken out. */
function botLines(t: Talk, catalogue: string[]): string[] {
  return t.transcript
    .filter((line) => line.startsWith('  '))
    .map((line) => catalogue.reduce((text, words) => text.split(words).join('«catalogue»'), line.trim()))
    .map((line) => BACKEND_EXPLANATIONS.reduce((text, re) => text.replace(re, '«backend»'), line));
}

function informalLines(t: Talk, lang: string, catalogue: string[]): string[] {
  return botLines(t, catalogue).filter((line) => informalIn(lang, line) !== undefined);
}

describe('the polite register of simple mode', () => {
  const catalogue = catalogueTexts();

  it('in Italian: "Lei" from the main menu through a service, its eligibility questions and the outcome; "tu" again once off', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .say('ciao')
      .expect(/Come posso aiutarti\?/) // the usual register before
      .say('semplice')
      .expect(/Modalità semplice attiva\. Scriva solo il numero/)
      .expect(/Come posso aiutarLa\? Scriva il numero di una voce/)
      .check((t) => void t.transcript.splice(0)) // from here on, every line must be polite
      .say('1') // Cercare per argomento
      .expect(/Scelga l’argomento che Le interessa/)
      .say('2') // Supporto scolastico
      .expect(/Quale Le interessa\?/)
      .say('1') // Doposcuola online
      .expect(/Cosa vuole fare\?/)
      .say('1') // Verificare e prenotare
      .say('4') // Limena
      .say('nove')
      .say('2') // primaria
      .expect(/Se non vuole rispondere, vale il prezzo pieno\..*È d’accordo\?/)
      .say('1')
      .say('1') // ISEE fino a 10.000
      .expect(/in base alle Sue risposte può accedere a questo servizio/)
      .expect(/Scelga l’orario che preferisce/)
      .say('9')
      .expect(/Le do il contatto dei servizi sociali|servizi sociali del Comune di Limena/);
    expect(talk.transcript.some((line) => line.includes('9. Parlare con una persona'))).toBe(true);
    expect(informalLines(talk, 'it', catalogue)).toEqual([]);

    await talk
      .say('semplice')
      .expect(/Modalità semplice spenta\. Per riaccenderla scrivi «semplice»/)
      .expect(/Scegli l’orario che preferisci/); // back where the resident was, now in the usual register
  });

  it('in Italian, the word list catches the usual register, so the check above can fail', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .say('ciao')
      .say('1')
      .say('2')
      .say('1')
      .expect(/Cosa vuoi fare\?/);
    expect(informalLines(talk, 'it', catalogue).length).toBeGreaterThan(1);
  });

  it('in Romanian: "dumneavoastră" in simple mode, "tu" in the usual one', async () => {
    talk = conversation({ lang: 'ro' });
    await talk
      .say('bună')
      .expect(/Cu ce te pot ajuta\?/)
      .say('simplu')
      .expect(/Scrieți doar numărul răspunsului/)
      .expect(/Cu ce vă pot ajuta\? Scrieți numărul/)
      .check((t) => void t.transcript.splice(0))
      .say('1')
      .expect(/Alegeți subiectul care vă interesează/)
      .say('2')
      .say('1')
      .expect(/Ce doriți să faceți\?/);
    expect(informalLines(talk, 'ro', catalogue)).toEqual([]);
  });

  it('in English: one "you", so simple mode says the same words as the usual mode', async () => {
    talk = conversation({ lang: 'en' });
    await talk
      .say('hello')
      .expect(/How can I help you\?/)
      .say('simple')
      .expect(/Simple mode is on/)
      .expect(/How can I help you\?/)
      .say('1');
    const { translator } = talk.assistant;
    const said = talk.last.flatMap((m) => (m.type === 'choices' ? [m.text, ...m.choices.map((c) => c.label)] : []));
    expect(said).toEqual(expect.arrayContaining([translator.t('en', 'discovery.category.question'), translator.t('en', 'engine.talk_to_person')]));
    expect(translator.t('en', 'discovery.category.question', {}, { register: 'polite' })).toBe(translator.t('en', 'discovery.category.question'));
  });
});
