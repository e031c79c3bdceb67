import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserEvent } from '../../src/conversation/events.js';
import type { BotMessage } from '../../src/conversation/messages.js';
import type { StepKind, StepOutcome, StepTurn } from '../../src/conversation/step-kind.js';
import { eligibilityKinds } from '../../src/conversation/steps/eligibility.js';
import { createWelfareClient } from '../../src/welfare/client.js';
import type { WelfarePort } from '../../src/welfare/port.js';
import { BackendRejectedError } from '../../src/welfare/errors.js';
import { stepHarness, type StepHarness } from '../support/step-turn.js';

const { ask_eligibility, eligibility_outcome } = eligibilityKinds;
const ASK = ask_eligibility.config.parse({ next: 'outcome', consentRefused: 'refused' });
const OUTCOME = eligibility_outcome.config.parse({ eligible: 'slots', alternative: 'card', menu: 'menu', ask: 'ask' });

let h: StepHarness;
beforeAll(async () => {
  h = await stepHarness();
});
afterAll(() => h.close());

/** Drives one step as the engine does: entering clears scratch and bumps the visit; buttons carry the visit. */
function stepDriver<C>(kind: StepKind<C>, config: C, turn: StepTurn) {
  let last: StepOutcome | undefined;
  const keep = async (p: Promise<StepOutcome>) => (last = await p);
  const event = (e: UserEvent) => keep(kind.onEvent(config, e, turn));
  return {
    enter: () => {
      turn.session.visit += 1;
      turn.session.scratch = {};
      return keep(kind.enter(config, turn));
    },
    say: (text: string) => event({ type: 'text', text }),
    /** Presses the button of the last question whose label matches. */
    press: (label: string | RegExp) => {
      const choice = choicesOf(last).find((c) => (typeof label === 'string' ? c.label === label : label.test(c.label)));
      if (!choice) throw new Error(`no button ${String(label)} in ${JSON.stringify(choicesOf(last))}`);
      const [, visit, id] = /^(\d+):(.+)$/.exec(choice.payload) ?? [];
      expect(Number(visit), 'a button of the question on screen').toBe(turn.session.visit);
      return event({ type: 'choice', payload: id! });
    },
  };
}

function choicesOf(outcome: StepOutcome | undefined) {
  const asked = outcome?.messages.filter((m): m is Extract<BotMessage, { type: 'choices' }> => m.type === 'choices').at(-1);
  return asked?.choices ?? [];
}
const labels = (o: StepOutcome) => choicesOf(o).map((c) => c.label);
const said = (o: StepOutcome) => o.messages.map((m) => (m.type === 'card' ? m.card.title : m.text)).join('\n');

function turnFor(lang: string, serviceId: string, welfare?: WelfarePort): StepTurn {
  const turn = h.turn(lang);
  if (welfare) turn.ctx = { ...turn.ctx, welfare };
  turn.session.data.serviceId = serviceId;
  return turn;
}

const TEXT = {
  it: {
    residence: /In quale comune abiti/,
    age: /Quanti anni/,
    nine: 'nove',
    school: /Che scuola/,
    consent: /24 ore/,
    yes: 'sì',
    isee: /fascia è l’ISEE|fascia è l'ISEE/,
    fullPrice: /prezzo pieno/i,
    reduced: /Prezzo ridotto: 4\s€ all’ora\./,
    full: /Prezzo pieno: 8\s€ all’ora\./,
    notice: /non una decisione ufficiale/,
    notEligible: /non puoi accedere/,
    birth: /data di nascita/,
    march: '3 marzo 1950',
    future: /nel futuro/,
    twoDigits: /quattro cifre/,
    range: /da 0 a 17/,
    down: /non risponde/,
    retry: 'Riprova',
    menu: 'Menu principale',
    person: 'Parla con una persona',
    skip: 'Salta questa domanda',
    mayLower: /Se mi dici la fascia ISEE della tua famiglia, vedo se ti spetta\./,
    keepFull: 'Continua con il prezzo pieno',
    answerPrice: 'Rispondi alla domanda sul prezzo',
  },
  en: {
    residence: /Which municipality/,
    age: /How old/,
    nine: 'nine',
    school: /Which school/,
    consent: /24 hours/,
    yes: 'yes',
    isee: /Which band/,
    fullPrice: /full price/i,
    reduced: /Reduced price: €4 per hour\./,
    full: /Full price: €8 per hour\./,
    notice: /not an official decision/,
    notEligible: /cannot access this service/,
    birth: /date of birth/,
    march: 'March 3 1950',
    future: /in the future/,
    twoDigits: /four digits/,
    range: /from 0 to 17/,
    down: /not answering/,
    retry: 'Try again',
    menu: 'Main menu',
    person: 'Talk to a person',
    skip: 'Skip this question',
    mayLower: /If you tell me your household's ISEE band, I can see whether it applies to you\./,
    keepFull: 'Carry on at the full price',
    answerPrice: 'Answer the price question',
  },
} as const;

describe.each(['it', 'en'] as const)('ask_eligibility and eligibility_outcome in %s', (lang) => {
  const t = TEXT[lang];

  it('asks one missing criterion per message, typed, and stores each answer with its JSON type', async () => {
    const turn = turnFor(lang, 'doposcuola-online');
    const step = stepDriver(ask_eligibility, ASK, turn);
    let o = await step.enter();
    expect(o.type).toBe('wait');
    expect(said(o)).toMatch(t.residence);
    expect(labels(o)).toEqual(['Piazzola sul Brenta', 'Campodoro', 'Campo San Martino', 'Limena', 'Villafranca Padovana']);

    o = await step.say('limena');
    expect(turn.session.data.answers).toEqual({ residence: 'limena' });
    expect(o.type).toBe('wait');
    expect(said(o)).toMatch(t.age);

    o = await step.say(t.nine);
    expect(turn.session.data.answers.child_age).toBe(9);
    expect(said(o)).toMatch(t.school);
    expect(labels(o)).toHaveLength(4);

    o = await step.say('2');
    expect(turn.session.data.answers.school_order).toBe('primaria');
    // ISEE is sensitive: consent comes first, in one message, with yes/no.
    expect(o.messages).toHaveLength(1);
    expect(said(o)).toMatch(t.consent);
    expect(said(o)).toMatch(t.isee);
    expect(labels(o)).toHaveLength(2);
    expect(turn.session.data.answers.isee_band).toBeUndefined();
  });

  it('skips the price criterion when consent is refused, and quotes the full price', async () => {
    const turn = turnFor(lang, 'doposcuola-online');
    turn.session.data.answers = { residence: 'limena', child_age: 9, school_order: 'primaria' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    expect(said(await step.enter())).toMatch(t.consent);
    const o = await step.say('no');
    expect(o).toMatchObject({ type: 'go', to: 'outcome' });
    expect(said(o)).toMatch(t.fullPrice);
    expect(turn.session.data.answers).not.toHaveProperty('isee_band');
    expect(turn.session.data.consent['sensitive:isee_band']).toBeUndefined();

    // Not asked again when the step is entered again.
    expect(await step.enter()).toMatchObject({ type: 'go', to: 'outcome' });

    // The no stands: the outcome quotes the full price and goes on, neither inviting the answer nor asking for it again.
    const outcome = await stepDriver(eligibility_outcome, OUTCOME, turn).enter();
    expect(outcome).toMatchObject({ type: 'go', to: 'slots' });
    expect(said(outcome)).toMatch(t.full);
    expect(said(outcome)).not.toMatch(t.mayLower);
    expect(labels(outcome)).not.toContain(t.answerPrice);
  });

  it('after a skipped price question, offers to answer it after all, or to go on at the full price', async () => {
    const turn = turnFor(lang, 'doposcuola-online');
    turn.session.data.answers = { residence: 'limena', child_age: 9, school_order: 'primaria' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    await step.enter();
    await step.say(t.yes);
    expect(await step.press(t.skip)).toMatchObject({ type: 'go', to: 'outcome' });

    // The outcome says answering may lower the price, so it offers to answer after all, or to go on at the full price.
    const result = stepDriver(eligibility_outcome, OUTCOME, turn);
    const outcome = await result.enter();
    expect(outcome.type).toBe('wait');
    expect(said(outcome)).toMatch(t.full);
    expect(said(outcome)).toMatch(t.mayLower);
    expect(labels(outcome)).toEqual([t.keepFull, t.answerPrice, expect.any(String)]);
    expect(await result.press(t.keepFull)).toMatchObject({ type: 'go', to: 'slots' });

    await result.enter();
    expect(await result.press(t.answerPrice)).toMatchObject({ type: 'go', to: 'ask' });
    const again = said(await step.enter());
    expect(again, 'the price question is asked again').toMatch(t.isee);
    expect(again, 'its consent was already given').not.toMatch(t.consent);
  });

  it('asks the ISEE band after consent, stores it and shows the reduced price', async () => {
    const turn = turnFor(lang, 'doposcuola-online');
    turn.session.data.answers = { residence: 'limena', child_age: 9, school_order: 'primaria' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    await step.enter();
    const visit = turn.session.visit;
    let o = await step.say(t.yes);
    expect(turn.session.data.consent['sensitive:isee_band']).toBe(h.ctx.now.toUTC().toISO());
    expect(turn.session.visit, 'the consent buttons are now stale').toBe(visit + 1);
    expect(said(o)).toMatch(t.isee);
    expect(said(o)).toMatch(t.fullPrice);
    expect(labels(o)).toContain(t.skip);

    o = await step.press(lang === 'it' ? 'fino a 10.000 €' : 'up to €10,000');
    expect(turn.session.data.answers.isee_band).toBe('isee_up_to_10k');
    expect(o).toMatchObject({ type: 'go', to: 'outcome' });

    const outcome = await stepDriver(eligibility_outcome, OUTCOME, turn).enter();
    expect(outcome).toMatchObject({ type: 'go', to: 'slots' });
    expect(said(outcome)).toMatch(t.reduced);
    const quoted = await h.ctx.welfare.checkEligibility('doposcuola-online', turn.session.data.answers);
    expect(quoted.price.tier).toBe('reduced');
    expect(said(outcome)).toContain(quoted.price.explanation?.[lang]);
    expect(outcome.messages).toContainEqual({ type: 'notice', level: 'info', text: expect.stringMatching(t.notice) });
  });

  it('explains a refusal criterion by criterion and offers the alternatives as choices', async () => {
    const turn = turnFor(lang, 'doposcuola-online');
    turn.session.data.answers = { residence: 'limena' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    await step.enter();
    // 16 is a valid age (0–17) but outside the service's 6–14: no more questions once a criterion fails.
    expect(await step.say('16')).toMatchObject({ type: 'go', to: 'outcome' });
    expect(turn.session.data.answers.child_age).toBe(16);

    const outcomeStep = stepDriver(eligibility_outcome, OUTCOME, turn);
    const o = await outcomeStep.enter();
    expect(o.type).toBe('wait');
    const text = said(o);
    expect(text).toMatch(t.notEligible);
    expect(text).toMatch(/✗ .*\b6\b.*\b14\b/);
    expect(text).toMatch(/✓ /);
    expect(text).toMatch(t.notice);
    const buttons = choicesOf(o);
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons.length).toBeLessThanOrEqual(5);
    expect(buttons.at(-2)?.label).toBe(t.menu);
    expect(buttons.at(-1)).toEqual({ payload: 'cmd:person', label: t.person });

    const alternative = buttons[0]!.label;
    expect(await outcomeStep.press(alternative)).toMatchObject({ type: 'go', to: 'card' });
    expect(turn.session.data.serviceId).not.toBe('doposcuola-online');
    const chosen = await h.ctx.welfare.getService(turn.session.data.serviceId!);
    expect(alternative, 'its short name, or its name, whole').toBe(chosen.shortName?.[lang] ?? chosen.name[lang]);
  });

  it('reads a typed date, refuses a future one and a two-digit year', async () => {
    const turn = turnFor(lang, 'socializzazione-anziani');
    const step = stepDriver(ask_eligibility, ASK, turn);
    let o = await step.enter();
    expect(said(o)).toMatch(t.birth);
    expect(said(o)).toMatch(/15\/03\/1948/);

    o = await step.say('3/3/2030');
    expect(o.type).toBe('misunderstood');
    expect(said(o)).toMatch(t.future);
    o = await step.say('12.03.50');
    expect(said(o)).toMatch(t.twoDigits);
    expect(turn.session.data.answers).toEqual({});

    o = await step.say(t.march);
    expect(turn.session.data.answers.birth_date).toBe('1950-03-03');
    expect(said(o)).toMatch(t.residence);
  });

  it('re-asks a number out of range with the allowed range', async () => {
    const turn = turnFor(lang, 'doposcuola-online');
    turn.session.data.answers = { residence: 'limena' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    await step.enter();
    const o = await step.say('20');
    expect(o.type).toBe('misunderstood');
    expect(said(o)).toMatch(t.range);
    expect(said(o)).toMatch(t.age);
    expect(turn.session.data.answers).not.toHaveProperty('child_age');
  });

  it('says honestly when the backend is down, keeps the answers, and retries', async () => {
    let down = true;
    const welfare = createWelfareClient({
      baseUrl: h.backend.url,
      maxAttempts: 1,
      fetch: (input, init) => (down ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init)),
    });
    const turn = turnFor(lang, 'doposcuola-online', welfare);
    turn.session.data.answers = { residence: 'limena' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    let o = await step.enter();
    expect(o.type).toBe('wait');
    expect(said(o)).toMatch(t.down);
    expect(said(o)).not.toMatch(/fetch|Error|\/v1/);
    expect(choicesOf(o).map((c) => c.payload.replace(/^\d+:/, ''))).toEqual(['retry', 'cmd:menu', 'cmd:person']);
    expect(turn.session.data.answers).toEqual({ residence: 'limena' });

    down = false;
    o = await step.press(t.retry);
    expect(said(o)).toMatch(t.age);

    down = true;
    const outcome = await stepDriver(eligibility_outcome, OUTCOME, turn).enter();
    expect(said(outcome)).toMatch(t.down);
  });
});

describe('ask_eligibility details', () => {
  it('accepts a municipality typed with a typo and answers "perché?" with the criterion help', async () => {
    const turn = turnFor('it', 'doposcuola-online');
    const step = stepDriver(ask_eligibility, ASK, turn);
    await step.enter();
    const why = await step.say('perché?');
    expect(why.type).toBe('wait');
    expect(said(why)).toMatch(/residenza/);
    expect(said(why)).toMatch(/In quale comune/);
    await step.say('limna');
    expect(turn.session.data.answers.residence).toBe('limena');
  });

  it('reads a school by its label and misunderstands nonsense', async () => {
    const turn = turnFor('en', 'doposcuola-online');
    turn.session.data.answers = { residence: 'limena', child_age: 12 };
    const step = stepDriver(ask_eligibility, ASK, turn);
    await step.enter();
    expect((await step.say('banana')).type).toBe('misunderstood');
    await step.say('middle school');
    expect(turn.session.data.answers.school_order).toBe('secondaria_primo_grado');
  });

  it('skips the ISEE question with its skip option and does not ask it again', async () => {
    const turn = turnFor('it', 'doposcuola-online');
    turn.session.data.answers = { residence: 'limena', child_age: 9, school_order: 'primaria' };
    turn.session.data.consent['sensitive:isee_band'] = '2026-03-02T08:00:00.000Z';
    const step = stepDriver(ask_eligibility, ASK, turn);
    expect(said(await step.enter())).toMatch(/fascia/);
    const o = await step.press('Salta questa domanda');
    expect(o).toMatchObject({ type: 'go', to: 'outcome' });
    expect(turn.session.data.answers).not.toHaveProperty('isee_band');
    expect(await step.enter()).toMatchObject({ type: 'go', to: 'outcome' });
  });

  it('goes to consentRefused when a sensitive eligibility criterion gets no consent', async () => {
    const turn = turnFor('it', 'supporto-domiciliare-bes');
    turn.session.data.answers = { residence: 'campodoro' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    const o = await step.enter();
    expect(said(o)).toMatch(/requisiti/);
    expect(said(o)).toMatch(/cancella i miei dati/);
    const refused = await step.say('no');
    expect(refused).toMatchObject({ type: 'go', to: 'refused' });
    expect(said(refused)).toMatch(/non posso verificare/);
  });

  it('asks a consent for each sensitive question, quoting it: a yes to one is no yes to the next', async () => {
    const turn = turnFor('it', 'assistenza-domiciliare-anziani');
    turn.session.data.answers = { birth_date: '1948-03-15', residence: 'limena' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    expect(said(await step.enter())).toMatch(/«La persona ha bisogno di aiuto nelle attività di ogni giorno/);
    await step.say('sì');
    expect(turn.session.data.consent).toEqual({ 'sensitive:needs_daily_help': h.ctx.now.toUTC().toISO() });
    const next = await step.say('sì');
    expect(said(next)).toMatch(/«In quale fascia è l'ISEE della tua famiglia\?»/);
    expect(turn.session.data.answers).not.toHaveProperty('isee_band');
  });

  it('after a refused eligibility consent, names who can help: the service contact point', async () => {
    const turn = turnFor('en', 'supporto-domiciliare-bes');
    turn.session.data.answers = { residence: 'campodoro' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    await step.enter();
    const refused = await step.say('no');
    expect(refused).toMatchObject({ type: 'go', to: 'refused' });
    expect(said(refused)).toMatch(/You can also call or write to .+: phone/);
    expect(said(refused)).toMatch(/“operator”/);
  });

  it('asks a sensitive yes/no criterion after consent and stores a boolean', async () => {
    const turn = turnFor('en', 'supporto-domiciliare-bes');
    turn.session.data.answers = { residence: 'campodoro' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    expect(said(await step.enter())).toMatch(/delete my data/);
    const o = await step.press('Yes');
    expect(said(o)).toMatch(/special educational needs/);
    expect(labels(o)).toEqual(['Yes', 'No']);
    await step.say('yep');
    expect(turn.session.data.answers.bes_certified).toBe(true);
  });

  it('re-asks an answer the backend rejects with 422, removing it', async () => {
    const rejecting: WelfarePort = {
      ...h.ctx.welfare,
      checkEligibility: async (id, answers) => {
        if (answers.child_age === 13) {
          throw new BackendRejectedError('POST /v1/services/{id}/eligibility', 422, '/problems/validation-error', [
            { path: 'answers.child_age', message: 'must be at most 12' },
          ]);
        }
        return h.ctx.welfare.checkEligibility(id, answers);
      },
    };
    const turn = turnFor('en', 'doposcuola-online', rejecting);
    turn.session.data.answers = { residence: 'limena' };
    const step = stepDriver(ask_eligibility, ASK, turn);
    await step.enter();
    const o = await step.say('13');
    expect(o.type).toBe('misunderstood');
    expect(said(o)).toMatch(/does not fit/);
    expect(said(o)).toMatch(/How old/);
    expect(turn.session.data.answers).toEqual({ residence: 'limena' });
  });

  it('pages a long list of options with "more" and accepts a name from any page', async () => {
    const names = [
      'Abano',
      'Albignasego',
      'Cadoneghe',
      'Cittadella',
      'Este',
      'Monselice',
      'Padova',
      'Piove',
      'Rubano',
      'Selvazzano',
      'Teolo',
      'Vigonza',
    ];
    const options = names.map((name) => ({ value: name.toLowerCase(), label: { it: name } }));
    const criterion = { id: 'long', question: { it: 'Quale?' }, type: 'choice' as const, options, sensitive: false, purpose: 'eligibility' as const };
    const fake: WelfarePort = {
      ...h.ctx.welfare,
      checkEligibility: async (serviceId, answers) => ({
        serviceId,
        outcome: answers.long ? 'eligible' : 'undetermined',
        missing: answers.long ? [] : [criterion],
        criteria: [],
        price: { tier: 'full', amount: 0, currency: 'EUR', unit: 'session' },
        alternatives: [],
        rulesVersion: 't',
        notice: { it: 'n' },
      }),
    };
    const turn = turnFor('it', 'doposcuola-online', fake);
    const step = stepDriver(ask_eligibility, ASK, turn);
    const first = await step.enter();
    expect(labels(first)).toHaveLength(10);
    expect(labels(first).at(-1)).toBe('Altri');
    const second = await step.press('Altri');
    expect(labels(second)).toEqual(['Selvazzano', 'Teolo', 'Vigonza', 'Altri']);
    expect(await step.say('cittadela')).toMatchObject({ type: 'go', to: 'outcome' });
    expect(turn.session.data.answers.long).toBe('cittadella');
  });

  it('goes on at once when nothing is missing', async () => {
    const turn = turnFor('it', 'socializzazione-anziani');
    turn.session.data.answers = { birth_date: '1950-03-03', residence: 'limena' };
    expect(await stepDriver(ask_eligibility, ASK, turn).enter()).toMatchObject({ type: 'go', to: 'outcome', messages: [] });
    const outcome = await stepDriver(eligibility_outcome, OUTCOME, turn).enter();
    expect(outcome).toMatchObject({ type: 'go', to: 'slots' });
    expect(said(outcome)).toMatch(/gratuito/);
  });
});

describe('eligibility_outcome details', () => {
  it('sends a resident with answers still missing back to the questions', async () => {
    const turn = turnFor('en', 'doposcuola-online');
    const o = await stepDriver(eligibility_outcome, OUTCOME, turn).enter();
    expect(o).toMatchObject({ type: 'go', to: 'ask' });
    expect(said(o)).toMatch(/still need/);
  });

  it('goes to the menu target, and re-shows the choices on an unclear answer', async () => {
    const turn = turnFor('it', 'socializzazione-anziani');
    turn.session.data.answers = { birth_date: '1990-01-01', residence: 'limena' };
    const step = stepDriver(eligibility_outcome, OUTCOME, turn);
    const o = await step.enter();
    expect(said(o)).toMatch(/✗ .*65/);
    const unclear = await step.say('boh');
    expect(unclear.type).toBe('misunderstood');
    expect(labels(unclear)).toEqual(labels(o));
    expect(await step.press('Menu principale')).toMatchObject({ type: 'go', to: 'menu' });
  });

  it('names every target and lists its own texts', () => {
    expect(ask_eligibility.targets(ASK)).toEqual(['outcome', 'refused']);
    expect(eligibility_outcome.targets(OUTCOME)).toEqual(['slots', 'card', 'menu', 'ask']);
    for (const key of [...ask_eligibility.ownTexts, ...eligibility_outcome.ownTexts]) {
      for (const lang of ['it', 'en']) expect(h.ctx.translator.has(lang, key), `${lang} ${key}`).toBe(true);
    }
    expect(() => ask_eligibility.config.parse({ next: 'a', consentRefused: 'b', extra: 1 })).toThrow();
  });
});
