// A voucher application's status as the resident reads it: the polite form ("Lei") beside the usual one, the staff's note in both.
import { describe, expect, it } from 'vitest';
import { statusExplanation } from '../../backend/vouchers.js';
import { withPolite, type Municipality } from '../../src/welfare/contract.js';
import { informalIn } from '../support/informal.js';

const limena: Municipality = { id: 'limena', name: 'Limena', province: 'PD', patronDay: { date: '06-24', saint: { it: 'San Giovanni' } } };

describe('a voucher status explanation', () => {
  it('says "Lei" in its polite form where the usual one says "tu", and has none where no one is addressed', () => {
    const approved = statusExplanation('approved', limena, 200);
    expect(approved.it).toBe('Domanda accolta: buoni spesa per 200 euro. Il Comune di Limena ti dirà come e dove ritirarli.');
    expect(approved.polite).toEqual({ it: 'Domanda accolta: buoni spesa per 200 euro. Il Comune di Limena Le dirà come e dove ritirarli.' });
    expect(statusExplanation('under_review', limena, null).polite?.it).toMatch(/potrebbero chiederLe dei documenti\.$/);
    expect(statusExplanation('submitted', limena, null).polite).toBeUndefined();
    for (const status of ['submitted', 'under_review', 'approved', 'rejected'] as const) {
      const text = statusExplanation(status, limena, 100);
      expect(informalIn('it', text.polite?.it ?? text.it), status).toBeUndefined();
    }
  });

  it("adds the staff's note to both forms, its own polite form to the polite one", () => {
    const plain = statusExplanation('rejected', limena, null, { it: 'Manca il modulo firmato.', en: 'The signed form is missing.' });
    expect(plain.polite).toBeUndefined();
    const note = withPolite({ it: 'Porta il modulo firmato.', en: 'Bring the signed form.' }, { it: 'Porti il modulo firmato.' });
    const review = statusExplanation('under_review', limena, null, note);
    expect(review.it).toMatch(/chiederti dei documenti\. Porta il modulo firmato\.$/);
    expect(review.en).toMatch(/ask you for documents\. Bring the signed form\.$/);
    expect(review.polite?.it).toMatch(/chiederLe dei documenti\. Porti il modulo firmato\.$/);
    expect(statusExplanation('rejected', limena, null, note).polite?.it).toBe(
      'Domanda non accolta dai servizi sociali del Comune di Limena. Porti il modulo firmato.',
    );
  });
});
