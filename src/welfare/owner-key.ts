// The owner key of a chat identity: an HMAC of "channel:user" with the assistant's secret; never the raw id, no I/O.
import { createHmac } from 'node:crypto';

/** Stands in for OWNER_KEY_SECRET only with the embedded reference backend, and says so at start. */
export const DEVELOPMENT_OWNER_KEY_SECRET = 'sportello-development-owner-key-secret-not-for-production';

/** 43 base64url characters; the same identity and secret always give the same key. */
export function ownerKeyOf(secret: string, identity: string): string {
  return createHmac('sha256', secret).update(identity).digest('base64url');
}
