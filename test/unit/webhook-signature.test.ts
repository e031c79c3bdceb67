// verifySignature against the backend's signer: a pure function of raw body, header, secret and clock.
import { describe, expect, it } from 'vitest';
import { signatureHeader } from '../../backend/webhooks.js';
import { memorySeenEvents, verifySignature } from '../../src/proactive/webhook.js';

const SECRET = 'whsec-test-0123456789';
const NOW = 1_772_440_000;
const body = '{"id":"e1","type":"voucher_application.status_changed"}';

describe('verifySignature', () => {
  it('accepts what the backend signs, from a string or a Buffer', () => {
    const header = signatureHeader(body, SECRET, NOW);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(body, header, SECRET, NOW)).toEqual({ ok: true });
    expect(verifySignature(Buffer.from(body), header, SECRET, NOW + 299)).toEqual({ ok: true });
  });

  it('says the header is missing when it is absent or blank', () => {
    expect(verifySignature(body, undefined, SECRET, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignature(body, '  ', SECRET, NOW)).toEqual({ ok: false, reason: 'missing' });
  });

  it.each([
    ['no timestamp', `v1=${'a'.repeat(64)}`],
    ['no v1', `t=${NOW}`],
    ['only an unknown scheme', `t=${NOW},v0=${'a'.repeat(64)}`],
    ['a timestamp that is not a number', `t=soon,v1=${'a'.repeat(64)}`],
    ['two timestamps', `t=${NOW},t=${NOW},v1=${'a'.repeat(64)}`],
    ['a v1 that is not hex SHA-256', `t=${NOW},v1=abc`],
    ['a part without =', `t=${NOW},v1`],
  ])('calls a header with %s malformed', (_, header) => {
    expect(verifySignature(body, header, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses another secret, another body or another timestamp as a mismatch', () => {
    expect(verifySignature(body, signatureHeader(body, 'another-secret', NOW), SECRET, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(`${body} `, signatureHeader(body, SECRET, NOW), SECRET, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    const replayedWithNewTime = signatureHeader(body, SECRET, NOW - 600).replace(`t=${NOW - 600}`, `t=${NOW}`);
    expect(verifySignature(body, replayedWithNewTime, SECRET, NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a genuine signature more than the tolerance away, in the past or the future', () => {
    expect(verifySignature(body, signatureHeader(body, SECRET, NOW - 301), SECRET, NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(verifySignature(body, signatureHeader(body, SECRET, NOW + 301), SECRET, NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(verifySignature(body, signatureHeader(body, SECRET, NOW - 300), SECRET, NOW)).toEqual({ ok: true });
    expect(verifySignature(body, signatureHeader(body, SECRET, NOW - 30), SECRET, NOW, 10)).toEqual({ ok: false, reason: 'expired' });
  });

  it('lets either side rotate: any v1 may match any secret', () => {
    const both = signatureHeader(body, ['old-secret', 'new-secret'], NOW);
    expect(both.split(',')).toHaveLength(3);
    expect(verifySignature(body, both, 'new-secret', NOW)).toEqual({ ok: true });
    expect(verifySignature(body, both, 'old-secret', NOW)).toEqual({ ok: true });
    expect(verifySignature(body, signatureHeader(body, 'old-secret', NOW), ['new-secret', 'old-secret'], NOW)).toEqual({ ok: true });
    expect(verifySignature(body, both, 'other-secret', NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('ignores spaces around parts and unknown schemes next to a v1', () => {
    const header = signatureHeader(body, SECRET, NOW).replace(',', ' , v0=zzz, ');
    expect(verifySignature(body, header, SECRET, NOW)).toEqual({ ok: true });
  });
});

describe('memorySeenEvents', () => {
  it('remembers an id for the TTL, then forgets it', async () => {
    const clock = { ms: 0 };
    const seen = memorySeenEvents(1000, () => clock.ms);
    expect(await seen.has('e1')).toBe(false);
    await seen.add('e1');
    clock.ms = 999;
    expect(await seen.has('e1')).toBe(true);
    clock.ms = 1000;
    expect(await seen.has('e1')).toBe(false);
  });
});
