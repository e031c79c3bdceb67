// The proactive stage alone: the policy it is given (opt-out, weekly cap, which kinds) and what each notice does.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { FlowError } from '../../src/conversation/flow.js';
import { proactive } from '../../src/conversation/pipeline/proactive.js';
import { fakeNext, probeFlows, said, stageTurn } from '../support/pipeline-turn.js';

const followup = { type: 'proactive' as const, notice: { kind: 'followup' as const, bookingId: 'b1', serviceId: 's1' } };
const reminder = {
  type: 'proactive' as const,
  notice: { kind: 'reminder' as const, bookingId: 'b1', serviceId: 's1', slotStart: '2026-03-03T09:00:00Z' },
};
const atMenu = { position: { flow: 'main', step: 'menu' } };
const daysAgo = (n: number) => DateTime.fromISO('2026-03-02T08:00:00Z').minus({ days: n }).toISO()!;

describe('proactive stage', () => {
  it('passes on anything else', async () => {
    const next = fakeNext();
    await proactive(stageTurn({ type: 'text', text: 'ciao' }), next);
    expect(next.calls).toBe(1);
  });

  it('asks a follow-up over the current step, within the default cap, and counts it', async () => {
    const turn = stageTurn(followup, { session: atMenu, profile: { proactiveSent: [daysAgo(8), daysAgo(1)] } });
    const next = fakeNext();
    await proactive(turn, next);
    expect(next.calls).toBe(0);
    expect(turn.session.position).toEqual({ flow: 'reminder', step: 'ask' });
    expect(turn.session.resume).toEqual([atMenu.position]);
    expect(turn.session.scratch['notice']).toEqual(followup.notice);
    expect(turn.profile.proactiveSent).toEqual([daysAgo(1), turn.session.updatedAt]);
  });

  it('skips a follow-up the resident opted out of, or one over the weekly cap', async () => {
    const optedOut = stageTurn(followup, { session: atMenu, profile: { proactiveOptOut: true } });
    await proactive(optedOut, fakeNext());
    expect(optedOut.effects).toEqual([{ type: 'proactive_skipped', kind: 'followup', reason: 'opted_out' }]);
    expect(optedOut.out).toEqual([]);

    const capped = stageTurn(followup, { session: atMenu, profile: { proactiveSent: [daysAgo(1), daysAgo(2), daysAgo(3)] } });
    await proactive(capped, fakeNext());
    expect(capped.effects).toEqual([{ type: 'proactive_skipped', kind: 'followup', reason: 'weekly_cap' }]);
    expect(capped.session.position).toEqual(atMenu.position);
  });

  it('follows the policy in the context: its cap and its kinds', async () => {
    const policy = { weeklyCap: 1, nonEssential: ['reminder'] };
    const capped = stageTurn(reminder, { session: atMenu, profile: { proactiveSent: [daysAgo(1)] }, ctx: { proactivePolicy: policy } });
    await proactive(capped, fakeNext());
    expect(capped.effects).toEqual([{ type: 'proactive_skipped', kind: 'reminder', reason: 'weekly_cap' }]);

    const essential = stageTurn(followup, { session: atMenu, profile: { proactiveOptOut: true }, ctx: { proactivePolicy: policy } });
    await proactive(essential, fakeNext());
    expect(essential.effects).toEqual([]);
    expect(essential.session.position).toEqual({ flow: 'reminder', step: 'ask' });
  });

  it('only says a voucher status, and asks nothing while a person is on the line', async () => {
    const news = stageTurn(
      { type: 'proactive', notice: { kind: 'voucher_status', applicationId: 'a1', reference: 'R-1', status: 'approved' } },
      { session: atMenu },
    );
    await proactive(news, fakeNext());
    expect(said(news)).toEqual(['proactive.voucher_status {"reference":"R-1","status":"vouchers.status.label.approved"}']);
    expect(news.session.position).toEqual(atMenu.position);

    const onLine = stageTurn(reminder, { session: { ...atMenu, handoff: { since: daysAgo(0), taken: true, told: false } } });
    await proactive(onLine, fakeNext());
    expect(said(onLine)).toEqual(['proactive.reminder_on_the_line']);
  });

  it('refuses a question the dialogs declare no flow for, naming what to declare', async () => {
    const undeclared = { ...probeFlows, entryPoints: { commands: {}, proactive: {} } };
    const run = proactive(stageTurn(reminder, { session: atMenu, ctx: { flows: undeclared } }), fakeNext());
    await expect(run).rejects.toThrow(FlowError);
    await expect(run).rejects.toThrow('main.yaml: entry_points.proactive.reminder: nothing declared for the reminder message');
  });
});
