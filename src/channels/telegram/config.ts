// What the Telegram channel needs configured; src/config.ts fills it from the environment.

export interface TelegramConfig {
  token: string;
  /** Set: webhook mode at POST /telegram/webhook; unset: long polling. */
  webhookSecret?: string;
  /** Set (with the secret): the webhook is registered at start. */
  webhookUrl?: string;
  apiRoot?: string;
}
