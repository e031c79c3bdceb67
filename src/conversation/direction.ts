// Right-to-left languages: messages marked so a chat client lays them out right to left even when a line begins with
// a digit or a Latin word (a number, "ISEE", a service name). Which languages are right to left is word data
// (language.direction in locales/<lang>/lexicon.yaml). No I/O.
import type { BotMessage } from './messages.js';

/** U+200F RIGHT-TO-LEFT MARK: invisible, a strong right-to-left character for the bidi algorithm. */
const RLM = '\u200F';

const marked = (text: string) => text.replace(/^(?!\u200F)/gm, RLM);

/**
 * Each line of a message starts with an RLM (clients such as Telegram, Teams and Web Chat take a paragraph's direction
 * from its first strong character). Button labels are left as they are: residents type them back and they are matched.
 */
export function withDirection(direction: 'ltr' | 'rtl', messages: BotMessage[]): BotMessage[] {
  if (direction !== 'rtl') return messages;
  return messages.map((m) => {
    switch (m.type) {
      case 'text':
      case 'notice':
      case 'choices':
        return { ...m, text: marked(m.text) };
      case 'card':
        return { ...m, card: { ...m.card, title: marked(m.card.title), description: marked(m.card.description) } };
    }
  });
}
