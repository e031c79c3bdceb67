// The misunderstandings stage alone: after the rest of the turn, a second misunderstanding in a row offers a person.
import { describe, expect, it } from 'vitest';
import { misunderstandings, OFFERED_PERSON } from '../../src/conversation/pipeline/misunderstandings.js';
import { fakeNext, stageTurn } from '../support/pipeline-turn.js';

const question = { type: 'choices' as const, text: 'which?', choices: [{ payload: '3:a', label: 'A' }] };

describe('misunderstandings stage', () => {
  it('adds the offer to the question just asked when the count reaches two, and starts counting again', async () => {
    const turn = stageTurn({ type: 'text', text: '?' }, { session: { misunderstood: 1 } });
    const next = fakeNext(() => {
      turn.session.misunderstood = 2;
      turn.out.push({ type: 'text', text: 'what?' }, question);
    });
    await misunderstandings(turn, next);
    expect(next.calls).toBe(1);
    expect(turn.session.misunderstood).toBe(0);
    expect(turn.session.scratch[OFFERED_PERSON]).toBe(true);
    expect(turn.out).toEqual([
      { type: 'text', text: 'what?' },
      { type: 'text', text: 'engine.offer_help' },
      {
        ...question,
        choices: [
          ...question.choices,
          { payload: 'cmd:simple', label: 'main.simple_mode' },
          { payload: 'cmd:person', label: 'engine.talk_to_person' },
        ],
      },
    ]);
  });

  it('in simple mode offers only a person, as a question of its own when none was asked', async () => {
    const turn = stageTurn({ type: 'text', text: '?' }, { session: { misunderstood: 1 }, profile: { simpleMode: true } });
    await misunderstandings(
      turn,
      fakeNext(() => void (turn.session.misunderstood = 2)),
    );
    expect(turn.out).toEqual([
      { type: 'choices', text: 'engine.offer_person', choices: [{ payload: 'cmd:person', label: 'engine.talk_to_person' }] },
    ]);
  });

  it('says nothing after a first misunderstanding', async () => {
    const turn = stageTurn({ type: 'text', text: '?' });
    await misunderstandings(
      turn,
      fakeNext(() => void (turn.session.misunderstood = 1)),
    );
    expect(turn.out).toEqual([]);
    expect(turn.session.misunderstood).toBe(1);
    expect(turn.session.scratch[OFFERED_PERSON]).toBeUndefined();
  });
});
