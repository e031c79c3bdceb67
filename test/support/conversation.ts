// Conversation tests that read like the dialogue: say/press, then expect; the transcript is printed on failure.
import { DateTime } from 'luxon';
import { composeApp, type App } from '../../src/app/compose.js';
import type { Deliverers } from '../../src/channels/channel.js';
import { loadConfig } from '../../src/config.js';
import type { Session } from '../../src/conversation/session.js';
import { decodeSession } from '../../src/conversation/session-codec.js';
import type { ConversationStore } from '../../src/state/store.js';
import type { UserEvent } from '../../src/conversation/events.js';
import type { BotMessage } from '../../src/conversation/messages.js';
import type { Effect } from '../../src/conversation/context.js';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import type { Channel } from '../../src/welfare/contract.js';
import { referenceBackend, type TestBackend } from './backend.js';
import { switchableProxy, type SwitchableProxy } from './switchable-proxy.js';

type Pattern = string | RegExp;

export interface ConversationOptions {
  lang?: string;
  channel?: Channel;
  /** A Teams user's Entra ID object id, as the Bot Framework channel passes it. */
  aadObjectId?: string;
  /** Europe/Rome wall time of the fixed clock. */
  now?: string;
  /** Where messages Sportello writes first are delivered (proactive sending). */
  deliverers?: Deliverers;
  /** Another locales folder (a copy with a language added); default: the project's. */
  localesDir?: string;
  /** Environment variables the assistant's configuration is read from (SESSION_TTL_HOURS…); default: none. */
  env?: Record<string, string>;
}

const matches = (text: string, pattern: Pattern) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));

function textOf(message: BotMessage): string {
  return renderForTerminal([message]);
}

export class Talk implements PromiseLike<void> {
  private chain: Promise<unknown>;
  readonly transcript: string[] = [];
  readonly effects: Effect[] = [];
  last: BotMessage[] = [];
  assistant!: App;
  backend!: TestBackend;
  proxy!: SwitchableProxy;
  /** The conversation the next messages go to: `switchTo` moves to another chat on the same assistant and backend. */
  conversationId = `t-${DateTime.now().toMillis()}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly lang: string | undefined;
  private readonly channel: Channel;
  private readonly aadObjectId: string | undefined;

  constructor(options: ConversationOptions) {
    this.lang = options.lang;
    this.aadObjectId = options.aadObjectId;
    this.channel = options.channel ?? 'terminal';
    this.chain = this.setUp(options);
  }

  /** A fresh assistant on its own reference backend (behind a switchable proxy), with a fixed clock. */
  private async setUp(options: ConversationOptions): Promise<void> {
    this.backend = await referenceBackend(options.now ? { now: options.now } : {});
    this.proxy = await switchableProxy(this.backend.url);
    let ids = 0;
    this.assistant = await composeApp(
      { ...loadConfig(options.env ?? {}), welfareBackendUrl: this.proxy.url, welfareTimeoutMs: 2000 },
      {
        now: () => this.backend.clock.now,
        newId: () => `test-key-${String(++ids).padStart(6, '0')}`,
        ...(options.localesDir ? { localesDir: options.localesDir } : {}),
        perform: async (effects) => {
          this.effects.push(...effects);
        },
        ...(options.deliverers ? { deliverers: options.deliverers } : {}),
      },
    );
  }

  private queue(step: () => Promise<void> | void): this {
    this.chain = this.chain.then(step);
    return this;
  }

  private fail(message: string): never {
    const error = new Error(`${message}\n\n--- transcript ---\n${this.transcript.join('\n')}\n--- end ---`);
    throw error;
  }

  send(event: UserEvent): this {
    const shown = event.type === 'text' ? event.text : event.type === 'choice' ? `[${event.payload}]` : `(${event.type})`;
    return this.queue(() => this.sendNow(event, shown));
  }

  say(text: string): this {
    return this.send({ type: 'text', text });
  }

  /** From here on, writes from another chat (another chat identity) to the same assistant. */
  switchTo(conversationId: string): this {
    return this.queue(() => {
      this.conversationId = conversationId;
      this.last = [];
      this.transcript.push(`--- chat ${conversationId} ---`);
    });
  }

  /** Presses the button of the last question whose label matches. */
  press(label: Pattern): this {
    return this.queue(() => {
      const choices = this.last.flatMap((m) => (m.type === 'choices' ? m.choices : []));
      const choice = choices.find((c) => matches(c.label, label));
      if (!choice) this.fail(`no button matching ${String(label)} among: ${choices.map((c) => c.label).join(' | ')}`);
      return this.sendNow({ type: 'choice', payload: choice.payload }, `[${choice.label}]`);
    });
  }

  private async sendNow(event: UserEvent, shown: string): Promise<void> {
    this.transcript.push(`> ${shown}`);
    const hints = { ...(this.lang ? { language: this.lang } : {}), ...(this.aadObjectId ? { aadObjectId: this.aadObjectId } : {}) };
    this.last = await this.assistant.runner({ channel: this.channel, id: this.conversationId }, event, hints);
    this.transcript.push(...this.last.map((m) => textOf(m).replace(/^/gm, '  ')));
  }

  /** Some message of the last reply matches. */
  expect(pattern: Pattern): this {
    return this.queue(() => {
      if (!this.last.some((m) => matches(textOf(m), pattern))) this.fail(`expected a reply matching ${String(pattern)}`);
    });
  }

  expectNot(pattern: Pattern): this {
    return this.queue(() => {
      if (this.last.some((m) => matches(textOf(m), pattern))) this.fail(`expected no reply matching ${String(pattern)}`);
    });
  }

  /** The last question offers exactly these buttons, in this order. */
  expectChoices(labels: Pattern[]): this {
    return this.queue(() => {
      const question = [...this.last].reverse().find((m) => m.type === 'choices');
      const shown = question?.type === 'choices' ? question.choices.map((c) => c.label) : [];
      const ok = shown.length === labels.length && labels.every((l, i) => matches(shown[i]!, l));
      if (!ok) this.fail(`expected choices ${labels.map(String).join(' | ')}, got ${shown.join(' | ') || 'none'}`);
    });
  }

  /** Runs a check (e.g. on the backend) at this point of the dialogue. */
  check(fn: (talk: Talk) => Promise<void> | void): this {
    return this.queue(() => fn(this));
  }

  backendDown(down: boolean): this {
    return this.queue(() => {
      this.proxy.down = down;
    });
  }

  /** The reference booking code in the last reply. */
  lastReference(prefix = 'WBC'): string | undefined {
    const all = this.last.map(textOf).join('\n');
    return new RegExp(`${prefix}-\\d{4}-\\d{6}`).exec(all)?.[0];
  }

  /** Awaiting a talk runs everything queued so far; it resolves to nothing, so it can't loop into itself. */
  then<A = undefined, B = never>(
    onfulfilled?: ((value: undefined) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    const done = this.chain.then(() => undefined);
    this.chain = Promise.resolve();
    return done.then(onfulfilled, onrejected);
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    await this.assistant.stop();
    await this.proxy.close();
    await this.backend.close();
  }
}

/** Starts a conversation; its first step sets up the assistant, so nothing needs awaiting before `say`. */
export function conversation(options: ConversationOptions = {}): Talk {
  return new Talk(options);
}

/** The session a store holds for a conversation, read without changing it (waits for any turn in progress). */
export async function peekSession(store: ConversationStore, key: string): Promise<Session | undefined> {
  const held = await store.begin({ conversation: key, user: key });
  if (held === 'duplicate') return undefined;
  await held.release();
  return held.session === undefined ? undefined : decodeSession(held.session, key);
}
