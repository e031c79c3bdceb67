// Staff's words and actions brought back to the resident: a reply is delivered as written, a take or a close is a turn
// of the resident's conversation whose answer is delivered through their channel. Knows no Slack.
import { deliverTo, type Deliverers } from '../channels/channel.js';
import type { StaffEvent } from '../conversation/events.js';
import type { Conversation, TurnRunner } from '../conversation/turn.js';
import type { Translator } from '../i18n/translator.js';
import type { Mailbox } from '../mailbox.js';
import type { HandoffMetrics } from './service.js';
import type { StaffNews } from './staff-inbox.js';
import type { Ticket } from './ticket.js';

export interface StaffNewsOptions {
  inbox: Mailbox<StaffNews>;
  runTurn: TurnRunner;
  /** The channels running in this process: a resident is answered through their own. */
  deliverers: Deliverers;
  translator: Translator;
  metrics?: HandoffMetrics;
}

/** Answers the inbox's news from now on. */
export function answerStaffNews(options: StaffNewsOptions): void {
  const { runTurn, deliverers, translator } = options;
  const count = (event: string) => options.metrics?.handoff.inc({ event });
  const conversationOf = (t: Ticket): Conversation => ({ channel: t.conversation.channel, id: t.conversation.id });

  /** A turn of news from staff, deduplicated per ticket and change: two replicas hearing the same click answer once. */
  async function staffTurn(t: Ticket, change: StaffEvent['change']): Promise<void> {
    const conversation = conversationOf(t);
    const messages = await runTurn(conversation, { type: 'staff', change }, { updateId: `staff:${t.id}:${change}`, language: t.lang });
    await deliverTo(deliverers, conversation, messages);
  }

  options.inbox.answer(async (news: StaffNews) => {
    const { ticket } = news;
    switch (news.type) {
      case 'reply':
        await deliverTo(deliverers, conversationOf(ticket), [
          { type: 'text', text: translator.t(ticket.lang, 'handoff.staff_says', { text: news.text }) },
        ]);
        count('staff_reply');
        return;
      case 'taken':
        count('taken');
        // A call-back is taken to phone the resident: nothing to say in the chat.
        if (ticket.kind === 'live') await staffTurn(ticket, 'taken');
        return;
      case 'closed':
        count('closed');
        if (ticket.kind === 'live') await staffTurn(ticket, 'closed');
        return;
    }
  });
}
