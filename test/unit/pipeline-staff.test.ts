// The staff stages alone: staff events reach the step that asked for a person; on the line, words go to staff.
import { describe, expect, it } from 'vitest';
import { onTheLine } from '../../src/conversation/pipeline/on-the-line.js';
import { staffEvents } from '../../src/conversation/pipeline/staff-events.js';
import { fakeNext, said, stageTurn } from '../support/pipeline-turn.js';

const onLine = (taken = false, told = false) => ({
  handoff: { since: '2026-03-02T07:00:00Z', taken, told },
  position: { flow: 'person', step: 'handoff' },
});
const texts = {
  'handoff.leave_words': 'esci|annulla',
  'handoff.position_words': 'posizione',
  'handoff.position_button': 'Posizione',
  'handoff.leave_button': 'Esci',
};

describe('staff events stage', () => {
  it('passes on anything else', async () => {
    const next = fakeNext();
    await staffEvents(stageTurn({ type: 'text', text: 'ciao' }), next);
    expect(next.calls).toBe(1);
  });

  it('gives the change to the current step while someone is on the line', async () => {
    const turn = stageTurn({ type: 'staff', change: 'taken' }, { session: onLine() });
    const next = fakeNext();
    await staffEvents(turn, next);
    expect(next.calls).toBe(0);
    expect(said(turn)).toEqual(['read {"type":"staff","change":"taken"} at handoff']);
  });

  it('says nothing when nobody is on the line any more', async () => {
    const turn = stageTurn({ type: 'staff', change: 'closed' }, { session: { position: { flow: 'main', step: 'menu' } } });
    await staffEvents(turn, fakeNext());
    expect(turn.out).toEqual([]);
  });
});

describe('staff line stage', () => {
  it('passes on when no person has the conversation', async () => {
    const next = fakeNext();
    await onTheLine(stageTurn({ type: 'text', text: 'ciao' }), next);
    expect(next.calls).toBe(1);
  });

  it('relays the words to staff and says once, while waiting, that they will be read', async () => {
    const turn = stageTurn({ type: 'text', text: 'ho una domanda' }, { session: onLine(), texts });
    const next = fakeNext();
    await onTheLine(turn, next);
    expect(next.calls).toBe(0);
    expect(turn.effects).toEqual([{ type: 'relay_to_staff', text: 'ho una domanda' }]);
    expect(said(turn)).toEqual(['handoff.relayed_waiting']);
    expect(turn.session.handoff?.told).toBe(true);

    const again = stageTurn({ type: 'text', text: 'ancora' }, { session: onLine(false, true), texts });
    await onTheLine(again, fakeNext());
    expect(again.out).toEqual([]);
  });

  it('asks for the queue position, or leaves the line through the step that asked for a person', async () => {
    const position = stageTurn({ type: 'text', text: 'posizione' }, { session: onLine(), texts });
    await onTheLine(position, fakeNext());
    expect(position.effects).toEqual([{ type: 'queue_position_requested' }]);

    const leave = stageTurn({ type: 'text', text: 'esci' }, { session: onLine(), texts });
    await onTheLine(leave, fakeNext());
    expect(leave.effects).toEqual([{ type: 'handoff_left' }]);
    expect(said(leave)).toEqual(['read {"type":"staff","change":"left"} at handoff']);
  });

  it('tells the resident a voice note cannot be heard, and still tells staff it came', async () => {
    const turn = stageTurn({ type: 'attachment', kind: 'voice' }, { session: onLine(true), texts });
    await onTheLine(turn, fakeNext());
    expect(said(turn)).toEqual(['handoff.voice_on_line']);
    expect(turn.effects).toHaveLength(1);
    expect(turn.effects[0]).toMatchObject({ type: 'relay_to_staff' });
  });
});
