// What the after-booking and voucher kinds share: which of its questions a step asked last, and the two questions of a
// lookup by reference and fiscal code; no I/O.
import { isValidFiscalCode, normaliseFiscalCode } from '../../../welfare/fiscal-code.js';
import type { TurnEvent } from '../../events.js';
import { text } from '../../messages.js';
import { misunderstood, wait, type StepOutcome, type StepTurn } from '../../step-kind.js';

/** The scratch key naming what the step asked last, so `onEvent` knows how to read the answer. */
const ASKING = 'asking';

export function asking(turn: StepTurn): string | undefined {
  const value = turn.session.scratch[ASKING];
  return typeof value === 'string' ? value : undefined;
}

export function setAsking(turn: StepTurn, what: string): void {
  turn.session.scratch[ASKING] = what;
}

/** A lookup by the code the resident kept: its prefix ("WBC"), where it is kept, and the texts of the two questions. */
export interface ReferenceLookup {
  prefix: string;
  key: string;
  texts: { reference: string; referenceInvalid: string; fiscalCode: string };
}

/**
 * Reads the two answers of a lookup: the reference ("WBC 2026 000123" or "wbc-2026-000123", kept as `WBC-2026-000123`),
 * then the fiscal code, which goes to `found` once it is valid.
 */
export function readLookupAnswer(
  lookup: ReferenceLookup,
  event: TurnEvent,
  turn: StepTurn,
  found: (fiscalCode: string) => StepOutcome | Promise<StepOutcome>,
): StepOutcome | Promise<StepOutcome> {
  const typed = event.type === 'text' ? event.text.replace(/\s+/g, '').toUpperCase() : '';
  if (asking(turn) === 'reference') {
    const match = new RegExp(`^${lookup.prefix}-?(\\d{4})-?(\\d{6})$`).exec(typed);
    if (!match) return misunderstood(text(turn.t(lookup.texts.referenceInvalid)), text(turn.t(lookup.texts.reference)));
    turn.session.data.vars[lookup.key] = `${lookup.prefix}-${match[1]!}-${match[2]!}`;
    setAsking(turn, 'fiscal_code');
    return wait(text(turn.t(lookup.texts.fiscalCode)));
  }
  const fiscalCode = normaliseFiscalCode(typed);
  if (!isValidFiscalCode(fiscalCode)) {
    return misunderstood(text(turn.t('booking.identity.fiscal_code_invalid')), text(turn.t(lookup.texts.fiscalCode)));
  }
  return found(fiscalCode);
}
