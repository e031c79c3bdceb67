// Discovery step kinds against the reference backend over HTTP, in Italian and English.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnContext } from '../../src/conversation/context.js';
import type { UserEvent } from '../../src/conversation/events.js';
import type { BotMessage, ServiceCardView } from '../../src/conversation/messages.js';
import type { StepKind, StepOutcome, StepTurn } from '../../src/conversation/step-kind.js';
import { discoveryKinds } from '../../src/conversation/steps/discovery.js';
import { loadLocales } from '../../src/i18n/locales.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';
import type { ServiceQuery } from '../../src/welfare/contract.js';
import { createWelfareClient } from '../../src/welfare/client.js';
import type { WelfarePort } from '../../src/welfare/port.js';
import { stepHarness, type StepHarness } from '../support/step-turn.js';

const { pick_category, search_text, service_list, service_card } = discoveryKinds;

let h: StepHarness;
beforeAll(async () => {
  h = await stepHarness();
});
afterAll(() => h.close());

// As the engine does on entering a step: a fresh scratch and a new visit.
function enter<C>(kind: StepKind<C>, raw: unknown, turn: StepTurn): Promise<StepOutcome> {
  turn.session.scratch = {};
  turn.session.visit += 1;
  return kind.enter(kind.config.parse(raw), turn);
}
function answer<C>(kind: StepKind<C>, raw: unknown, turn: StepTurn, input: string | UserEvent): Promise<StepOutcome> {
  const event: UserEvent = typeof input === 'string' ? { type: 'text', text: input } : input;
  return kind.onEvent(kind.config.parse(raw), event, turn);
}

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const choicesOf = (o: StepOutcome) => o.messages.filter((m): m is Extract<BotMessage, { type: 'choices' }> => m.type === 'choices').at(-1);
const labels = (o: StepOutcome) => choicesOf(o)?.choices.map((c) => c.label) ?? [];
const said = (o: StepOutcome) => o.messages.map((m) => (m.type === 'card' ? m.card.title : m.text)).join('\n');
const cardOf = (o: StepOutcome): ServiceCardView => {
  const card = o.messages.find((m) => m.type === 'card');
  if (card?.type !== 'card') throw new Error(`no card in: ${said(o)}`);
  return card.card;
};
const field = (card: ServiceCardView, label: string) => nbsp(card.fields.find((f) => f.label === label)?.value ?? '');

function withPort(turn: StepTurn, welfare: WelfarePort): StepTurn {
  const ctx: TurnContext = { ...h.ctx, welfare };
  return { ...turn, ctx };
}

const CATEGORY = { next: 'list' };
const BY_CATEGORY = { source: 'category', next: 'card', empty: 'categories' };
const BY_QUERY = { source: 'query', next: 'card', empty: 'search' };
const CARD = { next: 'check', apply: 'vouchers.apply', list: 'list', menu: 'main' };

describe('pick_category', () => {
  it('lists the seed categories in Italian and picks one by number or label', async () => {
    const turn = h.turn('it');
    const asked = await enter(pick_category, CATEGORY, turn);
    expect(asked.type).toBe('wait');
    expect(labels(asked)).toEqual(['Bambini e famiglie', 'Supporto scolastico', 'Anziani', 'Sostegno economico', 'Welfare aziendale']);
    expect(await answer(pick_category, CATEGORY, turn, '2')).toMatchObject({ type: 'go', to: 'list' });
    expect(turn.session.data.category).toBe('supporto-scolastico');

    await enter(pick_category, CATEGORY, turn);
    await answer(pick_category, CATEGORY, turn, 'anziani');
    expect(turn.session.data.category).toBe('anziani');
  });

  it('speaks English, takes a pressed button and re-asks when nothing matches', async () => {
    const turn = h.turn('en');
    const asked = await enter(pick_category, CATEGORY, turn);
    expect(labels(asked)).toEqual(['Children and families', 'School support', 'Older people', 'Economic support', 'Corporate welfare']);
    expect((await answer(pick_category, CATEGORY, turn, 'astronaut')).type).toBe('misunderstood');
    expect(turn.session.data.category).toBeUndefined();
    await answer(pick_category, CATEGORY, turn, { type: 'choice', payload: 'sostegno-economico' });
    expect(turn.session.data.category).toBe('sostegno-economico');
  });
});

describe('search_text', () => {
  it('asks in the resident’s words and stores the query', async () => {
    const turn = h.turn('it');
    expect(said(await enter(search_text, { next: 'results' }, turn))).toMatch(/parole tue/);
    expect((await answer(search_text, { next: 'results' }, turn, '7')).type).toBe('misunderstood');
    expect(await answer(search_text, { next: 'results' }, turn, '  aiuto con i compiti ')).toMatchObject({ type: 'go', to: 'results' });
    expect(turn.session.data.query).toBe('aiuto con i compiti');
  });

  it('goes straight on with the main menu’s free text, but asks again for a query already searched', async () => {
    const turn = h.turn('en');
    turn.session.data.query = 'homework help'; // as the menu's freeText leaves it
    expect(await enter(search_text, { next: 'results' }, turn)).toMatchObject({ type: 'go', to: 'results', messages: [] });
    const again = await enter(search_text, { next: 'results' }, turn);
    expect(again.type).toBe('wait');
    expect(said(again)).toMatch(/own words/);
  });
});

describe('service_list', () => {
  it('lists a category and chooses by number, by label and by a typo', async () => {
    const turn = h.turn('it');
    turn.session.data.category = 'supporto-scolastico';
    const list = await enter(service_list, BY_CATEGORY, turn);
    expect(labels(list)).toHaveLength(4);
    expect(labels(list)).toContain('Doposcuola online');
    expect(labels(list).every((l) => l.length <= 40)).toBe(true);
    expect(labels(list)).not.toContain('Altri');

    expect(await answer(service_list, BY_CATEGORY, turn, '1')).toMatchObject({ type: 'go', to: 'card' });
    expect(turn.session.data.serviceId).toBe(choicesOf(list)!.choices[0]!.payload.split(':')[1]);
    await answer(service_list, BY_CATEGORY, turn, 'laboratori di promozione della lettura');
    expect(turn.session.data.serviceId).toBe('laboratori-lettura');
    await answer(service_list, BY_CATEGORY, turn, 'doposcuola onlne');
    expect(turn.session.data.serviceId).toBe('doposcuola-online');
    // in a theme's list, words that choose nothing are a misunderstanding
    expect((await answer(service_list, BY_CATEGORY, turn, 'astronave')).type).toBe('misunderstood');
  });

  it('finds doposcuola-online first for the typo "doposcula"', async () => {
    const turn = h.turn('it');
    turn.session.data.query = 'doposcula';
    const list = await enter(service_list, BY_QUERY, turn);
    expect(said(list)).toContain('«doposcula»');
    expect(labels(list)[0]).toBe('Doposcuola online');
    await answer(service_list, BY_QUERY, turn, '1');
    expect(turn.session.data.serviceId).toBe('doposcuola-online');
  });

  it('finds Online homework help first for English "homework help"', async () => {
    const turn = h.turn('en');
    turn.session.data.query = 'homework help';
    const list = await enter(service_list, BY_QUERY, turn);
    expect(labels(list)[0]).toBe('Online homework help');
    await answer(service_list, BY_QUERY, turn, 'online homework help');
    expect(turn.session.data.serviceId).toBe('doposcuola-online');
  });

  it('says kindly that nothing was found and goes to `empty`', async () => {
    const turn = h.turn('it');
    turn.session.data.query = 'astronave';
    const none = await enter(service_list, BY_QUERY, turn);
    expect(none).toMatchObject({ type: 'go', to: 'search' });
    expect(said(none)).toMatch(/Non ho trovato servizi per «astronave».*altre parole.*argomento/);

    const en = h.turn('en');
    en.session.data.query = 'spaceship';
    expect(said(await enter(service_list, BY_QUERY, en))).toMatch(/found no services for “spaceship”.*other words/);
  });

  it('treats words that match no option as a new search', async () => {
    const turn = h.turn('it');
    turn.session.data.query = 'compiti';
    await enter(service_list, BY_QUERY, turn);
    const again = await answer(service_list, BY_QUERY, turn, 'buoni spesa');
    expect(again.type).toBe('wait');
    expect(turn.session.data.query).toBe('buoni spesa');
    expect(labels(again)[0]).toBe('Buoni spesa');
    // a number out of range is no search
    expect((await answer(service_list, BY_QUERY, turn, '9')).type).toBe('misunderstood');
    const none = await answer(service_list, BY_QUERY, turn, 'astronave');
    expect(none).toMatchObject({ type: 'go', to: 'search' });
  });

  it('pages five at a time with "more", and back to the first ones', async () => {
    const turn = h.turn('it');
    turn.session.data.query = 'casa';
    const first = await enter(service_list, BY_QUERY, turn);
    expect(labels(first)).toHaveLength(6);
    expect(labels(first).at(-1)).toBe('Altri');
    const second = await answer(service_list, BY_QUERY, turn, 'altri');
    expect(second.type).toBe('wait');
    const page2 = labels(second);
    expect(page2.at(-1)).toBe('Torna ai primi');
    expect(page2.slice(0, -1).some((l) => labels(first).includes(l))).toBe(false);
    await answer(service_list, BY_QUERY, turn, '1');
    expect(turn.session.data.serviceId).toBe(choicesOf(second)!.choices[0]!.payload.split(':')[1]);
    expect(labels(await answer(service_list, BY_QUERY, turn, 'torna ai primi'))).toEqual(labels(first));

    const en = h.turn('en');
    en.session.data.query = 'children';
    const english = await enter(service_list, BY_QUERY, en);
    expect(labels(english).at(-1)).toBe('More');
    expect(labels(await answer(service_list, BY_QUERY, en, 'more')).at(-1)).toBe('Back to the first ones');
  });

  it('searches in the resident’s municipality when it is known', async () => {
    const asked: ServiceQuery[] = [];
    const spy: WelfarePort = Object.create(h.ctx.welfare, {
      searchServices: { value: (q: ServiceQuery) => (asked.push(q), h.ctx.welfare.searchServices(q)) },
    });
    const turn = withPort(h.turn('it'), spy);
    turn.session.data.category = 'anziani';
    turn.session.data.answers = { residence: 'limena' };
    expect(labels(await enter(service_list, BY_CATEGORY, turn))).toHaveLength(3);
    expect(asked[0]).toMatchObject({ category: 'anziani', municipality: 'limena', limit: 5 });
  });
});

describe('service_card', () => {
  it('shows a booking service with provider, prices, delivery and its choices', async () => {
    const turn = h.turn('it');
    turn.session.data.query = 'doposcuola';
    turn.session.data.serviceId = 'doposcuola-online';
    const shown = await enter(service_card, CARD, turn);
    const card = cardOf(shown);
    expect(card.title).toBe('Doposcuola online');
    expect(card.subtitle).toBe('Cooperativa Sociale Jonathan');
    expect(card.description).toMatch(/tutor/);
    expect(field(card, 'Prezzo')).toBe('8 € all’ora, ridotto 4 € per chi ne ha diritto');
    expect(field(card, 'Come si svolge')).toBe('Online');
    expect(field(card, 'Per chi è')).toBe('Bambini, ragazzi e genitori');
    expect(field(card, 'Dove')).toContain('Villafranca Padovana');
    expect(field(card, 'Cosa serve')).toMatch(/webcam/);
    expect(field(card, 'Contatti')).toMatch(/Tel\. \+39 049 000 0103/);
    expect(labels(shown)).toEqual(['Verifica e prenota', 'Torna all’elenco', 'Menu principale']);
    expect(await answer(service_card, CARD, turn, '1')).toMatchObject({ type: 'go', to: 'check' });
    expect(await answer(service_card, CARD, turn, 'torna all elenco')).toMatchObject({ type: 'go', to: 'list' });
  });

  it('offers to apply for buoni spesa, which is free, in English', async () => {
    const turn = h.turn('en');
    turn.session.data.category = 'sostegno-economico';
    turn.session.data.serviceId = 'buoni-spesa';
    const shown = await enter(service_card, CARD, turn);
    const card = cardOf(shown);
    expect(card.title).toBe('Grocery vouchers');
    expect(field(card, 'Price')).toBe('Free');
    expect(field(card, 'How it works')).toBe('Online or in person');
    expect(labels(shown)).toEqual(['Apply', 'Back to the list', 'Main menu']);
    expect(await answer(service_card, CARD, turn, 'apply')).toMatchObject({ type: 'go', to: 'vouchers.apply' });
    expect(await answer(service_card, CARD, turn, '3')).toMatchObject({ type: 'go', to: 'main' });
  });

  it('shows an English booking card with reduced price and no list when opened from a link', async () => {
    const turn = h.turn('en');
    turn.session.data.serviceId = 'assistenza-domiciliare-anziani';
    const shown = await enter(service_card, CARD, turn);
    expect(field(cardOf(shown), 'Price')).toBe('€18 per hour, reduced €8 if you qualify');
    expect(field(cardOf(shown), 'How it works')).toBe('At your home');
    expect(labels(shown)).toEqual(['Check and book', 'Main menu']);
  });

  it('forgets the slot and booking key of another service, and keeps the answers', async () => {
    const turn = h.turn('it');
    const { data } = turn.session;
    data.serviceId = 'doposcuola-online';
    await enter(service_card, CARD, turn);
    Object.assign(data, { slotId: 'slot-1', slotStart: '2026-03-04T15:00:00+01:00', bookingKey: 'k-1', answers: { residence: 'limena' } });
    await enter(service_card, CARD, turn); // same service again: nothing forgotten
    expect(data.slotId).toBe('slot-1');
    data.serviceId = 'laboratori-lettura';
    await enter(service_card, CARD, turn);
    expect([data.slotId, data.slotStart, data.bookingKey]).toEqual([undefined, undefined, undefined]);
    expect(data.answers).toEqual({ residence: 'limena' });
    expect(data.vars['cardServiceId']).toBe('laboratori-lettura');
  });

  it('goes back to the list when the service is unknown', async () => {
    const turn = h.turn('it');
    turn.session.data.serviceId = 'servizio-che-non-esiste';
    const gone = await enter(service_card, CARD, turn);
    expect(gone).toMatchObject({ type: 'go', to: 'list' });
    expect(said(gone)).toMatch(/Non trovo più questo servizio/);
  });
});

describe('when the backend is down', () => {
  let down: WelfarePort;
  beforeAll(async () => {
    // a port that was free a moment ago: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    down = createWelfareClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 500, maxAttempts: 1 });
  });

  const expectHonest = (o: StepOutcome, text: RegExp, retry: string) => {
    expect(o.type).toBe('wait');
    const choices = choicesOf(o)!;
    expect(choices.text).toMatch(text);
    expect(choices.choices.map((c) => c.label)).toContain(retry);
    expect(choices.choices).toContainEqual(expect.objectContaining({ payload: 'cmd:person' }));
    expect(choices.choices).toContainEqual(expect.objectContaining({ payload: 'cmd:menu' }));
    expect(JSON.stringify(o)).not.toMatch(/ECONNREFUSED|Error|127\.0\.0\.1/);
  };

  it('says so honestly in every kind, in Italian and English', async () => {
    const italian = withPort(h.turn('it'), down);
    expectHonest(await enter(pick_category, CATEGORY, italian), /non risponde.*resta salvato/, 'Riprova');
    italian.session.data.query = 'compiti';
    expectHonest(await enter(service_list, BY_QUERY, italian), /non risponde/, 'Riprova');
    italian.session.data.serviceId = 'doposcuola-online';
    expectHonest(await enter(service_card, CARD, italian), /non risponde/, 'Riprova');

    const en = withPort(h.turn('en'), down);
    en.session.data.category = 'anziani';
    expectHonest(await enter(service_list, BY_CATEGORY, en), /not answering.*saved/, 'Try again');
  });

  it('tries again on "riprova" and carries on once the backend is back', async () => {
    const turn = withPort(h.turn('it'), down);
    turn.session.data.query = 'compiti';
    await enter(service_list, BY_QUERY, turn);
    expectHonest(await answer(service_list, BY_QUERY, turn, 'riprova'), /non risponde/, 'Riprova');
    expect((await answer(service_list, BY_QUERY, turn, 'boh')).type).toBe('misunderstood');

    const back = h.turn('it', turn.session); // the next turn: the backend answers again
    const list = await answer(service_list, BY_QUERY, back, '1');
    expect(labels(list)[0]).toBe('Doposcuola online');
    expect(turn.session.data.query).toBe('compiti');
  });
});

describe('discovery texts', () => {
  it('has every key the kinds use in Italian and English', () => {
    const bundles = loadLocales(LOCALES_DIR, { rootForMessages: PROJECT_ROOT });
    const keys = Object.values(discoveryKinds).flatMap((k) => [...k.ownTexts]);
    for (const lang of ['it', 'en']) {
      expect(
        keys.filter((key) => !bundles.get(lang)?.has(key)),
        lang,
      ).toEqual([]);
    }
  });
});
