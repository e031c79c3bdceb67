// What the engine says, already in the resident's language; adapters decide how it looks on their platform.
export interface Choice {
  /** Opaque to adapters: sent back as a `choice` event when the button is pressed. */
  payload: string;
  label: string;
}

export interface CardField {
  label: string;
  value: string;
}

export interface ServiceCardView {
  title: string;
  subtitle: string;
  description: string;
  fields: CardField[];
}

export type NoticeLevel = 'info' | 'warning' | 'error';

export type BotMessage =
  | { type: 'text'; text: string }
  | { type: 'choices'; text: string; choices: Choice[] }
  | { type: 'card'; card: ServiceCardView }
  | { type: 'notice'; level: NoticeLevel; text: string };

export const text = (value: string): BotMessage => ({ type: 'text', text: value });
export const notice = (level: NoticeLevel, value: string): BotMessage => ({ type: 'notice', level, text: value });
