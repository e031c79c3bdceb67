// A turn for one pipeline stage alone: tiny flows of a test kind that says what it asked and read, texts as their keys.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { TurnContext } from '../../src/conversation/context.js';
import type { TurnEvent } from '../../src/conversation/events.js';
import type { FlowSet, StepDef } from '../../src/conversation/flow.js';
import type { EngineTurn } from '../../src/conversation/pipeline/walk.js';
import type { Next } from '../../src/conversation/pipeline/compose.js';
import { newSession, type Session } from '../../src/conversation/session.js';
import { choicePayload, go, misunderstood, wait, type StepKind } from '../../src/conversation/step-kind.js';
import { stepKinds } from '../../src/conversation/steps/index.js';
import { newProfile, type Profile } from '../../src/conversation/profile.js';
import { lexicon } from './lexicon.js';
import { testPrivacy } from './privacy.js';

const ProbeConfig = z.object({ next: z.string().optional(), contact: z.boolean().optional() }).strict();

/** Asks "asked <flow>.<step>" with one option "a"; reads "?" as not understood, the option "go" as going on, else says what it read. */
const probe: StepKind<z.infer<typeof ProbeConfig>> = {
  config: ProbeConfig,
  targets: (c) => (c.next ? [c.next] : []),
  texts: () => [],
  ownTexts: [],
  enter: async (_c, turn) => {
    const at = turn.session.position!;
    return wait({ type: 'choices', text: `asked ${at.flow}.${at.step}`, choices: [{ payload: choicePayload(turn.session, 'a'), label: 'A' }] });
  },
  onEvent: async (c, event, turn) => {
    if (event.type === 'text' && event.text === '?') return misunderstood({ type: 'text', text: 'what?' });
    if (c.next && event.type === 'choice' && event.payload === 'go') return go(c.next);
    return wait({ type: 'text', text: `read ${JSON.stringify(event)} at ${turn.session.position!.step}` });
  },
  acceptsContact: false,
};
stepKinds['probe'] = probe;

const step = (id: string, config: z.infer<typeof ProbeConfig> = {}): [string, StepDef] => [id, { id, kind: 'probe', config }];
const flow = (id: string, ...steps: [string, StepDef][]) =>
  [id, { id, file: `dialogs/${id}.yaml`, start: steps[0]![0], steps: new Map(steps) }] as const;

export const probeFlows: FlowSet = {
  home: { flow: 'main', step: 'menu' },
  flows: new Map([
    flow('main', step('menu', { next: 'next' }), step('next')),
    flow('person', step('handoff')),
    flow('booking', step('card')),
    flow('reminder', step('ask')),
  ]),
  entryPoints: {
    commands: { person: 'person', language: 'person' },
    proactive: { reminder: 'reminder', followup: 'reminder' },
    deepLink: 'booking.card',
    residenceAnswer: 'residence',
  },
};

/** Texts are their keys, with their parameters after them; `texts` gives some their words. */
function keyTranslator(texts: Record<string, string> = {}): TurnContext['translator'] {
  return {
    languages: ['it'],
    has: (_lang, key) => !key.startsWith('missing.'),
    t: (_lang, key, params) => texts[key] ?? (params && Object.keys(params).length > 0 ? `${key} ${JSON.stringify(params)}` : key),
    lexicon,
  };
}

export interface TurnSetup {
  session?: Partial<Session>;
  profile?: Partial<Profile>;
  ctx?: Partial<TurnContext>;
  texts?: Record<string, string>;
}

export function stageTurn(event: TurnEvent, setup: TurnSetup = {}): EngineTurn {
  const now = '2026-03-02T08:00:00.000Z';
  const session: Session = { ...newSession('test:stage', 'it', now), ...setup.session };
  const ctx: TurnContext = {
    now: DateTime.fromISO(now, { zone: 'utc' }),
    flows: probeFlows,
    translator: keyTranslator(setup.texts),
    welfare: {} as TurnContext['welfare'],
    channel: 'terminal',
    newId: () => 'id-1',
    privacy: testPrivacy,
    ...setup.ctx,
  };
  return {
    session,
    profile: { ...newProfile(now), ...setup.profile },
    ctx,
    effects: [],
    t: (key, params) => ctx.translator.t(session.lang, key, params),
    event,
    out: [],
  };
}

/** A `next` that counts its calls and may do something as the rest of the pipeline would. */
export function fakeNext(rest: () => void | Promise<void> = () => {}): Next & { calls: number } {
  const next = Object.assign(
    async () => {
      next.calls += 1;
      await rest();
    },
    { calls: 0 },
  );
  return next;
}

/** What the turn said, one string a message. */
export const said = (turn: EngineTurn) => turn.out.map((m) => (m.type === 'text' || m.type === 'choices' ? m.text : m.type));
