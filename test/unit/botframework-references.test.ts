// Conversation references (trimmed, saved only when they change or age) and how refused tokens are answered.
import { describe, expect, it } from 'vitest';
import { refusalCode, refusalStatus } from '../../src/channels/botframework/auth.js';
import { createReferenceKeeper, ReferenceMissingError, trimReference, type ReferenceStore } from '../../src/channels/botframework/references.js';

const teamsReference = {
  activityId: '1772442000000',
  user: { id: '29:1abc', name: 'Maria Bianchi', aadObjectId: '8d7c6b5a-0000-4000-8000-000000000001' },
  bot: { id: '28:bot', name: 'Sportello' },
  conversation: { id: 'a:1xyz', name: 'chat', conversationType: 'personal', tenantId: 'tenant', isGroup: false },
  channelId: 'msteams',
  locale: 'it-IT',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
};

function memoryReferences() {
  const saved = new Map<string, unknown>();
  let writes = 0;
  const store: ReferenceStore = {
    async saveReference(key, ref) {
      writes += 1;
      saved.set(key, JSON.parse(JSON.stringify(ref)));
    },
    async reference(key) {
      return saved.get(key);
    },
  };
  return { store, saved, writes: () => writes };
}

describe('trimReference', () => {
  it('keeps what a proactive message needs, without the activity id and display names', () => {
    expect(trimReference(teamsReference)).toEqual({
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      locale: 'it-IT',
      conversation: { id: 'a:1xyz', conversationType: 'personal', isGroup: false, tenantId: 'tenant' },
      bot: { id: '28:bot', name: 'Sportello' },
      user: { id: '29:1abc', aadObjectId: '8d7c6b5a-0000-4000-8000-000000000001' },
    });
    expect(trimReference({ ...teamsReference, serviceUrl: undefined })).toBeUndefined();
  });
});

describe('reference keeper', () => {
  it('writes a reference once while it stays the same, again when it changes or has aged', async () => {
    const refs = memoryReferences();
    let now = 0;
    const keeper = createReferenceKeeper({ store: refs.store, refreshMs: 1000, now: () => now });
    const ref = trimReference(teamsReference)!;
    await keeper.remember('botframework:a', ref);
    await keeper.remember('botframework:a', ref);
    expect(refs.writes()).toBe(1);
    await keeper.remember('botframework:a', { ...ref, locale: 'en-GB' });
    expect(refs.writes()).toBe(2);
    now = 1000;
    await keeper.remember('botframework:a', { ...ref, locale: 'en-GB' });
    expect(refs.writes()).toBe(3);
    expect(await keeper.load('botframework:a')).toEqual({ ...ref, locale: 'en-GB' });
  });

  it('forgets the oldest conversation past its size, which is then simply written again', async () => {
    const refs = memoryReferences();
    const keeper = createReferenceKeeper({ store: refs.store, maxEntries: 2 });
    const ref = trimReference(teamsReference)!;
    for (const key of ['a', 'b', 'c', 'a']) await keeper.remember(key, ref);
    expect(refs.writes()).toBe(4);
  });

  it('refuses to deliver without a stored reference, or with one that cannot be read', async () => {
    const refs = memoryReferences();
    const keeper = createReferenceKeeper({ store: refs.store });
    await expect(keeper.load('botframework:none')).rejects.toThrow(ReferenceMissingError);
    refs.saved.set('botframework:broken', { channelId: 'msteams' });
    await expect(keeper.load('botframework:broken')).rejects.toThrow(/must write to the bot again/);
  });
});

describe('refused tokens', () => {
  it('answers 401 for any token that does not verify, 503 when the keys cannot be fetched', () => {
    const auth = (message: string, statusCode: number) => Object.assign(new Error(message), { statusCode });
    const jwt = (name: string, message: string) => Object.assign(new Error(message), { name });
    expect(refusalStatus(auth('Unauthorized Access. Request is not authorized', 401))).toBe(401);
    // jsonwebtoken's own error: CloudAdapter.process would answer it with 500.
    expect(refusalStatus(jwt('JsonWebTokenError', 'invalid signature'))).toBe(401);
    expect(refusalCode(jwt('JsonWebTokenError', 'invalid signature'))).toBe('botframework_token_invalid');
    expect(refusalCode(auth('The token has expired', 401))).toBe('botframework_token_expired');
    expect(refusalStatus(auth('Failed to load openID config: 500', 500))).toBe(503);
    expect(refusalStatus(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(503);
    expect(refusalCode(Object.assign(new Error('request failed'), { name: 'FetchError' }))).toBe('botframework_keys_unavailable');
  });
});
