// The engine's own rules, turn by turn: greeting, stale buttons, forged payloads, attachments, stop, forget, deep links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import { handleEvent, type Turn } from '../../src/conversation/engine.js';
import type { UserEvent } from '../../src/conversation/events.js';
import type { TurnContext } from '../../src/conversation/context.js';
import { newSession, type Session } from '../../src/conversation/session.js';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import { openingMessage } from '../../src/handoff/office-hours.js';
import { DIALOGS_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { newProfile } from '../../src/conversation/profile.js';
import { stepHarness, type StepHarness } from '../support/step-turn.js';

let h: StepHarness;
let ctx: TurnContext;
beforeAll(async () => {
  h = await stepHarness();
  ctx = { ...h.ctx, flows: loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT }) };
});
afterAll(() => h.close());

const fresh = (lang = 'it') => newSession('terminal:unit', lang, '2026-03-02T08:00:00Z');
const said = (turn: Turn) => renderForTerminal(turn.messages);

async function play(session: Session, ...events: (UserEvent | string)[]): Promise<Turn> {
  let turn: Turn = { session, profile: newProfile(session.updatedAt), messages: [], effects: [] };
  // Carries the profile from turn to turn, as the runner does.
  for (const e of events) turn = await handleEvent(turn.session, typeof e === 'string' ? { type: 'text', text: e } : e, ctx, turn.profile);
  return turn;
}

const choicesOf = (turn: Turn) => turn.messages.flatMap((m) => (m.type === 'choices' ? m.choices : []));

describe('conversation engine', () => {
  it('greets a new resident and shows the main menu, without changing the session it was given', async () => {
    const before = fresh();
    const turn = await handleEvent(before, { type: 'text', text: 'ciao' }, ctx);
    expect(said(turn)).toMatch(/Sono Sportello/);
    expect(said(turn)).toMatch(/Come posso aiutarti/);
    expect(turn.session.position).toEqual({ flow: 'main', step: 'menu' });
    expect(before.position).toBeNull();
  });

  it('reads a first message that is not a greeting as the need to search for', async () => {
    const turn = await play(fresh(), 'aiuto con i compiti');
    expect(said(turn)).toMatch(/Doposcuola online/);
    expect(turn.session.position).toEqual({ flow: 'search', step: 'results' });
  });

  it('answers a button of an earlier question as expired and asks the current question again', async () => {
    const menu = await play(fresh(), 'ciao');
    const oldButton = choicesOf(menu)[0]!.payload;
    const categories = await play(menu.session, { type: 'choice', payload: oldButton });
    expect(said(categories)).toMatch(/argomento/);
    const stale = await play(categories.session, { type: 'choice', payload: oldButton });
    expect(said(stale)).toMatch(/non è più valido/);
    expect(stale.session.position).toEqual(categories.session.position);
    expect(said(stale)).toMatch(/argomento/);
  });

  it('never runs a command named by a forged payload', async () => {
    const menu = await play(fresh(), 'ciao');
    const turn = await play(menu.session, { type: 'choice', payload: 'cmd:drop_database' });
    expect(said(turn)).toMatch(/non è più valido/);
    expect(turn.effects).toEqual([]);
  });

  it('without a staff desk, answers a voice note honestly, gives the town’s social services and resumes the question', async () => {
    const menu = await play(fresh(), 'ciao', '1');
    const voice = await play(menu.session, { type: 'attachment', kind: 'voice' });
    expect(voice.effects).toEqual([]);
    expect(said(voice)).toMatch(/messaggio vocale, ma non posso ascoltarlo/);
    expect(said(voice)).toMatch(/in quale comune abiti\?/);
    const turn = await play(voice.session, 'Campodoro');
    // The hours are the seed's (backend/data/municipalities.yaml), worded in Italian from its structured data.
    expect(said(turn)).toMatch(
      /Comune di Campodoro – Servizi sociali\nTelefono: \+39 049 [\d ]+\nE-mail: servizisociali@comune\.campodoro\.pd\.it\nOrari: martedì e giovedì 09:00–12:30/,
    );
    expect(said(turn)).not.toMatch(/preso nota/);
    expect(turn.effects).toEqual([]);
    expect(turn.session.position).toEqual(menu.session.position);
  });

  it('answers a sticker or a photo helpfully and asks again', async () => {
    const menu = await play(fresh('en'), 'hello');
    const turn = await play(menu.session, { type: 'attachment', kind: 'sticker' });
    expect(said(turn)).toMatch(/only read written messages/);
    expect(said(turn)).toMatch(/How can I help you/);
  });

  it('answers a shared location or contact plainly, keeps nothing and asks again', async () => {
    const menu = await play(fresh(), 'ciao', '1');
    const located = await play(menu.session, { type: 'location', latitude: 45.49, longitude: 11.83 });
    expect(said(located)).toMatch(/posizione non mi serve/);
    expect(said(located)).toMatch(/argomento/);
    expect(JSON.stringify(located.session)).not.toContain('45.49');
    const contact = await play(located.session, { type: 'contact', phone: '+39 333 0000000' });
    expect(said(contact)).toMatch(/numero di telefono non mi serve/);
    expect(JSON.stringify(contact.session)).not.toContain('333');
  });

  it('chooses a global button by its number too', async () => {
    const menu = await play(fresh(), 'ciao', '1', 'zzzz', 'qqqq');
    const offer = choicesOf(menu).find((c) => c.payload === 'cmd:person');
    expect(offer).toBeDefined();
    const withDesk: TurnContext = {
      ...ctx,
      staff: {
        check: async () => ({ team: 'servizi-sociali', open: true, usualWaitMinutes: 15 }),
        teamOpen: async () => true,
        describeOpening: openingMessage,
      },
    };
    const turn = await handleEvent(menu.session, { type: 'text', text: String(choicesOf(menu).indexOf(offer!) + 1) }, withDesk, menu.profile);
    expect(turn.effects).toEqual([expect.objectContaining({ type: 'handoff_requested', kind: 'live', reason: 'misunderstood' })]);
  });

  it('stops on "stop", forgetting the path, and starts again on the next message', async () => {
    const midway = await play(fresh(), 'ciao', '1', '2');
    const stopped = await play(midway.session, 'stop');
    expect(said(stopped)).toMatch(/ci fermiamo qui/);
    expect(stopped.session.position).toBeNull();
    const again = await play(stopped.session, 'ciao');
    expect(said(again)).toMatch(/Come posso aiutarti/);
  });

  it('deletes the conversation data after "cancella i miei dati" and a yes', async () => {
    const withAnswers = await play(fresh(), 'ciao');
    withAnswers.session.data.answers = { residence: 'limena' };
    const asked = await play(withAnswers.session, 'cancella i miei dati');
    expect(said(asked)).toMatch(/Confermi/);
    const done = await play(asked.session, 'sì');
    expect(done.effects).toEqual([{ type: 'forget_user' }]);
    expect(done.session.data.answers).toEqual({});
    expect(said(done)).toMatch(/ho cancellato i tuoi dati/);
  });

  it('opens a service card from a deep link', async () => {
    const turn = await play(fresh(), { type: 'start', payload: 'svc_doposcuola-online' });
    expect(said(turn)).toMatch(/== Doposcuola online ==/);
    expect(turn.session.data.serviceId).toBe('doposcuola-online');
  });

  it('takes the municipality from a deep link, so it is not asked again', async () => {
    const turn = await play(fresh(), { type: 'start', payload: 'mun_limena' }, '1', '2', '1', '1');
    expect(turn.session.data.answers['residence']).toBe('limena');
    expect(said(turn)).not.toMatch(/In quale comune/);
    expect(said(turn)).toMatch(/Quanti anni/);
  });

  it('sends buttons as short tokens and maps them back to the step’s options', async () => {
    const menu = await play(fresh(), 'ciao');
    const tokens = choicesOf(menu)
      .filter((c) => !c.payload.startsWith('cmd:'))
      .map((c) => c.payload);
    expect(tokens.every((t) => /^\d+\.\d+$/.test(t) && t.length <= 16)).toBe(true);
    const turn = await play(menu.session, { type: 'choice', payload: tokens[0]! });
    expect(said(turn)).toMatch(/argomento/);
  });

  it('understands the commands in English too, and help keeps the position', async () => {
    const list = await play(fresh('en'), 'hello', '1');
    const help = await play(list.session, 'help');
    expect(said(help)).toMatch(/At any time you can write/);
    expect(help.session.position).toEqual(list.session.position);
    const back = await play(help.session, 'back');
    expect(back.session.position).toEqual({ flow: 'main', step: 'menu' });
  });
});

describe('simple mode on the line with a person', () => {
  const withDesk = (): TurnContext => ({
    ...ctx,
    staff: {
      check: async () => ({ team: 'servizi-sociali', open: true, usualWaitMinutes: 15 }),
      teamOpen: async () => true,
      describeOpening: openingMessage,
    },
  });

  async function onTheLine(): Promise<Turn> {
    let turn = await handleEvent(fresh(), { type: 'start', payload: 'simple' }, withDesk());
    turn = await handleEvent(turn.session, { type: 'text', text: '9' }, withDesk(), turn.profile);
    expect(turn.session.handoff).toBeDefined();
    return turn;
  }

  it('reads the digits of the waiting menu: 1 the place in the queue, 2 back to the assistant', async () => {
    const waiting = await onTheLine();
    const keys = choicesOf(waiting).map((c) => `${c.key!}. ${c.label}`);
    expect(keys).toEqual(['1. Posizione in coda', "2. Tornare all'assistente", '0. Indietro', '9. Parlare con una persona']);
    const position = await handleEvent(waiting.session, { type: 'text', text: '1' }, withDesk(), waiting.profile);
    expect(position.effects).toEqual([{ type: 'queue_position_requested' }]);
    const left = await handleEvent(waiting.session, { type: 'text', text: "2. Tornare all'assistente" }, withDesk(), waiting.profile);
    expect(left.effects).toEqual([{ type: 'handoff_left' }]);
    expect(left.session.handoff).toBeUndefined();
  });

  it('once a person took the request, a digit is an answer to them, relayed', async () => {
    const waiting = await onTheLine();
    const taken = await handleEvent(waiting.session, { type: 'staff', change: 'taken' }, withDesk(), waiting.profile);
    const answer = await handleEvent(taken.session, { type: 'text', text: '2' }, withDesk(), taken.profile);
    expect(answer.effects).toEqual([{ type: 'relay_to_staff', text: '2' }]);
    expect(answer.session.handoff).toBeDefined();
  });
});
