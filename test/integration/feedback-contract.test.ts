// Follow-up answers through the typed client: one feedback per booking, refusals as typed errors, read back by the back office.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Feedback, Problem, ProblemType, type Booking, type FeedbackRequest } from '../../src/welfare/contract.js';
import { BackendConflictError, BackendNotFoundError, BackendRejectedError } from '../../src/welfare/errors.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { resident } from '../support/people.js';

let backend: TestBackend;
let nextPerson = 800;
beforeAll(async () => {
  backend = await referenceBackend({ now: '2026-03-02T09:00:00' });
});
afterAll(() => backend.close());

async function book(): Promise<Booking> {
  const slots = await backend.client.listSlots('doposcuola-online', { from: '2026-03-09', to: '2026-03-31' });
  const slot = slots.find((s) => s.available > 0);
  if (!slot) throw new Error('the seed should offer doposcuola-online slots in March');
  const n = nextPerson++;
  return backend.client.createBooking(
    {
      serviceId: 'doposcuola-online',
      slotId: slot.id,
      person: resident(n),
      answers: { residence: 'limena', child_age: 9, school_order: 'primaria' },
      channel: 'telegram',
      locale: 'it',
    },
    `key-feedback-${n}`,
  );
}

const readBack = (bookingId: string) => fetch(`${backend.url}/v1/bookings/${encodeURIComponent(bookingId)}/feedback`);
const answer: FeedbackRequest = { rating: 4, comment: '  Molto utile, grazie  ', channel: 'telegram', locale: 'it' };

describe('feedback after a service', () => {
  it('records the answer once and gives it back to the back office', async () => {
    const booking = await book();
    const feedback = await backend.client.giveFeedback(booking.id, answer);
    expect(feedback).toEqual({
      id: expect.any(String),
      bookingId: booking.id,
      rating: 4,
      comment: 'Molto utile, grazie',
      createdAt: '2026-03-02T08:00:00Z',
    });

    const res = await readBack(booking.id);
    expect(res.status).toBe(200);
    expect(Feedback.parse(await res.json())).toEqual(feedback);
  });

  it('refuses a second answer for the same booking with 409 feedbackExists, and keeps the first', async () => {
    const booking = await book();
    const first = await backend.client.giveFeedback(booking.id, { rating: 5, channel: 'botframework', locale: 'en' });
    expect(first).not.toHaveProperty('comment');
    const second = backend.client.giveFeedback(booking.id, { rating: 1, comment: 'changed my mind', channel: 'botframework', locale: 'en' });
    await expect(second).rejects.toBeInstanceOf(BackendConflictError);
    await expect(second).rejects.toMatchObject({ problemType: ProblemType.feedbackExists });
    expect(Feedback.parse(await (await readBack(booking.id)).json())).toEqual(first);
  });

  it('counts an empty comment as none', async () => {
    const booking = await book();
    expect(await backend.client.giveFeedback(booking.id, { ...answer, comment: '   ' })).not.toHaveProperty('comment');
  });

  it('answers 404 for a booking it does not know, both ways', async () => {
    await expect(backend.client.giveFeedback('no-such-booking', answer)).rejects.toBeInstanceOf(BackendNotFoundError);
    const res = await readBack('no-such-booking');
    expect(res.status).toBe(404);
    expect(Problem.parse(await res.json()).type).toBe(ProblemType.notFound);
  });

  it('answers 404 while a known booking has no feedback yet', async () => {
    const booking = await book();
    const res = await readBack(booking.id);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it.each([
    ['a rating of 0', { rating: 0 }, 'rating'],
    ['a rating of 6', { rating: 6 }, 'rating'],
    ['a rating of 3.5', { rating: 3.5 }, 'rating'],
    ['a comment over 500 characters', { comment: 'a'.repeat(501) }, 'comment'],
    ['an unknown channel', { channel: 'fax' }, 'channel'],
  ])('refuses %s with a validation problem naming the field', async (_, change, path) => {
    const booking = await book();
    const bad = { ...answer, ...change } as FeedbackRequest;
    const refusal = backend.client.giveFeedback(booking.id, bad);
    await expect(refusal).rejects.toBeInstanceOf(BackendRejectedError);
    await expect(refusal).rejects.toMatchObject({
      status: 400,
      problemType: ProblemType.validation,
      fieldErrors: [expect.objectContaining({ path })],
    });
    expect((await readBack(booking.id)).status).toBe(404); // nothing was recorded
  });
});
