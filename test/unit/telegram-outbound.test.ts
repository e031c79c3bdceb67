// BotMessage[] → Telegram messages: keyboard layout, HTML escaping, cards, notices and splitting at 4096 characters.
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  inlineKeyboard,
  MAX_MESSAGE_CHARS,
  renderForTelegram,
  splitRanges,
  splitRuns,
  toHtml,
} from '../../src/channels/telegram/outbound.js';
import type { BotMessage, Choice } from '../../src/conversation/messages.js';

const choice = (label: string, i: number): Choice => ({ payload: `3.${i}`, label });
const labels = (rows: { text: string }[][]) => rows.map((row) => row.map((b) => b.text));
/** What Telegram counts: the text once HTML entities and tags are parsed. */
const visible = (html: string) =>
  html
    .replace(/<\/?[bi]>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('telegram keyboards', () => {
  it('puts short labels two to a row, the odd one alone at the end', () => {
    const rows = inlineKeyboard(['Sì', 'No', 'Menu principale'].map(choice));
    expect(labels(rows)).toEqual([['Sì', 'No'], ['Menu principale']]);
    expect(rows[0]![0]).toEqual({ text: 'Sì', callback_data: '3.0' });
  });

  it('gives every button its own row when any label is long', () => {
    const rows = inlineKeyboard(['Limena', 'Campodoro', 'Scuola secondaria di primo grado (media)'].map(choice));
    expect(labels(rows)).toEqual([['Limena'], ['Campodoro'], ['Scuola secondaria di primo grado (media)']]);
  });

  it('counts characters, not bytes, to tell long labels from short ones', () => {
    expect(labels(inlineKeyboard(['😀'.repeat(20), 'ok'].map(choice)))).toEqual([['😀'.repeat(20), 'ok']]);
  });

  it('sends command payloads and engine tokens as callback data, and leaves out what Telegram would refuse', () => {
    const rows = inlineKeyboard([
      { payload: 'cmd:person', label: 'Parla con una persona' },
      { payload: 'x'.repeat(65), label: 'troppo lungo' },
      { payload: '', label: 'vuoto' },
    ]);
    expect(rows).toEqual([[{ text: 'Parla con una persona', callback_data: 'cmd:person' }]]);
  });
});

describe('telegram rendering', () => {
  it('escapes HTML in every text, so a resident’s or a catalogue’s <, > and & show as they are', () => {
    expect(escapeHtml('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    const [out] = renderForTelegram([{ type: 'text', text: 'Prezzo <b>finto</b> & vero' }]);
    expect(out).toEqual({ text: 'Prezzo &lt;b&gt;finto&lt;/b&gt; &amp; vero' });
  });

  it('attaches the keyboard to the question', () => {
    const [out] = renderForTelegram([{ type: 'choices', text: 'Confermi?', choices: ['Sì', 'No'].map(choice) }]);
    expect(out).toEqual({
      text: 'Confermi?',
      keyboard: [
        [
          { text: 'Sì', callback_data: '3.0' },
          { text: 'No', callback_data: '3.1' },
        ],
      ],
    });
  });

  it('prefixes notices with ℹ or ⚠', () => {
    const out = renderForTelegram([
      { type: 'notice', level: 'info', text: 'Orientamento, non decisione.' },
      { type: 'notice', level: 'warning', text: 'Attenzione' },
      { type: 'notice', level: 'error', text: 'Riprova' },
    ]);
    expect(out.map((m) => m.text)).toEqual(['ℹ Orientamento, non decisione.', '⚠ Attenzione', '⚠ Riprova']);
  });

  it('shows a card with a bold title, the provider, and bold labels before price and the other fields', () => {
    const card: BotMessage = {
      type: 'card',
      card: {
        title: 'Doposcuola <online>',
        subtitle: 'Cooperativa Sociale Jonathan & C.',
        description: 'Un tutor segue il bambino.',
        fields: [
          { label: 'Prezzo', value: '8 € all’ora, ridotto 4 €' },
          { label: 'Contatti', value: 'Jonathan\nTel. 049 000 0103' },
        ],
      },
    };
    expect(renderForTelegram([card])).toEqual([
      {
        text: [
          '<b>Doposcuola &lt;online&gt;</b>',
          '<i>Cooperativa Sociale Jonathan &amp; C.</i>',
          '',
          'Un tutor segue il bambino.',
          '',
          '<b>Prezzo:</b> 8 € all’ora, ridotto 4 €',
          '<b>Contatti:</b>',
          'Jonathan',
          'Tel. 049 000 0103',
        ].join('\n'),
      },
    ]);
  });

  it('sends no message for an empty text', () => {
    expect(renderForTelegram([{ type: 'text', text: '  \n ' }])).toEqual([]);
  });
});

describe('telegram splitting', () => {
  const paragraph = (n: number, size: number) => `${String(n).padStart(3, '0')} ${'p'.repeat(size - 4)}`;

  it('leaves a text within the limit whole', () => {
    const text = 'x'.repeat(MAX_MESSAGE_CHARS);
    expect(renderForTelegram([{ type: 'text', text }])).toEqual([{ text }]);
  });

  it('splits a 6000-character text at a paragraph break, each part within 4096 and nothing lost', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => paragraph(i, 1000));
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThan(6000);
    const parts = renderForTelegram([{ type: 'text', text }]).map((m) => m.text);
    expect(parts).toEqual([paragraphs.slice(0, 4).join('\n\n'), paragraphs.slice(4).join('\n\n')]);
    expect(parts.every((p) => p.length <= MAX_MESSAGE_CHARS)).toBe(true);
  });

  it('falls back to a line break, then a space, then a hard cut', () => {
    const lines = ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)].join('\n');
    expect(splitRanges(lines, 70).map(([s, e]) => lines.slice(s, e))).toEqual([`${'a'.repeat(30)}\n${'b'.repeat(30)}`, 'c'.repeat(30)]);
    const words = `${'a'.repeat(30)} ${'b'.repeat(30)}`;
    expect(splitRanges(words, 40).map(([s, e]) => words.slice(s, e))).toEqual(['a'.repeat(30), 'b'.repeat(30)]);
    const solid = 'z'.repeat(100);
    expect(splitRanges(solid, 40).map(([s, e]) => solid.slice(s, e))).toEqual(['z'.repeat(40), 'z'.repeat(40), 'z'.repeat(20)]);
  });

  it('never cuts an emoji in half', () => {
    const text = `a${'😀'.repeat(10)}`;
    const parts = splitRanges(text, 4).map(([s, e]) => text.slice(s, e));
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => !/[\uD800-\uDBFF]$/.test(p) && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
  });

  it('closes and reopens styles across a cut, and counts the limit on the visible text', () => {
    const runs = [{ text: 'Titolo', style: 'b' as const }, { text: `\n\n${'<'.repeat(8)}` }];
    const parts = splitRuns(runs, 8).map(toHtml);
    expect(parts).toEqual(['<b>Titolo</b>', '&lt;'.repeat(8)]);
    expect(parts.map(visible).every((p) => p.length <= 8)).toBe(true);
  });

  it('splits a long question with its keyboard under the last part only', () => {
    const text = `${'d'.repeat(4090)}\n\nQuale scegli?`;
    const parts = renderForTelegram([{ type: 'choices', text, choices: ['Sì', 'No'].map(choice) }]);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toEqual({ text: 'd'.repeat(4090) });
    expect(parts[1]).toMatchObject({ text: 'Quale scegli?', keyboard: [[{ text: 'Sì' }, { text: 'No' }]] });
  });

  it('splits a long card description without breaking its bold title', () => {
    const description = Array.from({ length: 3 }, (_, i) => paragraph(i, 2000)).join('\n\n');
    const parts = renderForTelegram([
      { type: 'card', card: { title: 'Servizio', subtitle: 'Ente', description, fields: [{ label: 'Prezzo', value: 'gratuito' }] } },
    ]);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]!.text.startsWith('<b>Servizio</b>\n<i>Ente</i>')).toBe(true);
    expect(parts.at(-1)!.text.endsWith('<b>Prezzo:</b> gratuito')).toBe(true);
    expect(parts.every((p) => visible(p.text).length <= MAX_MESSAGE_CHARS)).toBe(true);
  });
});
