// A resident searches in their own words and nothing is found: the municipalities learn the words of the need, never
// anything of the person, and the counters say it happened; the resident hears nothing of this.
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, type Talk } from '../support/conversation.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

const words = {
  it: {
    hello: 'ciao',
    search: 'Maglioni di lana',
    kept: 'maglioni di lana',
    none: /Non ho trovato servizi per «Maglioni di lana»/,
    personal: 'maglioni di lana 3331234567',
    nonePersonal: /Non ho trovato servizi/,
  },
  en: {
    hello: 'hello',
    search: 'Woollen jumpers',
    kept: 'woollen jumpers',
    none: /I found no services for “Woollen jumpers”/,
    personal: 'woollen jumpers 07700 900123',
    nonePersonal: /I found no services/,
  },
} as const;

describe.each(['it', 'en'] as const)('unmet needs (%s)', (lang) => {
  const w = words[lang];
  it('keeps the scrubbed words of a search with no result and counts every one; a search with personal data is only counted', async () => {
    talk = conversation({ lang });
    await talk
      .say(w.hello)
      .say(w.search)
      .expect(w.none)
      .say(w.personal)
      .expect(w.nonePersonal)
      .check(async (t) => {
        expect(await t.assistant.unmet.top(lang, 10)).toEqual([{ terms: w.kept, count: 1 }]);
        const counted = await t.assistant.metrics.registry.getSingleMetricAsString('sportello_unmet_searches_total');
        expect(counted).toContain(`sportello_unmet_searches_total{lang="${lang}"} 2`);
      });
  });
});
