// The published OpenAPI document is valid OpenAPI 3.1, lists every endpoint and matches what the backend serves.
import { readFileSync } from 'node:fs';
import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../backend/openapi.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';

const ENDPOINTS = [
  'get /v1/municipalities',
  'get /v1/categories',
  'get /v1/services',
  'get /v1/services/{id}',
  'post /v1/services/{id}/eligibility',
  'get /v1/services/{id}/slots',
  'post /v1/bookings',
  'get /v1/bookings',
  'get /v1/bookings/lookup',
  'post /v1/bookings/{id}/cancel',
  'post /v1/bookings/{id}/feedback',
  'get /v1/bookings/{id}/feedback',
  'post /v1/voucher-applications',
  'get /v1/voucher-applications/changes',
  'get /v1/voucher-applications/lookup',
  'get /v1/voucher-applications/{id}',
  'patch /v1/voucher-applications/{id}',
  'get /v1/welfare-accounts',
  'get /v1/welfare-accounts/{accountId}',
];

let backend: TestBackend;
beforeAll(async () => {
  backend = await referenceBackend();
});
afterAll(() => backend.close());

describe('OpenAPI document', () => {
  it('is served at /openapi.json and validates as OpenAPI 3.1', async () => {
    const served = (await (await fetch(`${backend.url}/openapi.json`)).json()) as { openapi: string };
    expect(served.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(served) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('lists every endpoint of the contract', () => {
    const doc = buildOpenApiDocument();
    const listed = Object.entries(doc.paths ?? {}).flatMap(([path, item]) => Object.keys(item as object).map((method) => `${method} ${path}`));
    expect(listed.sort()).toEqual([...ENDPOINTS].sort());
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(
      expect.arrayContaining([
        'Service',
        'EligibilityResult',
        'Booking',
        'Problem',
        'WelfareAccount',
        'WelfareAccountList',
        'Payment',
        'BookingPayment',
        'Feedback',
        'FeedbackRequest',
        'VoucherStatusChangedEvent',
        'VoucherChangeFeed',
      ]),
    );
  });

  it('documents the signed voucher status webhook', () => {
    const doc = buildOpenApiDocument();
    const hook = (doc.webhooks ?? {})['voucherApplicationStatusChanged']?.post;
    expect(hook?.description).toMatch(/Sportello-Signature/);
    expect(JSON.stringify(hook?.requestBody)).toContain('#/components/schemas/VoucherStatusChangedEvent');
    expect(hook?.parameters).toEqual([expect.objectContaining({ in: 'header', name: 'Sportello-Signature', required: true })]);
  });

  it('is published in docs/openapi.json, up to date (regenerate with npm run openapi)', () => {
    const published = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });
});
