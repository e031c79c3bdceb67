// The contract's OpenAPI 3.1 document, generated from the same zod schemas the code validates with.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import * as c from '../src/welfare/contract.js';

type Method = 'get' | 'post' | 'patch';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: c.Problem } } });
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.string().meta({ description: 'Resource id' }) });
const idempotencyHeader = z.object({
  'Idempotency-Key': z.string().min(8).max(200).meta({ description: 'Unique per logical request; a retry reuses it.' }),
});

const BEARER = 'bearerAuth';

export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    description: 'The shared WELFARE_BACKEND_TOKEN. A backend started without one is open (local development only).',
  });
  const unauthorized = problem(`Missing or wrong bearer token (${c.ProblemType.unauthorized})`);
  const path = (method: Method, route: string, summary: string, spec: { responses: Record<number, unknown> } & Record<string, unknown>) =>
    registry.registerPath({
      method,
      path: `${c.API_PREFIX}${route}`,
      summary,
      ...spec,
      responses: { ...spec.responses, 401: unauthorized },
    });

  path('get', '/municipalities', 'The municipalities of the platform', {
    responses: { 200: json(c.MunicipalityList, 'The five municipalities') },
  });
  path('get', '/categories', 'Service themes', { responses: { 200: json(c.CategoryList, 'Categories') } });
  path('get', '/services', 'Find services (forgiving free-text search and filters)', {
    request: { query: c.ServiceQuery },
    responses: { 200: json(c.ServiceList, 'A page of services'), 400: problem('Invalid query') },
  });
  path('get', '/services/{id}', 'A service card', {
    request: { params: idParam },
    responses: { 200: json(c.Service, 'The service'), 404: problem('No such service') },
  });
  path('post', '/services/{id}/eligibility', 'Check eligibility with the answers given so far', {
    request: { params: idParam, body: { content: { 'application/json': { schema: c.EligibilityRequest } } } },
    responses: {
      200: json(c.EligibilityResult, 'Outcome, missing questions and per-criterion explanation'),
      400: problem('Malformed body'),
      404: problem('No such service'),
      422: problem('An answer has the wrong type or an unknown value'),
    },
  });
  path('get', '/services/{id}/slots', 'Bookable slots (no Sundays, public holidays or patron days)', {
    request: { params: idParam, query: c.SlotQuery },
    responses: { 200: json(c.SlotList, 'Slots in the range'), 400: problem('Invalid range'), 404: problem('No such service') },
  });
  path('post', '/bookings', 'Book a slot', {
    request: { headers: idempotencyHeader, body: { content: { 'application/json': { schema: c.BookingRequest } } } },
    responses: {
      201: json(c.Booking, 'Booked (a retry with the same key returns the same booking)'),
      400: problem('Malformed body or missing Idempotency-Key'),
      404: problem('No such service'),
      409: problem(
        'Slot full, already booked, key reused with another body, or the welfare payment refused: ' +
          `${c.ProblemType.insufficientCredit}, ${c.ProblemType.notCoveredByPlan}, ${c.ProblemType.accountExpired} (nothing is booked)`,
      ),
      422: problem(
        `Invalid fiscal code, not eligible, slot not bookable, or payment from an unknown welfare account (${c.ProblemType.unknownAccount})`,
      ),
    },
  });
  path('get', '/bookings', 'The bookings made from one chat identity (its owner key); a fiscal code alone never lists anything', {
    request: { query: c.BookingListQuery },
    responses: { 200: json(c.BookingList, 'Bookings, soonest first'), 400: problem('Missing or malformed ownerKey') },
  });
  path('get', '/bookings/lookup', 'A booking made from another chat: by its reference and the fiscal code it was made with', {
    request: { query: c.BookingLookupQuery },
    responses: {
      200: json(c.Booking, 'The booking'),
      400: problem('Missing reference or fiscal code'),
      404: problem('No booking has both this reference and this fiscal code'),
      422: problem('Invalid fiscal code'),
    },
  });
  path('post', '/bookings/{id}/feedback', "The resident's answer to the follow-up after the service (one per booking)", {
    request: { params: idParam, body: { content: { 'application/json': { schema: c.FeedbackRequest } } } },
    responses: {
      201: json(c.Feedback, 'Recorded'),
      400: problem('Malformed body, or a rating outside 1–5, or a comment over 500 characters'),
      404: problem('No such booking'),
      409: problem(`Feedback was already given for this booking (${c.ProblemType.feedbackExists}): after a lost answer, it means it was recorded`),
    },
  });
  path('get', '/bookings/{id}/feedback', "Back office: a booking's feedback", {
    request: { params: idParam },
    responses: { 200: json(c.Feedback, 'The feedback'), 404: problem('No such booking, or no feedback yet') },
  });
  path('post', '/bookings/{id}/cancel', 'Cancel a booking (idempotent); frees the seat and refunds welfare credit once', {
    request: { params: idParam },
    responses: { 200: json(c.Booking, 'The cancelled booking'), 404: problem('No such booking') },
  });
  path('post', '/voucher-applications', 'Apply for grocery vouchers (buoni spesa)', {
    request: { headers: idempotencyHeader, body: { content: { 'application/json': { schema: c.VoucherApplicationRequest } } } },
    responses: {
      201: json(c.VoucherApplication, 'Submitted'),
      400: problem('Malformed body or missing Idempotency-Key'),
      409: problem(
        `Key reused with another body, or the household (applicant fiscal code) already has an application being examined ` +
          `(${c.ProblemType.voucherPending}; pendingReference names it)`,
      ),
      422: problem('Invalid fiscal code or municipality'),
    },
  });
  path('get', '/voucher-applications/changes', 'Status-change events in order, for a receiver that missed webhooks', {
    request: { query: c.VoucherChangesQuery },
    responses: { 200: json(c.VoucherChangeFeed, 'The next events and the cursor to continue from'), 400: problem('Malformed cursor or limit') },
  });
  path('get', '/voucher-applications/lookup', 'An application read in any later conversation: its code and the applicant fiscal code', {
    request: { query: c.VoucherLookupQuery },
    responses: {
      200: json(c.VoucherApplication, 'The application'),
      400: problem('Missing code or fiscal code'),
      404: problem('No application has both this code and this fiscal code'),
      422: problem('Invalid fiscal code'),
    },
  });
  path('get', '/voucher-applications/{id}', "An application's status", {
    request: { params: idParam },
    responses: { 200: json(c.VoucherApplication, 'The application'), 404: problem('No such application') },
  });
  path('patch', '/voucher-applications/{id}', 'Back office: decide on an application', {
    request: { params: idParam, body: { content: { 'application/json': { schema: c.VoucherStatusUpdate } } } },
    responses: {
      200: json(c.VoucherApplication, 'The updated application'),
      404: problem('No such application'),
      409: problem('Status change not allowed'),
    },
  });

  registry.registerWebhook({
    method: 'post',
    path: 'voucherApplicationStatusChanged',
    summary: 'A voucher application changed status',
    description:
      'POSTed to each configured subscriber after every status change, in the background; retried with backoff on network errors, 408, 429 and 5xx. ' +
      `The ${c.SIGNATURE_HEADER} header is \`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the shared secret>\` ` +
      '(several v1 entries while a secret is rotated). Receivers compute it over the raw body, compare in constant time, refuse a t more than ' +
      '5 minutes away from their clock, and drop repeats by event id. Missed events can be read from GET /v1/voucher-applications/changes.',
    request: {
      headers: z.object({
        [c.SIGNATURE_HEADER]: z
          .string()
          .regex(/^t=\d+(,v1=[0-9a-f]{64})+$/)
          .meta({ description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">' }),
      }),
      body: { content: { 'application/json': { schema: c.VoucherStatusChangedEvent } } },
    },
    responses: {
      200: { description: 'Received (also for a repeated event id); any 2xx will do' },
      401: { description: 'Missing, malformed, expired or wrong signature: not retried' },
      500: { description: 'The receiver could not handle it now: retried' },
    },
  });

  path('get', '/welfare-accounts', 'The welfare accounts an employer linked to a Microsoft Teams user', {
    request: { query: c.WelfareAccountQuery },
    responses: { 200: json(c.WelfareAccountList, 'The linked accounts, possibly none'), 400: problem('Missing or malformed aadObjectId') },
  });
  path('get', '/welfare-accounts/{accountId}', 'A corporate welfare account: plan, what it covers, credit left', {
    request: { params: z.object({ accountId: z.string().meta({ description: 'The account code, e.g. WA-ACME-0001' }) }) },
    responses: { 200: json(c.WelfareAccount, 'The account'), 404: problem('No such account') },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Welfare Bene Comune backend',
      version: '1.0.0',
      description: 'The HTTP contract between Sportello and the welfare backend. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
    security: [{ [BEARER]: [] }],
  });
}
