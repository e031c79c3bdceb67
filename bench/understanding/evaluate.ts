// Runs each labelled utterance through the real assistant (composeApp, the in-process reference backend, the main
// menu's handling of typed text) and reads what it did: a flow it opened, help, the menu, or the services it listed.
import { composeApp, type App } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import { conversationKey } from '../../src/conversation/key.js';
import { decodeSession } from '../../src/conversation/session-codec.js';
import type { Session } from '../../src/conversation/session.js';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import type { BotMessage } from '../../src/conversation/messages.js';
import { asQuery } from '../../src/conversation/steps/discovery/search-text.js';
import { loadUtterances, type Intent, type Utterance } from './fixtures.js';

/** What the assistant did with the words: `services` in the order listed, or one word for anything else. */
export type Reading = { kind: 'services'; ids: string[] } | { kind: 'other'; what: string };

export interface Scored {
  utterance: Utterance;
  reading: Reading;
  /** Services: the first service listed is one expected. Intents: the assistant did what was asked. */
  top1: boolean;
  /** Services: one expected is among the first three listed. Intents: the same as top1 (one answer, no ranking). */
  top3: boolean;
}

/** The flows a resident's intent opens, by the flow (and for vouchers the step) the assistant is at after the turn. */
const FLOW_READINGS: Record<string, string> = { person: 'human', mybookings: 'bookings', language: 'language', privacy: 'privacy' };

/**
 * What counts as doing what was asked. Cancelling and the status of an application are reached from the list of
 * bookings and the vouchers menu: opening those is the right first step. "Start again" brings back the main menu;
 * a greeting or a thanks is answered without a search and without a misunderstanding only by showing the menu again.
 */
const ACCEPTED: Record<Intent, string[]> = {
  human: ['human'],
  bookings: ['bookings'],
  cancel: ['bookings'],
  vouchers: ['vouchers', 'voucher-status', 'services:buoni-spesa'],
  'voucher-status': ['voucher-status', 'vouchers'],
  language: ['language'],
  help: ['help'],
  restart: ['menu'],
  stop: ['stop'],
  thanks: ['menu'],
  greeting: ['menu'],
  privacy: ['privacy'],
};

/** One word for a reading, as the confusions show it. */
export function describe(reading: Reading): string {
  return reading.kind === 'services' ? `services:${reading.ids[0] ?? 'none'}` : reading.what;
}

/** The vouchers menu is the grocery-voucher service's own way in (its card applies through it). */
const servicesOf = (reading: Reading): string[] =>
  reading.kind === 'services' ? reading.ids : reading.what === 'vouchers' || reading.what === 'voucher-status' ? ['buoni-spesa'] : [];

function score(utterance: Utterance, reading: Reading): Scored {
  const { expect } = utterance;
  if ('services' in expect) {
    const ids = servicesOf(reading);
    const top1 = ids.length > 0 && expect.services.includes(ids[0]!);
    return { utterance, reading, top1, top3: ids.slice(0, 3).some((id) => expect.services.includes(id)) };
  }
  const right = ACCEPTED[expect.intent].includes(describe(reading));
  return { utterance, reading, top1: right, top3: right };
}

async function peek(app: App, key: string): Promise<Session | undefined> {
  const held = await app.store.begin({ conversation: key, user: key });
  if (held === 'duplicate') return undefined;
  await held.release();
  return held.session === undefined ? undefined : decodeSession(held.session, key);
}

async function read(app: App, session: Session | undefined, messages: BotMessage[]): Promise<Reading> {
  const at = session?.position;
  if (!session || !at) return { kind: 'other', what: 'stop' };
  const { query, serviceId } = session.data;
  if (at.flow === 'search' && at.step === 'card' && serviceId) return { kind: 'services', ids: [serviceId] };
  const q = query && asQuery(query);
  if (at.flow === 'search' && at.step === 'results' && q) {
    // The query the list step sent for its first page (no municipality yet in a fresh conversation): the backend's
    // order is the order shown; a longer page only lets a miss show what came next.
    const list = await app.welfare.searchServices({ q, lang: session.lang, limit: 10 });
    return { kind: 'services', ids: list.items.map((s) => s.id) };
  }
  if (at.flow === 'vouchers') return { kind: 'other', what: at.step === 'menu' ? 'vouchers' : 'voucher-status' };
  const flow = FLOW_READINGS[at.flow];
  if (flow) return { kind: 'other', what: flow };
  if (at.flow === 'main' && at.step === 'menu') {
    const help = app.translator.t(session.lang, 'help.menu');
    if (messages.some((m) => renderForTerminal([m]).includes(help))) return { kind: 'other', what: 'help' };
    // A search that found nothing comes back to the menu, saying so.
    if (query) return { kind: 'services', ids: [] };
    return { kind: 'other', what: session.misunderstood > 0 ? 'misunderstood' : 'menu' };
  }
  return { kind: 'other', what: `${at.flow}.${at.step}` };
}

/** One fresh conversation: opened in the language (the main menu), then the utterance typed at the menu. */
async function ask(app: App, utterance: Utterance, n: number): Promise<Scored> {
  const conversation = { channel: 'terminal' as const, id: `understanding-${utterance.lang}-${n}` };
  const hints = { language: utterance.lang };
  await app.runner(conversation, { type: 'start' }, hints);
  const messages = await app.runner(conversation, { type: 'text', text: utterance.text }, hints);
  const session = await peek(app, conversationKey(conversation));
  return score(utterance, await read(app, session, messages));
}

/** Every utterance of the set, a few conversations at a time; in the set's order. */
export async function evaluateUnderstanding(options: { concurrency?: number } = {}): Promise<Scored[]> {
  const app = await composeApp(loadConfig({}));
  try {
    const catalogue = await app.welfare.searchServices({ limit: 50 });
    const utterances = loadUtterances(new Set(catalogue.items.map((s) => s.id)));
    const scored = new Array<Scored>(utterances.length);
    let next = 0;
    const worker = async () => {
      while (next < utterances.length) {
        const i = next++;
        scored[i] = await ask(app, utterances[i]!, i);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    return scored;
  } finally {
    await app.stop();
  }
}
