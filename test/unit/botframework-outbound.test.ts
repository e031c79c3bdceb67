// BotMessages → Bot Framework activities: markdown text, suggested actions (Web Chat), Adaptive Cards (Teams, service cards).
import { describe, expect, it } from 'vitest';
import { markdown, renderActivities, ROW_BUTTONS, typingActivity } from '../../src/channels/botframework/outbound.js';
import type { BotMessage, ServiceCardView } from '../../src/conversation/messages.js';

type Json = Record<string, unknown>;
const contentOf = (activity: Json) => (activity['attachments'] as { contentType: string; content: Json }[])[0]!;

const card: ServiceCardView = {
  title: 'Doposcuola online',
  subtitle: 'Cooperativa Sociale Jonathan',
  description: 'Aiuto nei compiti in videochiamata.',
  fields: [
    { label: 'Prezzo', value: '8 € a incontro' },
    { label: 'Contatti', value: 'tel. 049 000 0000\nscuola@example.org' },
  ],
};

describe('markdown', () => {
  it('escapes what markdown would take as emphasis, code or links, and keeps single line breaks', () => {
    expect(markdown('prezzo *ridotto* per_tutti [1] `x` ~no~ a\\b')).toBe('prezzo \\*ridotto\\* per\\_tutti \\[1\\] \\`x\\` \\~no\\~ a\\\\b');
    expect(markdown('uno\ndue\n\ntre')).toBe('uno  \ndue\n\ntre');
    expect(markdown('Prenotazione confermata! Codice: WBC-2026-000123')).toBe('Prenotazione confermata! Codice: WBC-2026-000123');
  });
});

describe('renderActivities', () => {
  it('renders text and notices as markdown messages, one activity each, in order', () => {
    const messages: BotMessage[] = [
      { type: 'text', text: 'Ciao' },
      { type: 'notice', level: 'info', text: 'Nota' },
      { type: 'notice', level: 'error', text: 'Errore' },
    ];
    expect(renderActivities(messages, 'webchat')).toEqual([
      { type: 'message', text: 'Ciao', textFormat: 'markdown' },
      { type: 'message', text: 'ℹ️ Nota', textFormat: 'markdown' },
      { type: 'message', text: '⚠️ Errore', textFormat: 'markdown' },
    ]);
  });

  it('offers choices as messageBack suggested actions in Web Chat and the Emulator', () => {
    const choices: BotMessage = {
      type: 'choices',
      text: 'Confermi?',
      choices: [
        { payload: 'b1', label: 'Sì' },
        { payload: 'b2', label: 'No' },
        { payload: '', label: 'rotto' },
      ],
    };
    for (const channel of ['webchat', 'emulator', 'directline']) {
      const [activity] = renderActivities([choices], channel) as Json[];
      expect(activity).toEqual({
        type: 'message',
        text: 'Confermi?',
        textFormat: 'markdown',
        inputHint: 'acceptingInput',
        suggestedActions: {
          actions: [
            { type: 'messageBack', title: 'Sì', displayText: 'Sì', value: { payload: 'b1' } },
            { type: 'messageBack', title: 'No', displayText: 'No', value: { payload: 'b2' } },
          ],
        },
      });
    }
  });

  it('puts choices on an Adaptive Card in Teams: a row of short ones, a list of long or many', () => {
    const short: BotMessage = {
      type: 'choices',
      text: 'Confermi?',
      choices: [
        { payload: 'b1', label: 'Sì' },
        { payload: 'b2', label: 'No' },
      ],
    };
    const [row] = renderActivities([short], 'msteams') as Json[];
    const rowCard = contentOf(row!);
    expect(rowCard.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(rowCard.content).toMatchObject({ type: 'AdaptiveCard', version: '1.2', body: [{ type: 'TextBlock', text: 'Confermi?', wrap: true }] });
    expect(rowCard.content['actions']).toEqual([
      { type: 'Action.Submit', title: 'Sì', data: { payload: 'b1', msteams: { type: 'messageBack', displayText: 'Sì', value: { payload: 'b1' } } } },
      { type: 'Action.Submit', title: 'No', data: { payload: 'b2', msteams: { type: 'messageBack', displayText: 'No', value: { payload: 'b2' } } } },
    ]);
    expect(row!['suggestedActions']).toBeUndefined();

    const many: BotMessage = {
      type: 'choices',
      text: 'Scegli',
      choices: Array.from({ length: ROW_BUTTONS + 1 }, (_, i) => ({ payload: `b${i}`, label: `Voce ${i}` })),
    };
    const listCard = contentOf((renderActivities([many], 'msteams') as Json[])[0]!).content;
    expect(listCard['actions']).toBeUndefined();
    const sets = (listCard['body'] as Json[]).filter((e) => e['type'] === 'ActionSet');
    expect(sets.map((s) => (s['actions'] as Json[])[0]!['title'])).toEqual(['Voce 0', 'Voce 1', 'Voce 2', 'Voce 3', 'Voce 4']);

    const long: BotMessage = {
      type: 'choices',
      text: 'Scegli',
      choices: [{ payload: 'b1', label: 'Doposcuola online (Cooperativa Sociale Jonathan)' }],
    };
    expect((contentOf((renderActivities([long], 'msteams') as Json[])[0]!).content['body'] as Json[])[1]).toMatchObject({ type: 'ActionSet' });
  });

  it('shows a service card as an Adaptive Card everywhere: title, subtitle, description, facts, multi-line fields as blocks', () => {
    for (const channel of ['webchat', 'msteams']) {
      const [activity] = renderActivities([{ type: 'card', card }], channel) as Json[];
      const { contentType, content } = contentOf(activity!);
      expect(contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(content['body']).toEqual([
        { type: 'TextBlock', text: 'Doposcuola online', wrap: true, weight: 'Bolder', size: 'Medium' },
        { type: 'TextBlock', text: 'Cooperativa Sociale Jonathan', wrap: true, isSubtle: true, spacing: 'None' },
        { type: 'TextBlock', text: 'Aiuto nei compiti in videochiamata.', wrap: true },
        { type: 'FactSet', facts: [{ title: 'Prezzo', value: '8 € a incontro' }] },
        { type: 'TextBlock', text: 'Contatti', wrap: true, weight: 'Bolder' },
        { type: 'TextBlock', text: 'tel. 049 000 0000', wrap: true, spacing: 'None' },
        { type: 'TextBlock', text: 'scuola@example.org', wrap: true, spacing: 'None' },
      ]);
      expect(content['fallbackText']).toBe(
        'Doposcuola online\nCooperativa Sociale Jonathan\nAiuto nei compiti in videochiamata.\nPrezzo: 8 € a incontro\nContatti: tel. 049 000 0000\nscuola@example.org',
      );
    }
  });

  it('has a typing activity for turns that take a while', () => {
    expect(typingActivity()).toEqual({ type: 'typing' });
  });
});
