// BotMessage[] → plain text for a terminal: numbered choices under each question; no I/O.
import { numbered, type BotMessage } from '../../conversation/messages.js';

export function renderForTerminal(messages: BotMessage[]): string {
  return messages.map(renderOne).join('\n\n');
}

function renderOne(message: BotMessage): string {
  switch (message.type) {
    case 'text':
      return message.text;
    case 'notice':
      return message.level === 'info' ? `ℹ ${message.text}` : `⚠ ${message.text}`;
    case 'choices':
      return [message.text, ...message.choices.map((c, i) => `  ${numbered(c, i)}`)].join('\n');
    case 'card': {
      const { card } = message;
      const fields = card.fields.map((f) => `  ${f.label}: ${f.value.replace(/\n/g, '\n    ')}`);
      return [`== ${card.title} ==`, card.subtitle, '', card.description, '', ...fields].join('\n');
    }
  }
}
