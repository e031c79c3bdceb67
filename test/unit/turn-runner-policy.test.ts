// The runner hands the engine its proactive policy: PROACTIVE_WEEKLY_CAP alone, or a whole policy.
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../src/conversation/context.js';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import type { ProactiveNotice } from '../../src/conversation/events.js';
import { createTurnRunner, type RunnerOptions } from '../../src/conversation/turn.js';
import { createMemoryStore } from '../../src/state/memory-store.js';
import { DIALOGS_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { projectTranslator } from '../support/step-turn.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { testPrivacy } from '../support/privacy.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await referenceBackend();
});
afterAll(() => backend.close());

const followup: ProactiveNotice = { kind: 'followup', bookingId: 'b1', serviceId: 'doposcuola-online' };
const reminder: ProactiveNotice = { kind: 'reminder', bookingId: 'b1', serviceId: 'doposcuola-online', slotStart: '2026-03-03T15:00:00+01:00' };

/** The effects of one proactive turn on a fresh conversation, with the runner options given. */
async function effectsOf(notice: ProactiveNotice, options: Pick<RunnerOptions, 'proactiveWeeklyCap' | 'proactivePolicy'>): Promise<Effect[]> {
  const performed: Effect[] = [];
  const runner = createTurnRunner({
    privacy: testPrivacy,
    store: createMemoryStore(),
    flows: loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT }),
    translator: projectTranslator(),
    welfare: backend.client,
    log: pino({ level: 'silent' }),
    now: () => DateTime.fromISO('2026-03-02T09:00:00', { zone: 'Europe/Rome' }),
    perform: async (effects) => void performed.push(...effects),
    ...options,
  });
  await runner({ channel: 'telegram', id: '77' }, { type: 'proactive', notice });
  return performed;
}

const skipped = (kind: string) => ({ type: 'proactive_skipped', kind, reason: 'weekly_cap' });

describe('turn runner: the proactive policy', () => {
  it('uses the engine default without options: a first follow-up goes out', async () => {
    expect(await effectsOf(followup, {})).not.toContainEqual(skipped('followup'));
  });

  it('applies PROACTIVE_WEEKLY_CAP to the default kinds', async () => {
    expect(await effectsOf(followup, { proactiveWeeklyCap: 0 })).toContainEqual(skipped('followup'));
    expect(await effectsOf(reminder, { proactiveWeeklyCap: 0 })).not.toContainEqual(skipped('reminder'));
  });

  it('applies a whole policy, its kinds and its cap', async () => {
    const policy = { weeklyCap: 0, nonEssential: ['reminder'] };
    expect(await effectsOf(reminder, { proactivePolicy: policy })).toContainEqual(skipped('reminder'));
    expect(await effectsOf(followup, { proactivePolicy: policy })).not.toContainEqual(skipped('followup'));
  });
});
