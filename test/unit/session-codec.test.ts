// Stored documents: the compact v2 session format round-trips, v1 documents migrate, unreadable ones are refused; profiles learn.
import { describe, expect, it } from 'vitest';
import { newSession } from '../../src/conversation/session.js';
import { decodeSession, encodeSession, migrations } from '../../src/conversation/session-codec.js';
import { learnFrom, newProfile, readProfile } from '../../src/conversation/profile.js';

const session = () => {
  const s = newSession('telegram:1', 'it', '2026-03-02T08:00:00.000Z');
  s.position = { flow: 'booking', step: 'slot' };
  s.history = [
    { flow: 'main', step: 'menu' },
    { flow: 'booking', step: 'card' },
  ];
  s.resume = [{ flow: 'booking', step: 'eligibility' }];
  s.data.answers = { residence: 'limena', child_age: 9 };
  return s;
};

describe('session codec', () => {
  it('round-trips a session through the stored v2 format, without its key', () => {
    const encoded = encodeSession(session()) as Record<string, unknown>;
    expect(encoded).toMatchObject({ v: 2, position: 'booking.slot', history: ['main.menu', 'booking.card'], resume: ['booking.eligibility'] });
    expect(encoded).not.toHaveProperty('key');
    expect(decodeSession(JSON.parse(JSON.stringify(encoded)), 'telegram:1')).toEqual(session());
  });

  it('migrates a v1 document', () => {
    const v1 = { ...session(), v: 1 };
    expect(decodeSession(JSON.parse(JSON.stringify(v1)), 'telegram:1')).toEqual(session());
    expect(Object.keys(migrations)).toEqual(['1']);
  });

  it('is smaller than v1 for the same conversation', () => {
    const v1 = JSON.stringify({ ...session(), v: 1 });
    expect(JSON.stringify(encodeSession(session())).length).toBeLessThan(v1.length);
  });

  it.each([
    ['a document from a future version', { ...(encodeSession(session()) as object), v: 3 }],
    ['a version with no migration', { v: 0 }],
    ['not an object', 'garbage'],
    ['a v2 document missing fields', { v: 2, position: 'main.menu' }],
    ['a position that is not flow.step', { ...(encodeSession(session()) as object), position: 'menu' }],
  ])('refuses %s', (_name, raw) => {
    expect(decodeSession(raw, 'telegram:1')).toBeUndefined();
  });
});

describe('consents', () => {
  it('drop the single consent of older sessions and profiles: it named no purpose, so it counts for none', () => {
    const stored = encodeSession(session()) as Record<string, unknown>;
    const old = {
      ...stored,
      data: { ...(stored['data'] as object), consent: { personal: '2026-03-01T10:00:00.000Z', sensitive: '2026-03-01T10:01:00.000Z' } },
    };
    expect(decodeSession(JSON.parse(JSON.stringify(old)), 'telegram:1')?.data.consent).toEqual({});
    const profile = { ...newProfile('2026-03-01T00:00:00.000Z'), consent: { personal: '2026-03-01T10:00:00.000Z', 'sensitive:isee_band': 'x' } };
    expect(readProfile(JSON.parse(JSON.stringify(profile)))?.consent).toEqual({ 'sensitive:isee_band': 'x' });
  });
});

describe('profile', () => {
  it('learns the language, the municipality and consents, and keeps its date when nothing changed', () => {
    const before = newProfile('2026-03-01T00:00:00.000Z');
    const s = session();
    s.lang = 'en';
    s.data.consent.booking = '2026-03-02T08:01:00.000Z';
    const after = learnFrom(before, s, '2026-03-02T08:02:00.000Z');
    expect(after).toMatchObject({
      lang: 'en',
      municipality: 'limena',
      consent: { booking: '2026-03-02T08:01:00.000Z' },
      updatedAt: '2026-03-02T08:02:00.000Z',
    });
    expect(learnFrom(after, s, '2026-03-03T00:00:00.000Z')).toBe(after);
    expect(readProfile(JSON.parse(JSON.stringify(after)))).toEqual(after);
    expect(readProfile({ v: 9 })).toBeUndefined();
  });
});
