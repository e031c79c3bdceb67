// BotMessage[] → Bot Framework activities as each channel shows them best; decides looks, never words. No I/O.
import { ActivityTypes, CardFactory, MessageFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { BotMessage, Choice, ServiceCardView } from '../../conversation/messages.js';

/** Channels where choices are card buttons: Teams shows no suggested actions outside one-to-one chats, and only imBack there. */
const CARD_CHOICE_CHANNELS = new Set(['msteams']);

/** Labels up to this many characters, this many at most, sit on one row of a card; otherwise each button has its own row. */
const ROW_LABEL_CHARS = 20;
export const ROW_BUTTONS = 4;

// 1.2 is what every Teams client (mobile too), Web Chat and the Emulator render; nothing newer is used.
const ADAPTIVE_CARD_VERSION = '1.2';

export type OutgoingActivity = Partial<Activity>;

export function renderActivities(messages: BotMessage[], channelId: string): OutgoingActivity[] {
  const cardChoices = CARD_CHOICE_CHANNELS.has(channelId);
  return messages.map((message) => {
    switch (message.type) {
      case 'text':
        return textActivity(message.text);
      case 'notice':
        return textActivity(`${message.level === 'info' ? 'ℹ️' : '⚠️'} ${message.text}`);
      case 'card':
        return { type: ActivityTypes.Message, attachments: [serviceCard(message.card)] };
      case 'choices':
        return cardChoices
          ? { type: ActivityTypes.Message, attachments: [choiceCard(message.text, message.choices)] }
          : suggestedActions(message.text, message.choices);
    }
  });
}

export const typingActivity = (): OutgoingActivity => ({ type: ActivityTypes.Typing });

function textActivity(text: string): OutgoingActivity {
  return { type: ActivityTypes.Message, text: markdown(text), textFormat: 'markdown' };
}

/**
 * The engine's plain text as markdown that shows it as written: characters markdown would take as emphasis, code
 * or links are escaped, and each line break becomes a hard break (Web Chat's markdown-it joins single lines).
 */
export function markdown(text: string): string {
  const escaped = text.replace(/[\\`*_[\]~]/g, '\\$&');
  // A blank line already is a paragraph break; only the single breaks need the two trailing spaces.
  return escaped.replace(/(?<!\n)\r?\n(?!\r?\n)/g, (br) => `  ${br}`);
}

/** Web Chat and the Emulator: buttons by the composer that go when one is pressed, so a stale choice cannot be made. */
function suggestedActions(text: string, choices: Choice[]): OutgoingActivity {
  const actions: CardAction[] = usable(choices).map((c) => ({
    // messageBack: the label shows in the transcript as if typed, the payload comes back as `value`.
    type: 'messageBack',
    title: c.label,
    displayText: c.label,
    value: { payload: c.payload },
  }));
  // No `to`: the actions are for whoever reads the conversation, as MessageFactory makes them.
  return actions.length > 0 ? { ...MessageFactory.suggestedActions(actions, markdown(text)), textFormat: 'markdown' } : textActivity(text);
}

type CardElement = Record<string, unknown>;

/** Teams: the question and one button per choice on an Adaptive Card. */
function choiceCard(text: string, choices: Choice[]): Attachment {
  const actions = usable(choices).map(submitAction);
  const row = actions.length <= ROW_BUTTONS && choices.every((c) => [...c.label].length <= ROW_LABEL_CHARS);
  // Teams cuts a row of long labels short: long or many choices go one per row, as a list to pick from.
  const body: CardElement[] = [textBlock(text), ...(row ? [] : actions.map((a) => ({ type: 'ActionSet', actions: [a] })))];
  return adaptiveCard(body, row ? actions : [], text);
}

function submitAction(choice: Choice): CardElement {
  return {
    type: 'Action.Submit',
    title: choice.label,
    // `msteams` makes the press a messageBack: the label shows in the chat as the resident's message, and `value`
    // reaches the bot. `payload` beside it serves clients that send the data itself as the value.
    data: { payload: choice.payload, msteams: { type: 'messageBack', displayText: choice.label, value: { payload: choice.payload } } },
  };
}

/** A service's card, the same on every channel: title, subtitle, description and its fields. */
function serviceCard(card: ServiceCardView): Attachment {
  const body: CardElement[] = [textBlock(card.title, { weight: 'Bolder', size: 'Medium' })];
  if (card.subtitle) body.push(textBlock(card.subtitle, { isSubtle: true, spacing: 'None' }));
  if (card.description) body.push(textBlock(card.description));
  const oneLine = card.fields.filter((f) => !f.value.includes('\n'));
  if (oneLine.length > 0) body.push({ type: 'FactSet', facts: oneLine.map((f) => ({ title: f.label, value: f.value })) });
  // A value of several lines (contacts, requirements) under its label, one line per block: card hosts differ on line breaks.
  for (const field of card.fields.filter((f) => f.value.includes('\n'))) {
    body.push(textBlock(field.label, { weight: 'Bolder' }));
    for (const line of field.value.split('\n').filter((l) => l.trim())) body.push(textBlock(line, { spacing: 'None' }));
  }
  return adaptiveCard(body, [], plainCard(card));
}

function plainCard(card: ServiceCardView): string {
  return [card.title, card.subtitle, card.description, ...card.fields.map((f) => `${f.label}: ${f.value}`)].filter(Boolean).join('\n');
}

function textBlock(text: string, style: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

function adaptiveCard(body: CardElement[], actions: CardElement[], fallbackText: string): Attachment {
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    // Shown by clients that cannot render the card (and read by screen readers in some).
    fallbackText,
  });
}

// An empty payload could never come back as a choice.
const usable = (choices: Choice[]) => choices.filter((c) => c.payload !== '');
