// The outbound queue on a virtual clock: per-chat and overall rates, FIFO per chat, 429 waited out, 403 stops a chat.
import { Writable } from 'node:stream';
import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { createPacer, type PacerOptions, type SendOutcome } from '../../src/channels/telegram/pacer.js';
import { hashId } from '../../src/conversation/turn.js';
import { createLogger } from '../../src/log.js';

/** Time moves only when every pending promise has settled: then the earliest sleeper wakes. */
function virtualClock() {
  let t = 0;
  let seq = 0;
  const sleepers: { at: number; seq: number; wake: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const abort = () => {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          reject(new DOMException('aborted', 'AbortError'));
        };
        const sleeper = {
          at: t + ms,
          seq: seq++,
          wake: () => {
            signal.removeEventListener('abort', abort);
            resolve();
          },
        };
        sleepers.push(sleeper);
        signal.addEventListener('abort', abort);
      }),
    /** Runs the simulation until nobody sleeps any more. */
    async run() {
      for (;;) {
        await settle();
        if (sleepers.length === 0) return;
        sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = sleepers.shift()!;
        t = Math.max(t, next.at);
        next.wake();
      }
    },
  };
}

function setUp(options: Partial<PacerOptions> = {}) {
  const clock = virtualClock();
  const lines: string[] = [];
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  const pacer = createPacer({ log, now: clock.now, sleep: clock.sleep, ...options });
  const sent: { chat: string; text: string; at: number }[] = [];
  /** A call that records when it reached "Telegram", failing first with the given errors. */
  const message = (chat: string, text: string, ...failures: Error[]) =>
    pacer.send(chat, async () => {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push({ chat, text, at: clock.now() });
    });
  return { clock, pacer, sent, message, lines };
}

const apiError = (code: number, description: string, retryAfter?: number) =>
  new TelegramError(
    { error_code: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) },
    { method: 'sendMessage', payload: { chat_id: 1, text: 'Maria Bianchi, codice BNCMRA80T43G224A' } },
  );

describe('telegram pacer', () => {
  it('lets a chat send a short burst, then one message a second, in order', async () => {
    const { clock, sent, message } = setUp();
    const outcomes = Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((t) => message('1', t)));
    await clock.run();
    expect(await outcomes).toEqual(Array(6).fill('sent'));
    expect(sent.map((s) => [s.text, s.at])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
      ['d', 1000],
      ['e', 2000],
      ['f', 3000],
    ]);
  });

  it('keeps to one a second with no burst, and refills while a chat is quiet', async () => {
    const { clock, sent, message } = setUp({ perChatBurst: 1 });
    void message('1', 'a');
    void message('1', 'b');
    await clock.run();
    expect(sent.map((s) => s.at)).toEqual([0, 1000]);
    void clock.sleep(5000, new AbortController().signal);
    await clock.run();
    void message('1', 'c');
    await clock.run();
    expect(sent.at(-1)!.at).toBe(6000);
  });

  it('sends at most 30 a second over all chats, and chats do not wait for each other', async () => {
    const { clock, sent, message } = setUp();
    for (let chat = 0; chat < 40; chat++) void message(String(chat), `to ${chat}`);
    void message('0', 'second to 0');
    await clock.run();
    const times = sent.map((s) => s.at);
    expect(times.filter((t) => t === 0)).toHaveLength(30);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(30);
    expect(sent.filter((s) => s.chat === '0').map((s) => s.text)).toEqual(['to 0', 'second to 0']);
    expect(Math.max(...times)).toBe(1000);
  });

  it('waits out a 429 and sends the same message again, losing and reordering nothing', async () => {
    const { clock, sent, message, lines } = setUp();
    const outcomes = Promise.all([
      message('7', 'one'),
      message('7', 'two', apiError(429, 'Too Many Requests: retry after 2', 2)),
      message('7', 'three'),
      message('7', 'four'),
    ]);
    await clock.run();
    expect(await outcomes).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(sent.map((s) => [s.text, s.at])).toEqual([
      ['one', 0],
      ['two', 2000],
      ['three', 3000],
      ['four', 4000],
    ]);
    expect(lines.join('')).toContain('"code":"telegram_429"');
  });

  it('waits out a 429 however many times it comes', async () => {
    const { clock, sent, message } = setUp();
    const outcome = message(
      '7',
      'patient',
      apiError(429, 'retry', 1),
      apiError(429, 'retry', 1),
      apiError(429, 'retry', 1),
      apiError(429, 'retry', 1),
    );
    await clock.run();
    expect(await outcome).toBe('sent');
    expect(sent).toEqual([{ chat: '7', text: 'patient', at: 4000 }]);
  });

  it('stops sending to a chat that blocked the bot, logs its hash and never the text, and goes on with others', async () => {
    const { clock, sent, message, lines, pacer } = setUp();
    const outcomes = Promise.all([
      message('9', 'first'),
      message('9', 'second', apiError(403, 'Forbidden: bot was blocked by the user')),
      message('9', 'third'),
      message('8', 'other chat'),
    ]);
    await clock.run();
    expect(await outcomes).toEqual(['sent', 'blocked', 'blocked', 'sent']);
    expect(sent.map((s) => s.text)).toEqual(['first', 'other chat']);
    expect(pacer.isBlocked('9')).toBe(true);
    expect(await message('9', 'later')).toBe('blocked');

    const log = lines.join('');
    expect(log).toContain(`"conv":"${hashId('telegram:9')}"`);
    expect(log).toContain('"reason":"blocked_by_user"');
    expect(log).not.toMatch(/Maria|BNCMRA|first|second|third/);
    expect(log).not.toContain('"9"');
  });

  it('sends again once a blocked chat is unblocked (the resident wrote again)', async () => {
    const { clock, sent, message, pacer } = setUp();
    void message('9', 'refused', apiError(403, 'Forbidden: bot was blocked by the user'));
    await clock.run();
    pacer.unblock('9');
    void message('9', 'welcome back');
    await clock.run();
    expect(sent.map((s) => s.text)).toEqual(['welcome back']);
  });

  it('retries a 5xx or a network error a few times, gives up on a 400 at once, and the queue moves on', async () => {
    const { clock, sent, message, lines } = setUp();
    const network = Object.assign(new Error('socket hang up'), { name: 'FetchError', code: 'ECONNRESET' });
    const outcomes = Promise.all([
      message('3', 'after a 502', apiError(502, 'Bad Gateway')),
      message('3', 'after a reset', network),
      message('3', 'refused', apiError(400, 'Bad Request: can’t parse entities')),
      message('3', 'never', apiError(500, 'x'), apiError(500, 'x'), apiError(500, 'x')),
      message('3', 'last'),
    ]);
    await clock.run();
    expect(await outcomes).toEqual(['sent', 'sent', 'failed', 'failed', 'sent']);
    expect(sent.map((s) => s.text)).toEqual(['after a 502', 'after a reset', 'last']);
    expect(lines.join('')).toContain('"code":"telegram_400"');
  });

  it('drains: resolves once everything queued is done', async () => {
    const { clock, pacer, sent, message } = setUp();
    for (const t of ['a', 'b', 'c', 'd']) void message('1', t);
    let drained = false;
    const draining = pacer.drain().then(() => {
      drained = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    await clock.run();
    await draining;
    expect(sent).toHaveLength(4);
  });

  it('drops what still waits when closed', async () => {
    const { clock, pacer, sent, message } = setUp({ perChatBurst: 1 });
    const outcomes: Promise<SendOutcome>[] = ['a', 'b', 'c'].map((t) => message('1', t));
    await new Promise((resolve) => setImmediate(resolve));
    pacer.close();
    await clock.run();
    expect(await Promise.all(outcomes)).toEqual(['sent', 'dropped', 'dropped']);
    expect(sent.map((s) => s.text)).toEqual(['a']);
    expect(await message('2', 'after close')).toBe('dropped');
  });
});
