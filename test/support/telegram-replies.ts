// Reading what the bot sent to a Telegram chat (recorded by the stand-in) as a resident would see it.
import type { SentMessage } from './telegram-stand-in.js';

/** What Telegram shows of an HTML message. */
export const visible = (html: string) =>
  html
    .replace(/<\/?[bi]>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
export const matches = (text: string, pattern: string | RegExp) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));

/** Some message of the replies (its text or a button under it, shown as "[label]") matches each pattern. */
export function expectReply(replies: SentMessage[], ...patterns: (string | RegExp)[]): void {
  const texts = replies.map((m) => [visible(m.text), ...(m.keyboard?.flat().map((b) => `[${b.text}]`) ?? [])].join('\n'));
  for (const pattern of patterns) {
    if (!texts.some((t) => matches(t, pattern))) throw new Error(`no reply matching ${String(pattern)} in:\n${texts.join('\n---\n')}`);
  }
}
