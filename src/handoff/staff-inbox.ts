// What the staff desk hears (a reply, a take, a close), as items of a mailbox: the desk is built before the turn runner
// (the runner's effects post to it), and its news is answered by turns of that runner (staff-news.ts). No I/O.
import type { Mailbox } from '../mailbox.js';
import type { StaffDeskOptions } from './slack/staff-desk.js';
import type { Ticket } from './ticket.js';

export type StaffNews = { type: 'reply'; ticket: Ticket; text: string } | { type: 'taken'; ticket: Ticket } | { type: 'closed'; ticket: Ticket };

/** The desk's callbacks, each resolving once its news was answered. */
export function deskCallbacks(inbox: Mailbox<StaffNews>): Pick<StaffDeskOptions, 'onStaffReply' | 'onTaken' | 'onClosed'> {
  return {
    onStaffReply: (ticket, text) => inbox.post({ type: 'reply', ticket, text }),
    onTaken: (ticket) => inbox.post({ type: 'taken', ticket }),
    onClosed: (ticket) => inbox.post({ type: 'closed', ticket }),
  };
}
