// Simple mode is for elderly residents: in Italian it addresses them with "Lei", in Romanian with "dumneavoastră";
// English has one "you". Switching simple mode off goes back to the usual "tu".
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, type Talk } from '../support/conversation.js';
import { informalIn } from '../support/informal.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

/** Every line the bot said (the transcript's indented lines), the backend's texts included: they come in both registers. */
function botLines(t: Talk): string[] {
  return t.transcript.filter((line) => line.startsWith('  ')).map((line) => line.trim());
}

function informalLines(t: Talk, lang: string): string[] {
  return botLines(t).filter((line) => informalIn(lang, line) !== undefined);
}

describe('the polite register of simple mode', () => {
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
      .expect(/L'attestazione ISEE, solo se chiede il prezzo ridotto/) // the service card, from the backend
      .expect(/Cosa vuole fare\?/)
      .say('1') // Verificare e prenotare
      .expect(/In quale comune abita\?/) // the backend's eligibility questions
      .say('4') // Limena
      .expect(/Quanti anni ha il bambino o la bambina per cui chiede\?/)
      .say('nove')
      .say('2') // primaria
      .expect(/«In quale fascia è l'ISEE della Sua famiglia\?».*Se non vuole rispondere, vale il prezzo pieno\..*È d’accordo\?/)
      .say('1')
      .say('1') // ISEE fino a 10.000
      .expect(/in base alle Sue risposte può accedere a questo servizio/)
      .expect(/Il prezzo ridotto è per le famiglie con ISEE fino a 10\.000 € o da 10\.000 a 20\.000 €: ha risposto «fino a 10\.000 €»\./)
      .expect(/Scelga l’orario che preferisce/)
      .say('9')
      .expect(/Le do il contatto dei servizi sociali|servizi sociali del Comune di Limena/);
    expect(talk.transcript.some((line) => line.includes('9. Parlare con una persona'))).toBe(true);
    expect(informalLines(talk, 'it')).toEqual([]);

    await talk
      .say('semplice')
      .expect(/Modalità semplice spenta\. Per riaccenderla scrivi «semplice»/)
      .expect(/Scegli l’orario che preferisci/); // back where the resident was, now in the usual register
  });

  // Doposcuola online for a 9-year-old in Limena: at the upper-secondary school every reason is listed; at primary
  // school, with the ISEE question skipped (not refused: a refusal stands and is not invited again), the price
  // sentence says that telling it may lower the price.
  it.each([
    { mode: 'simple', answers: ['4'], said: /✓ Il servizio è per chi abita a .* o a Villafranca Padovana: Lei abita a Limena\./ },
    {
      mode: 'simple',
      // yes to the ISEE consent, then "Altri" and "Salta questa domanda" on the second page
      answers: ['2', '1', '5', '2'],
      said: /con ISEE fino a 10\.000 € o da 10\.000 a 20\.000 €\. Se mi dice la fascia ISEE della Sua famiglia, vedo se Le spetta\./,
    },
    { mode: 'usual', answers: ['4'], said: /✓ Il servizio è per chi abita a .* o a Villafranca Padovana: tu abiti a Limena\./ },
    {
      mode: 'usual',
      answers: ['2', '1', '6'],
      said: /con ISEE fino a 10\.000 € o da 10\.000 a 20\.000 €\. Se mi dici la fascia ISEE della tua famiglia, vedo se ti spetta\./,
    },
  ])("in Italian: the backend's outcome sentences follow the register ($mode mode, answers $answers)", async ({ mode, answers, said }) => {
    talk = conversation({ lang: 'it' });
    await talk.say('ciao');
    if (mode === 'simple') await talk.say('semplice');
    talk.transcript.splice(0);
    for (const answer of ['1', '2', '1', '1', '4', 'nove', ...answers]) await talk.say(answer);
    expect(botLines(talk).join('\n')).toMatch(said);
    if (mode === 'simple') expect(informalLines(talk, 'it')).toEqual([]);
  });

  it('in Italian, the word list catches the usual register, so the check above can fail', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .say('ciao')
      .say('1')
      .say('2')
      .say('1')
      .expect(/Cosa vuoi fare\?/);
    expect(informalLines(talk, 'it').length).toBeGreaterThan(1);
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
      .expect(/Ce doriți să faceți\?/)
      .say('1')
      // The backend has no Romanian: its question comes in Italian, in the polite form too, with the note.
      .expect(/In quale comune abita\? \(text original în italiană\)/);
    expect(informalLines(talk, 'ro')).toEqual([]);
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
    // The backend's English texts have no polite form either: simple mode reads them as written.
    await talk
      .say('2') // School support
      .say('1') // Online homework help
      .expect(/The ISEE statement, only if you ask for the reduced price/)
      .say('1')
      .expect(/Which municipality do you live in\?/)
      .say('4')
      .say('nine')
      .say('2')
      .say('1') // yes to the ISEE question
      .say('1')
      .expect(/The reduced price is for households with an ISEE up to €10,000 or €10,000 to €20,000: you answered “up to €10,000”\./);
  });
});
