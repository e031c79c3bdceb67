// Grocery-voucher status: the applications made in this conversation, newest first, or any other by its code and the applicant's fiscal code; I/O only through turn.ctx.welfare.
import { z } from 'zod';
import { formatPrice } from '../../../i18n/format.js';
import { VoucherStatus, type VoucherApplication } from '../../../welfare/contract.js';
import { BackendNotFoundError } from '../../../welfare/errors.js';
import type { TurnEvent } from '../../events.js';
import { text } from '../../messages.js';
import { askChoice, go, readChoice, reask, wait, type StepKind, type StepOutcome, type StepTurn } from '../../step-kind.js';
import { answerWhileDown, DOWN_TEXTS, guarded, localizedWithNote, Target } from '../common.js';
import { readLookupAnswer, setAsking, type ReferenceLookup } from './shared.js';

const LOOKUP_REFERENCE = 'voucherLookupReference';
const VOUCHER_LOOKUP: ReferenceLookup = {
  prefix: 'BSP',
  key: LOOKUP_REFERENCE,
  texts: {
    reference: 'vouchers.status.lookup_reference',
    referenceInvalid: 'vouchers.status.lookup_reference_invalid',
    fiscalCode: 'vouchers.status.lookup_fiscal_code',
  },
};

/** `lookup`: where "an application made elsewhere" goes first (the consent to look it up). */
const StatusConfig = z.object({ next: Target, apply: Target, lookup: Target }).strict();
type StatusConfig = z.infer<typeof StatusConfig>;
const LookupConfig = z.object({ next: Target }).strict();
type LookupConfig = z.infer<typeof LookupConfig>;

function describe(application: VoucherApplication, turn: StepTurn): string {
  const lines = [
    turn.t('vouchers.status.item', {
      reference: application.reference,
      status: turn.t(`vouchers.status.label.${application.status}`),
      explanation: localizedWithNote(turn, application.explanation),
    }),
  ];
  if (application.amount !== null)
    lines.push(turn.t('vouchers.status.amount', { amount: formatPrice(application.amount, turn.session.lang, turn.ctx.translator.lexicon) }));
  return lines.join('\n');
}

async function showStatus(c: StatusConfig, turn: StepTurn): Promise<StepOutcome> {
  const mine = [...turn.session.data.vouchers].reverse();
  if (mine.length === 0) {
    const offer = askChoice(turn, turn.t('vouchers.status.offer'), [
      { id: 'lookup', label: turn.t('vouchers.status.lookup') },
      { id: 'apply', label: turn.t('vouchers.status.apply') },
      { id: 'menu', label: turn.t('common.menu') },
    ]);
    setAsking(turn, 'offer');
    return wait(text(turn.t('vouchers.status.none')), offer);
  }
  const lines = await Promise.all(
    mine.map(async ({ id, reference }) => {
      try {
        return describe(await turn.ctx.welfare.getVoucherApplication(id), turn);
      } catch (err) {
        if (err instanceof BackendNotFoundError) return turn.t('vouchers.status.missing', { reference });
        throw err;
      }
    }),
  );
  return go(c.next, ...lines.map((line) => text(line)));
}

async function lookUp(c: LookupConfig, turn: StepTurn, fiscalCode: string): Promise<StepOutcome> {
  const reference = String(turn.session.data.vars[LOOKUP_REFERENCE]);
  delete turn.session.data.vars[LOOKUP_REFERENCE];
  try {
    return go(c.next, text(describe(await turn.ctx.welfare.findVoucherApplication(reference, fiscalCode), turn)));
  } catch (err) {
    if (!(err instanceof BackendNotFoundError)) throw err;
    return go(c.next, text(turn.t('vouchers.status.lookup_not_found')));
  }
}

function onLookupAnswer(c: LookupConfig, event: TurnEvent, turn: StepTurn): StepOutcome | Promise<StepOutcome> {
  return readLookupAnswer(VOUCHER_LOOKUP, event, turn, (fiscalCode) =>
    guarded(
      turn,
      () => lookUp(c, turn, fiscalCode),
      () => turn.t('vouchers.status.unavailable'),
    ),
  );
}

/** Shows each application made in this conversation, newest first, with the backend's explanation. */
export const voucher_status: StepKind<StatusConfig> = {
  config: StatusConfig,
  targets: (c) => [c.next, c.apply, c.lookup],
  texts: () => [],
  ownTexts: [
    'common.in_italian',
    'vouchers.status.none',
    'vouchers.status.offer',
    'vouchers.status.apply',
    'vouchers.status.lookup',
    'vouchers.status.item',
    'vouchers.status.amount',
    'vouchers.status.missing',
    'vouchers.status.unavailable',
    ...VoucherStatus.options.map((s) => `vouchers.status.label.${s}`),
    ...DOWN_TEXTS,
  ],
  enter: (c, turn) =>
    guarded(
      turn,
      () => showStatus(c, turn),
      () => turn.t('vouchers.status.unavailable'),
    ),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => voucher_status.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('vouchers.status.offer'));
    if (read.id === 'lookup') return go(c.lookup);
    return go(read.id === 'apply' ? c.apply : c.next);
  },
};

/** Finds an application made elsewhere by its code and the applicant's fiscal code (after consent), and says how it is going. */
export const voucher_lookup: StepKind<LookupConfig> = {
  config: LookupConfig,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: [
    'common.in_italian',
    'vouchers.status.lookup_reference',
    'vouchers.status.lookup_reference_invalid',
    'vouchers.status.lookup_fiscal_code',
    'vouchers.status.lookup_not_found',
    'booking.identity.fiscal_code_invalid',
    'vouchers.status.item',
    'vouchers.status.amount',
    'vouchers.status.unavailable',
    ...VoucherStatus.options.map((s) => `vouchers.status.label.${s}`),
    ...DOWN_TEXTS,
  ],
  enter: async (_c, turn) => {
    setAsking(turn, 'reference');
    return wait(text(turn.t('vouchers.status.lookup_reference')));
  },
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => voucher_lookup.enter(c, turn));
    if (down) return down;
    return onLookupAnswer(c, event, turn);
  },
};
