// Follow-up answers of the reference backend: one feedback per booking, and reading it back for the back office.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { FeedbackRequest, ProblemType, type Feedback } from '../../src/welfare/contract.js';
import { isoAt, type BackendContext } from '../context.js';
import { parseOr400, problem } from '../problem.js';

export function feedbackRoutes(ctx: BackendContext): Router {
  const router = Router();

  router.post('/bookings/:id/feedback', (req, res) => {
    const request = parseOr400(FeedbackRequest, req.body);
    const booking = ctx.ledger.findBooking(req.params.id);
    if (!booking) throw problem(ProblemType.notFound, 404, 'There is no such booking.');
    const feedback: Feedback = {
      id: randomUUID(),
      bookingId: booking.booking.id,
      rating: request.rating,
      ...(request.comment ? { comment: request.comment } : {}),
      createdAt: isoAt(ctx.now()),
    };
    // no Idempotency-Key: one per booking already makes a repeat harmless, and the 409 says it was recorded
    if (!ctx.ledger.addFeedback(feedback)) {
      throw problem(ProblemType.feedbackExists, 409, 'This booking already has its feedback.');
    }
    res.status(201).json(feedback);
  });

  router.get('/bookings/:id/feedback', (req, res) => {
    if (!ctx.ledger.findBooking(req.params.id)) throw problem(ProblemType.notFound, 404, 'There is no such booking.');
    const feedback = ctx.ledger.feedbackFor(req.params.id);
    if (!feedback) throw problem(ProblemType.notFound, 404, 'This booking has no feedback yet.');
    res.json(feedback);
  });

  return router;
}
