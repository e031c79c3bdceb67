// Reading what the bot posted to a conversation (recorded by the Bot Connector stand-in) as a person would see it.
import type { PostedActivity } from './botframework-stand-in.js';
import { matches } from './telegram-replies.js';

type Json = Record<string, unknown>;

/** A button the person can press: a suggested action or an Adaptive Card's Action.Submit. */
export interface Button {
  title: string;
  /** What the client posts back as the activity's value when it is pressed. */
  value: unknown;
  /** The id of the activity that carries it (a card is replied to). */
  activityId: string;
  kind: 'suggested' | 'card';
}

/** Markdown as Web Chat shows it: escapes and hard-break spaces gone. */
const unmarkdown = (text: string) => text.replace(/\\([\\`*_[\]~])/g, '$1').replace(/ {2}\n/g, '\n');

const cardOf = (a: Json): Json | undefined =>
  ((a['attachments'] as Json[] | undefined) ?? []).find((x) => x['contentType'] === 'application/vnd.microsoft.card.adaptive')?.['content'] as
    Json | undefined;

/** Every element of a card body, ActionSets' actions included, in order. */
function walk(elements: Json[] | undefined, out: Json[] = []): Json[] {
  for (const e of elements ?? []) {
    out.push(e);
    if (Array.isArray(e['actions'])) walk(e['actions'] as Json[], out);
    if (Array.isArray(e['items'])) walk(e['items'] as Json[], out);
  }
  return out;
}

export function buttons(posted: PostedActivity): Button[] {
  const a = posted.activity;
  const suggested = ((a['suggestedActions'] as Json | undefined)?.['actions'] as Json[] | undefined) ?? [];
  const card = cardOf(a);
  const submits = card
    ? [...walk(card['body'] as Json[]), ...walk(card['actions'] as Json[] | undefined)].filter((e) => e['type'] === 'Action.Submit')
    : [];
  return [
    ...suggested.map((s) => ({ title: String(s['title']), value: s['value'], activityId: posted.id, kind: 'suggested' as const })),
    // Teams' messageBack posts the action's msteams.value; a plain Action.Submit posts its data.
    ...submits.map((s) => {
      const data = s['data'] as Json;
      return {
        title: String(s['title']),
        value: (data['msteams'] as Json | undefined)?.['value'] ?? data,
        activityId: posted.id,
        kind: 'card' as const,
      };
    }),
  ];
}

/** The text a person reads in one activity; buttons as "[label]". */
export function visible(posted: PostedActivity): string {
  const a = posted.activity;
  const card = cardOf(a);
  const cardText = card
    ? walk(card['body'] as Json[]).flatMap((e) => {
        if (e['type'] === 'TextBlock') return [String(e['text'])];
        if (e['type'] === 'FactSet') return (e['facts'] as Json[]).map((f) => `${String(f['title'])}: ${String(f['value'])}`);
        return [];
      })
    : [];
  const text = typeof a['text'] === 'string' ? [unmarkdown(a['text'])] : [];
  return [...text, ...cardText, ...buttons(posted).map((b) => `[${b.title}]`)].join('\n');
}

/** Some activity of the replies matches each pattern. */
export function expectReply(replies: PostedActivity[], ...patterns: (string | RegExp)[]): void {
  const texts = replies.map(visible);
  for (const pattern of patterns) {
    if (!texts.some((t) => matches(t, pattern))) throw new Error(`no reply matching ${String(pattern)} in:\n${texts.join('\n---\n')}`);
  }
}
