// The simple-mode stages alone: a typed key becomes its button; "altri" pages; a number the menu lacks is not understood.
import { describe, expect, it } from 'vitest';
import { simpleKeys } from '../../src/conversation/pipeline/simple-keys.js';
import { simplePages } from '../../src/conversation/pipeline/simple-pages.js';
import { MORE, rememberSimpleKeys, SIMPLE_PAGE } from '../../src/conversation/simple-mode.js';
import type { Session } from '../../src/conversation/session.js';
import { fakeNext, said, stageTurn } from '../support/pipeline-turn.js';

/** A session whose last question was a simple menu: 1 → "4.0", 0 back, 9 a person. */
function shownMenu(extra: Partial<Session> = {}): Partial<Session> {
  const session = { scratch: {}, position: { flow: 'main', step: 'menu' }, visit: 4, ...extra } as Session;
  rememberSimpleKeys(session, [
    {
      type: 'choices',
      text: 'which?',
      simple: true,
      choices: [
        { payload: '4.0', label: 'Servizi', key: '1' },
        { payload: 'cmd:back', label: 'Indietro', key: '0' },
        { payload: 'cmd:person', label: 'Persona', key: '9' },
      ],
    },
  ]);
  return session;
}

describe('simple keys stage', () => {
  it('reads a typed key as the button it names, then passes on', async () => {
    const turn = stageTurn({ type: 'text', text: '1' }, { session: shownMenu(), profile: { simpleMode: true } });
    const next = fakeNext();
    await simpleKeys(turn, next);
    expect(next.calls).toBe(1);
    expect(turn.event).toEqual({ type: 'choice', payload: '4.0' });
  });

  it('leaves the text alone outside simple mode, and once a person has taken the request', async () => {
    const off = stageTurn({ type: 'text', text: '1' }, { session: shownMenu() });
    await simpleKeys(off, fakeNext());
    expect(off.event).toEqual({ type: 'text', text: '1' });

    const taken = stageTurn(
      { type: 'text', text: '1' },
      { session: shownMenu({ handoff: { since: 'x', taken: true, told: true } }), profile: { simpleMode: true } },
    );
    await simpleKeys(taken, fakeNext());
    expect(taken.event).toEqual({ type: 'text', text: '1' });
  });
});

describe('simple pages stage', () => {
  it('answers a number the menu shown does not have as not understood, and asks the same page again', async () => {
    const turn = stageTurn({ type: 'text', text: '7' }, { session: shownMenu({ scratch: {} }) });
    turn.session.scratch[SIMPLE_PAGE] = 2;
    const next = fakeNext();
    await simplePages(turn, next);
    expect(next.calls).toBe(0);
    expect(said(turn)).toEqual(['engine.not_understood', 'asked main.menu']);
    expect(turn.session.scratch[SIMPLE_PAGE]).toBe(2);
  });

  it('shows the next page on "altri"', async () => {
    const turn = stageTurn(
      { type: 'choice', payload: MORE },
      { session: { position: { flow: 'main', step: 'menu' }, scratch: { [SIMPLE_PAGE]: 1 } } },
    );
    await simplePages(turn, fakeNext());
    expect(said(turn)).toEqual(['asked main.menu']);
    expect(turn.session.scratch[SIMPLE_PAGE]).toBe(2);
  });

  it('passes on words and numbers when no simple menu was shown', async () => {
    const next = fakeNext();
    await simplePages(stageTurn({ type: 'text', text: '7' }, { session: { position: { flow: 'main', step: 'menu' } } }), next);
    await simplePages(stageTurn({ type: 'text', text: 'ciao' }, { session: shownMenu() }), next);
    expect(next.calls).toBe(2);
  });
});
