// Grocery-voucher applications in the reference backend: amounts, status rules and their explanations; no I/O but the policy file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BACKEND_DATA_DIR } from '../src/paths.js';
import { withPolite, type LocalizedText, type Municipality, type VoucherStatus } from '../src/welfare/contract.js';

export const VoucherPolicy = z
  .object({
    baseAmount: z.number().positive(),
    perAdditionalMember: z.number().nonnegative(),
    maxAmount: z.number().positive(),
  })
  .strict();
export type VoucherPolicy = z.infer<typeof VoucherPolicy>;

export function loadVoucherPolicy(file = join(BACKEND_DATA_DIR, 'vouchers.yaml')): VoucherPolicy {
  const parsed = VoucherPolicy.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`backend/data/vouchers.yaml: ${where}`);
  }
  return parsed.data;
}

export function voucherAmount(policy: VoucherPolicy, householdSize: number): number {
  return Math.min(policy.maxAmount, policy.baseAmount + policy.perAdditionalMember * (householdSize - 1));
}

const NEXT: Record<VoucherStatus, VoucherStatus[]> = {
  submitted: ['under_review', 'approved', 'rejected'],
  under_review: ['approved', 'rejected'],
  approved: [],
  rejected: [],
};

export function canMove(from: VoucherStatus, to: VoucherStatus): boolean {
  return NEXT[from].includes(to);
}

export function statusExplanation(status: VoucherStatus, municipality: Municipality, amount: number | null, note?: LocalizedText): LocalizedText {
  const town = municipality.name;
  const base: { it: string; en: string; polite?: { it: string } } = {
    submitted: {
      it: `Domanda ricevuta. I servizi sociali del Comune di ${town} la esamineranno entro 10 giorni lavorativi.`,
      en: `Application received. The social services of ${town} will review it within 10 working days.`,
    },
    under_review: {
      it: `I servizi sociali del Comune di ${town} stanno esaminando la domanda e potrebbero chiederti dei documenti.`,
      en: `The social services of ${town} are reviewing the application and may ask you for documents.`,
      polite: { it: `I servizi sociali del Comune di ${town} stanno esaminando la domanda e potrebbero chiederLe dei documenti.` },
    },
    approved: {
      it: `Domanda accolta: buoni spesa per ${amount ?? 0} euro. Il Comune di ${town} ti dirà come e dove ritirarli.`,
      en: `Application approved: grocery vouchers worth ${amount ?? 0} euros. ${town} will tell you how and where to collect them.`,
      polite: { it: `Domanda accolta: buoni spesa per ${amount ?? 0} euro. Il Comune di ${town} Le dirà come e dove ritirarli.` },
    },
    rejected: {
      it: `Domanda non accolta dai servizi sociali del Comune di ${town}.`,
      en: `The social services of ${town} did not approve the application.`,
    },
  }[status];
  const politeBase = base.polite?.it;
  if (!note) return withPolite({ it: base.it, en: base.en }, politeBase ? { it: politeBase } : {});
  // The staff's note joins either form; its own polite form, if it has one, joins the polite one.
  const politeNote = note.polite?.it;
  const polite: Record<string, string> = politeBase || politeNote ? { it: `${politeBase ?? base.it} ${politeNote ?? note.it}` } : {};
  return withPolite({ it: `${base.it} ${note.it}`, en: `${base.en} ${note.en ?? note.it}` }, polite);
}
