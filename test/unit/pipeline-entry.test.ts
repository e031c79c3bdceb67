// The deep-link and greeting stages alone: where a /start link and a conversation with no current step lead.
import { describe, expect, it } from 'vitest';
import { deepLinks } from '../../src/conversation/pipeline/deep-links.js';
import { greetings } from '../../src/conversation/pipeline/greetings.js';
import { fakeNext, said, stageTurn } from '../support/pipeline-turn.js';

describe('deep links stage', () => {
  it('passes on anything but /start', async () => {
    const next = fakeNext();
    await deepLinks(stageTurn({ type: 'text', text: 'ciao' }), next);
    expect(next.calls).toBe(1);
  });

  it('opens the declared step with the service chosen', async () => {
    const turn = stageTurn({ type: 'start', payload: 'svc_doposcuola-online' }, { session: { history: [{ flow: 'main', step: 'menu' }] } });
    await deepLinks(turn, fakeNext());
    expect(turn.session.data.serviceId).toBe('doposcuola-online');
    expect(turn.session.position).toEqual({ flow: 'booking', step: 'card' });
    expect(turn.session.history).toEqual([]);
  });

  it('keeps a municipality as the declared answer and greets; "simple" turns simple mode on', async () => {
    const mun = stageTurn({ type: 'start', payload: 'mun_bologna' });
    await deepLinks(mun, fakeNext());
    expect(mun.session.data.answers).toEqual({ residence: 'bologna' });
    expect(said(mun)).toEqual(['engine.welcome', 'asked main.menu']);

    const simple = stageTurn({ type: 'start', payload: 'simple' });
    await deepLinks(simple, fakeNext());
    expect(simple.profile.simpleMode).toBe(true);
  });
});

describe('greetings stage', () => {
  it('passes on when there is a current step', async () => {
    const next = fakeNext();
    await greetings(stageTurn({ type: 'text', text: 'ciao' }, { session: { position: { flow: 'main', step: 'next' } } }), next);
    expect(next.calls).toBe(1);
  });

  it('welcomes a greeting with the main menu', async () => {
    const turn = stageTurn({ type: 'text', text: ' Buongiorno ' });
    const next = fakeNext();
    await greetings(turn, next);
    expect(next.calls).toBe(0);
    expect(said(turn)).toEqual(['engine.welcome', 'asked main.menu']);
  });

  it('reads a first message that is not a greeting at the main menu, and starts over from a step gone from the flows', async () => {
    const turn = stageTurn(
      { type: 'text', text: 'compiti' },
      { session: { position: { flow: 'gone', step: 'away' }, history: [{ flow: 'gone', step: 'before' }] } },
    );
    await greetings(turn, fakeNext());
    expect(said(turn)).toEqual(['engine.welcome', 'asked main.menu', 'read {"type":"text","text":"compiti"} at menu']);
    expect(turn.session.history).toEqual([]);
  });
});
