// What the engine says, already in the resident's language; adapters decide how it looks on their platform.
export interface Choice {
  /** Opaque to adapters: sent back as a `choice` event when the button is pressed. */
  payload: string;
  label: string;
  /** What the resident types for it ("0", "9" in simple mode); otherwise its position in the list. */
  key?: string;
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
  | { type: 'text'; text: string; simple?: boolean }
  /** `simple`: a simple-mode menu, shown as big buttons (one per row) where the platform has them. */
  | { type: 'choices'; text: string; choices: Choice[]; simple?: boolean }
  | { type: 'card'; card: ServiceCardView }
  | { type: 'notice'; level: NoticeLevel; text: string };

export const text = (value: string): BotMessage => ({ type: 'text', text: value });

/** "2. Servizi per anziani": a choice as a numbered line, by its key or its place; the engine reads the number back. */
export const numbered = (c: Choice, i: number) => `${c.key ?? i + 1}. ${c.label}`;
export const notice = (level: NoticeLevel, value: string): BotMessage => ({ type: 'notice', level, text: value });
