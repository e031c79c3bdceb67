// The stale-button and attachment stages alone: a button of an earlier question, and what no step reads.
import { describe, expect, it } from 'vitest';
import { compactPayloads } from '../../src/conversation/buttons.js';
import { attachments } from '../../src/conversation/pipeline/attachments.js';
import { staleButtons } from '../../src/conversation/pipeline/stale-buttons.js';
import type { Session } from '../../src/conversation/session.js';
import { fakeNext, said, stageTurn } from '../support/pipeline-turn.js';

const atNext = { position: { flow: 'main', step: 'next' }, visit: 5 };

/** The token the button of option `id` of visit `visit` went out with. */
function tokenFor(session: Session, visit: number, id: string): string {
  const [sent] = compactPayloads(session, [{ type: 'choices', text: 'q', choices: [{ payload: `${visit}:${id}`, label: id }] }]);
  return sent!.type === 'choices' ? sent!.choices[0]!.payload : '';
}

describe('stale buttons stage', () => {
  it('passes a button of the current question on as the option it stands for', async () => {
    const turn = stageTurn({ type: 'choice', payload: '' }, { session: atNext });
    turn.event = { type: 'choice', payload: tokenFor(turn.session, 5, 'yes') };
    const next = fakeNext();
    await staleButtons(turn, next);
    expect(next.calls).toBe(1);
    expect(turn.event).toEqual({ type: 'choice', payload: 'yes' });
  });

  it('answers a button of an earlier question as expired and asks the current question again', async () => {
    const turn = stageTurn({ type: 'choice', payload: '' }, { session: atNext });
    turn.event = { type: 'choice', payload: tokenFor(turn.session, 4, 'yes') };
    const next = fakeNext();
    await staleButtons(turn, next);
    expect(next.calls).toBe(0);
    expect(said(turn)).toEqual(['engine.stale_choice', 'asked main.next']);
  });
});

describe('attachments stage', () => {
  it('passes on what a step reads', async () => {
    const next = fakeNext();
    await attachments(stageTurn({ type: 'text', text: 'ciao' }, { session: atNext }), next);
    expect(next.calls).toBe(1);
  });

  it('says a location, a contact the step does not ask for, or a photo is not used, and asks again', async () => {
    for (const [event, key] of [
      [{ type: 'location', latitude: 44.5, longitude: 11.3 }, 'engine.location_unused'],
      [{ type: 'contact', phone: '+39 333 1234567' }, 'engine.contact_unused'],
      [{ type: 'attachment', kind: 'photo' }, 'engine.attachment_unsupported'],
    ] as const) {
      const turn = stageTurn(event, { session: atNext });
      await attachments(turn, fakeNext());
      expect(said(turn)).toEqual([key, 'asked main.next']);
      expect(turn.session.position).toEqual(atNext.position);
    }
  });

  it('takes a voice note as a request for a person', async () => {
    const turn = stageTurn({ type: 'attachment', kind: 'voice' }, { session: atNext });
    await attachments(turn, fakeNext());
    expect(turn.session.position).toEqual({ flow: 'person', step: 'handoff' });
    expect(turn.session.scratch['handoffReason']).toBe('voice');
  });
});
