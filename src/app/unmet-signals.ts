// What a turn signals about unmet needs, to the metrics and the unmet-needs store: counts by language, step and
// reason; of a search with no result only its scrubbed words. The resident's words are not logged here either.
import type { TurnSignal } from '../conversation/context.js';
import type { Metrics } from '../http/metrics.js';
import { scrubSearch } from '../unmet/scrub.js';
import type { UnmetNeeds } from '../unmet/store.js';

export function unmetSignals(deps: { metrics: Metrics; unmet: UnmetNeeds }) {
  return async (signals: TurnSignal[], at: { lang: string }): Promise<void> => {
    const { lang } = at;
    for (const signal of signals) {
      switch (signal.type) {
        case 'search_unmatched': {
          deps.metrics.unmetSearches.inc({ lang });
          const terms = scrubSearch(signal.query);
          if (terms) await deps.unmet.record(lang, terms);
          break;
        }
        case 'not_understood':
          deps.metrics.misunderstandings.inc({ lang, step: signal.step, reason: signal.reason });
          break;
        case 'escalated':
          deps.metrics.escalations.inc({ lang, step: signal.step, reason: signal.reason });
          break;
      }
    }
  };
}
