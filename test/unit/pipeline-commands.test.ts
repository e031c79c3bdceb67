// The command stage and the last stage alone: commands run or open their declared flow; the step reads the rest.
import { describe, expect, it } from 'vitest';
import { answerStep } from '../../src/conversation/pipeline/answer.js';
import { commands } from '../../src/conversation/pipeline/commands.js';
import { OFFERED_PERSON } from '../../src/conversation/pipeline/misunderstandings.js';
import { MAX_TEXT_CHARS } from '../../src/conversation/events.js';
import { rememberButtons } from '../../src/conversation/buttons.js';
import { fakeNext, probeFlows, said, stageTurn } from '../support/pipeline-turn.js';

const at = (step: string) => ({ position: { flow: 'main', step } });

describe('commands stage', () => {
  it('opens the flow main.yaml declares for a command button, over the current step', async () => {
    const turn = stageTurn({ type: 'choice', payload: 'cmd:person' }, { session: at('next') });
    const next = fakeNext();
    await commands(turn, next);
    expect(next.calls).toBe(0);
    expect(turn.session.position).toEqual({ flow: 'person', step: 'handoff' });
    expect(turn.session.resume).toEqual([at('next').position]);
    expect(turn.session.scratch['handoffReason']).toBe('asked');
  });

  it('tells staff the resident was misunderstood when they press the offer made for it', async () => {
    const turn = stageTurn({ type: 'command', name: 'person' }, { session: { ...at('next'), scratch: { [OFFERED_PERSON]: true } } });
    await commands(turn, fakeNext());
    expect(turn.session.scratch['handoffReason']).toBe('misunderstood');
  });

  it("reads a typed command word, and runs the engine's own commands itself", async () => {
    const stop = stageTurn({ type: 'text', text: '/stop' }, { session: at('next') });
    await commands(stop, fakeNext());
    expect(stop.session.position).toBeNull();
    expect(said(stop)).toEqual(['engine.goodbye']);

    const back = stageTurn({ type: 'command', name: 'back' }, { session: { ...at('next'), history: [at('menu').position] } });
    await commands(back, fakeNext());
    expect(back.session.position).toEqual(at('menu').position);

    const help = stageTurn({ type: 'command', name: 'help' }, { session: at('next') });
    await commands(help, fakeNext());
    expect(said(help)).toEqual(['help.probe', 'asked main.next']);
  });

  it('passes on other events, a forged command button as a stale one and long text cut', async () => {
    const forged = stageTurn({ type: 'choice', payload: 'cmd:drop_database' });
    const next = fakeNext();
    await commands(forged, next);
    expect(forged.event).toEqual({ type: 'choice', payload: 'stale' });

    const long = stageTurn({ type: 'text', text: 'x'.repeat(MAX_TEXT_CHARS + 5) });
    await commands(long, next);
    expect(long.event).toEqual({ type: 'text', text: 'x'.repeat(MAX_TEXT_CHARS) });
    expect(next.calls).toBe(2);
  });

  it('refuses a command the dialogs declare no flow for, naming what to declare', async () => {
    const turn = stageTurn({ type: 'command', name: 'notifications' }, { session: at('next') });
    await expect(commands(turn, fakeNext())).rejects.toThrow(
      'main.yaml: entry_points.commands.notifications: nothing declared for the "notifications" command',
    );
    expect(probeFlows.entryPoints?.commands['notifications']).toBeUndefined();
  });
});

describe('answer stage', () => {
  it('gives the event to the current step', async () => {
    const turn = stageTurn({ type: 'text', text: 'ciao' }, { session: at('menu') });
    await answerStep(turn, fakeNext());
    expect(said(turn)).toEqual(['read {"type":"text","text":"ciao"} at menu']);
  });

  it('goes where the step says, and remembers where it was for "back"', async () => {
    const turn = stageTurn({ type: 'choice', payload: 'go' }, { session: at('menu') });
    await answerStep(turn, fakeNext());
    expect(turn.session.position).toEqual(at('next').position);
    expect(turn.session.history).toEqual([at('menu').position]);
  });

  it('runs the command whose button label is typed', async () => {
    const turn = stageTurn({ type: 'text', text: 'Parla con una persona' }, { session: at('menu') });
    rememberButtons(turn.session, [
      {
        type: 'choices',
        text: 'q',
        choices: [
          { payload: '1.0', label: 'A' },
          { payload: 'cmd:person', label: 'Parla con una persona' },
        ],
      },
    ]);
    await answerStep(turn, fakeNext());
    expect(turn.session.position).toEqual({ flow: 'person', step: 'handoff' });
  });
});
