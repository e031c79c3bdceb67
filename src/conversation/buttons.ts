// Buttons on their way out and back: short tokens for the platforms, and global buttons a resident may type; no I/O.
import type { Lexicon } from '../i18n/lexicon.js';
import { matchChoice } from './choice-match.js';
import { CommandName } from './events.js';
import type { BotMessage } from './messages.js';
import type { Session } from './session.js';

const BUTTONS = 'buttons';
const PAYLOADS = 'payloads';

/**
 * Buttons leave with short tokens ("12.3": visit 12, button 3) and the step's own payloads stay in the
 * session: platforms limit what a button carries (Telegram: 64 bytes), and a token names no option.
 */
export function compactPayloads(session: Session, messages: BotMessage[]): BotMessage[] {
  const list: string[] = [];
  const sent = messages.map((m) => {
    if (m.type !== 'choices') return m;
    const choices = m.choices.map((c) => {
      if (c.payload.startsWith('cmd:')) return c;
      list.push(c.payload);
      return { ...c, payload: `${session.visit}.${list.length - 1}` };
    });
    return { ...m, choices };
  });
  if (list.length > 0) session.scratch[PAYLOADS] = { visit: session.visit, list };
  return sent;
}

/** The step's payload behind a button's token, or undefined for a token of an earlier question. */
export function payloadOf(session: Session, token: string): string | undefined {
  const table = session.scratch[PAYLOADS] as { visit: number; list: string[] } | undefined;
  const match = /^(\d+)\.(\d+)$/.exec(token);
  if (!match || !table || Number(match[1]) !== table.visit) return undefined;
  return table.list[Number(match[2])];
}

/** Keeps the global buttons (`cmd:…`) of the last question, so typing their number or label works too. */
export function rememberButtons(session: Session, messages: BotMessage[]): void {
  if (messages.length === 0) return;
  const question = [...messages].reverse().find((m) => m.type === 'choices');
  // Only a question with a global button needs them kept: the step reads its own options itself. A question
  // answered by typing (an age, a household) clears them: its numbers are answers, not positions.
  if (question?.type === 'choices' && question.choices.some((c) => c.payload.startsWith('cmd:'))) {
    session.scratch[BUTTONS] = question.choices.map((c) => ({ payload: c.payload, label: c.label, ...(c.key ? { key: c.key } : {}) }));
  } else {
    delete session.scratch[BUTTONS];
  }
}

export function typedCommand(session: Session, text: string, lexicon: Lexicon): CommandName | undefined {
  const buttons = (session.scratch[BUTTONS] as { payload: string; label: string; key?: string }[] | undefined) ?? [];
  if (!buttons.some((b) => b.payload.startsWith('cmd:'))) return undefined;
  const match = matchChoice(
    text,
    buttons.map((b, i) => ({ id: String(i), labels: [b.label] })),
    lexicon,
  );
  if (match.kind !== 'match') return undefined;
  // A lone offer has no numbered list around it: "1" there is more likely an answer (an age) than the button.
  if (match.by === 'number' && buttons.every((b) => b.payload.startsWith('cmd:'))) return undefined;
  // A simple-mode menu is numbered by its keys, read before this (0 and 9): a position here would be a hidden button.
  if (match.by === 'number' && buttons.some((b) => b.key !== undefined)) return undefined;
  const payload = buttons[Number(match.id)]!.payload;
  const name = CommandName.safeParse(payload.slice(4));
  return payload.startsWith('cmd:') && name.success ? name.data : undefined;
}
