// Prometheus metrics of the assistant (prom-client): turns, their latency, backend calls; one registry per process.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  turns: Counter<'channel' | 'outcome'>;
  turnSeconds: Histogram<'channel'>;
  backendCalls: Counter<'endpoint' | 'outcome'>;
  backendSeconds: Histogram<'endpoint'>;
  /** Escalations to staff: tickets opened, relayed messages, staff replies, ratings. */
  handoff: Counter<'event'>;
  handoffRatings: Counter<'rating'>;
  /** Messages Sportello writes first: jobs scheduled, sent, failed, skipped (quiet hours, opted out, weekly cap). */
  proactive: Counter<'event' | 'reason'>;
  /** What residents needed and did not get, never their words: searches with no result, misunderstandings, escalations. */
  unmetSearches: Counter<'lang'>;
  misunderstandings: Counter<'lang' | 'step' | 'reason'>;
  escalations: Counter<'lang' | 'step' | 'reason'>;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry, prefix: 'sportello_' });
  return {
    registry,
    handoff: new Counter({
      name: 'sportello_handoff_events_total',
      help: 'Escalations to staff, by event (ticket_live, ticket_callback, relayed, staff_reply, taken, closed, left, reannounced, failed)',
      labelNames: ['event'],
      registers: [registry],
    }),
    proactive: new Counter({
      name: 'sportello_proactive_jobs_total',
      help: 'Proactive messages: scheduled, sent, failed and skipped, by kind or reason',
      labelNames: ['event', 'reason'],
      registers: [registry],
    }),
    unmetSearches: new Counter({
      name: 'sportello_unmet_searches_total',
      help: "Searches in residents' own words that found no service, by language",
      labelNames: ['lang'],
      registers: [registry],
    }),
    misunderstandings: new Counter({
      name: 'sportello_misunderstandings_total',
      help: 'Answers a step could not read, by language, step (flow.step) and what was sent (text, choice, attachment…)',
      labelNames: ['lang', 'step', 'reason'],
      registers: [registry],
    }),
    escalations: new Counter({
      name: 'sportello_escalations_total',
      help: 'Residents handed towards a person (staff desk or office contacts), by language, step they were at and reason',
      labelNames: ['lang', 'step', 'reason'],
      registers: [registry],
    }),
    handoffRatings: new Counter({
      name: 'sportello_handoff_ratings_total',
      help: 'Answers to "was this helpful?" after staff closed, 1 to 5',
      labelNames: ['rating'],
      registers: [registry],
    }),
    turns: new Counter({
      name: 'sportello_turns_total',
      help: 'Turns handled, by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    turnSeconds: new Histogram({
      name: 'sportello_turn_duration_seconds',
      help: 'Time to handle one turn, store included',
      labelNames: ['channel'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    backendCalls: new Counter({
      name: 'sportello_backend_calls_total',
      help: 'Calls to the welfare backend, by endpoint and outcome',
      labelNames: ['endpoint', 'outcome'],
      registers: [registry],
    }),
    backendSeconds: new Histogram({
      name: 'sportello_backend_call_duration_seconds',
      help: 'Time of one call to the welfare backend, retries included',
      labelNames: ['endpoint'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
