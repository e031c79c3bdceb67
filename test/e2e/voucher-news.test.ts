// Without the backend's signed webhook (the embedded default), voucher news comes from its change feed: the
// resident who applied is told, in their language, once.
import { afterEach, describe, expect, it } from 'vitest';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import type { BotMessage } from '../../src/conversation/messages.js';
import { conversation, peekSession, type Talk } from '../support/conversation.js';
import { LANGS, maria, phrases } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

describe.each(LANGS)('voucher news from the change feed (%s)', (lang) => {
  const p = phrases[lang];

  it('tells the resident the decision on their application, once', async () => {
    const delivered: string[] = [];
    talk = conversation({
      lang,
      deliverers: { terminal: { deliver: async (_id: string, messages: BotMessage[]) => void delivered.push(renderForTerminal(messages)) } },
    });
    await talk.say(p.hello); // the assistant is assembled by the first turn
    await talk.assistant.proactive.tick(); // reads the feed up to now: older news is not news
    await talk
      .press(p.vouchers)
      .press(p.voucherApply)
      .say(p.yes)
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode)
      .say('Campodoro')
      .say(p.household)
      .say('2')
      .say(p.yes)
      .expect(p.voucherSent);
    const reference = talk.lastReference('BSP')!;
    const stored = await peekSession(talk.assistant.store, `terminal:${talk.conversationId}`);
    const decided = await fetch(`${talk.backend.url}/v1/voucher-applications/${stored!.data.vouchers[0]!.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'approved' }),
    });
    expect(decided.status).toBe(200);
    await talk.assistant.proactive.tick(); // reads the news, schedules it and sends it (09:00: no quiet hours)
    await talk.assistant.proactive.tick();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toContain(reference);
    expect(delivered[0]).toMatch(lang === 'it' ? /accolta/ : /approved/i);
    await talk.assistant.proactive.tick();
    expect(delivered).toHaveLength(1);
  });
});
