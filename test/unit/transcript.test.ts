import { describe, expect, it } from 'vitest';
import type { UserEvent } from '../../src/conversation/events.js';
import { notice, text, type BotMessage } from '../../src/conversation/messages.js';
import { readTranscript, turnTranscript } from '../../src/conversation/transcript.js';

const at = '2026-03-02T09:00:00.000+01:00';
const residentSaid = (event: UserEvent, chosen?: string) => turnTranscript(event, chosen, [], at)[0]?.text;

describe('turnTranscript', () => {
  it('writes what the resident did, then what the assistant said, both at the turn’s time', () => {
    expect(turnTranscript({ type: 'text', text: 'ciao' }, undefined, [text('Come posso aiutarti?')], at)).toEqual([
      { from: 'resident', text: 'ciao', at },
      { from: 'assistant', text: 'Come posso aiutarti?', at },
    ]);
  });

  it('collapses the whitespace of free text and clips it at 300 characters', () => {
    expect(residentSaid({ type: 'text', text: '  vorrei\n\nprenotare   il\tdoposcuola ' })).toBe('vorrei prenotare il doposcuola');
    const long = residentSaid({ type: 'text', text: 'a'.repeat(500) });
    expect(long).toHaveLength(300);
    expect(long?.endsWith('…')).toBe(true);
    expect(residentSaid({ type: 'text', text: 'b'.repeat(300) })).toBe('b'.repeat(300));
  });

  it('never cuts an emoji in half when clipping', () => {
    const clipped = residentSaid({ type: 'text', text: '😀'.repeat(400) })!;
    expect([...clipped]).toHaveLength(300);
    expect(clipped).toBe(`${'😀'.repeat(299)}…`);
  });

  it('shows a choice by the option the caller resolved, never by its payload', () => {
    expect(residentSaid({ type: 'choice', payload: 'svc:42:confirm' }, 'doposcuola-online')).toBe('[scelta] doposcuola-online');
    expect(residentSaid({ type: 'choice', payload: 'svc:42:confirm' })).toBe('[scelta]');
  });

  it('names commands, start, attachments, locations and contacts without their content', () => {
    expect(residentSaid({ type: 'command', name: 'person' })).toBe('/person');
    expect(residentSaid({ type: 'start', payload: 'qr-sportello-padova' })).toBe('/start');
    expect(residentSaid({ type: 'attachment', kind: 'voice' })).toBe('[voice]');
    expect(residentSaid({ type: 'location', latitude: 45.4064, longitude: 11.8768 })).toBe('[posizione]');
    expect(residentSaid({ type: 'contact', phone: '+39 333 1234567' })).toBe('[contatto]');
  });

  it('joins everything the assistant said in one line', () => {
    const messages: BotMessage[] = [
      notice('info', 'Ho ripreso da capo.'),
      { type: 'card', card: { title: 'Doposcuola online', subtitle: 'Padova', description: 'Compiti con un tutor', fields: [] } },
      {
        type: 'choices',
        text: 'Vuoi prenotare?',
        choices: [
          { payload: 'y', label: 'Sì' },
          { payload: 'n', label: 'No' },
        ],
      },
    ];
    expect(turnTranscript({ type: 'text', text: '1' }, undefined, messages, at)[1]).toEqual({
      from: 'assistant',
      text: 'Ho ripreso da capo. / Doposcuola online / Vuoi prenotare? [Sì | No]',
      at,
    });
  });

  it('shows bare buttons by their labels, and clips a long reply', () => {
    const buttons: BotMessage = { type: 'choices', text: '', choices: [{ payload: '1', label: 'Menu' }] };
    expect(turnTranscript({ type: 'command', name: 'help' }, undefined, [buttons], at)[1]?.text).toBe('[Menu]');
    const reply = turnTranscript({ type: 'text', text: 'info' }, undefined, [text('x'.repeat(200)), text('y'.repeat(200))], at)[1]?.text;
    expect(reply).toHaveLength(300);
    expect(reply?.endsWith('…')).toBe(true);
  });

  it('adds no assistant line when the turn sent nothing', () => {
    expect(turnTranscript({ type: 'attachment', kind: 'sticker' }, undefined, [], at)).toEqual([{ from: 'resident', text: '[sticker]', at }]);
    expect(turnTranscript({ type: 'text', text: 'ok' }, undefined, [text('  ')], at)).toHaveLength(1);
  });
});

describe('readTranscript', () => {
  it('keeps valid entries in order and drops the others', () => {
    const good = { from: 'resident', text: 'ciao', at };
    const reply = { from: 'assistant', text: 'Come posso aiutarti?', at };
    expect(readTranscript([good, 'plain text', { from: 'staff', text: 'x', at }, { from: 'resident', text: 3, at }, null, reply])).toEqual([
      good,
      reply,
    ]);
  });

  it('reads back what turnTranscript wrote, through JSON', () => {
    const lines = turnTranscript({ type: 'command', name: 'menu' }, undefined, [text('Ecco il menu')], at);
    expect(readTranscript(JSON.parse(JSON.stringify(lines)) as unknown[])).toEqual(lines);
  });
});
