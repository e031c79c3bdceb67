// Step kind `collect_identity`: given name, family name and fiscal code, one per message, into data.person; never echoes them back.
import { z } from 'zod';
import { isValidFiscalCode, namesMatchFiscalCode, normaliseFiscalCode } from '../../../welfare/fiscal-code.js';
import type { ConversationData } from '../../session.js';
import { text } from '../../messages.js';
import { go, misunderstood, wait, type StepKind, type StepTurn } from '../../step-kind.js';
import { Target } from '../common.js';

const IdentityConfig = z.object({ next: Target }).strict();
type IdentityConfig = z.infer<typeof IdentityConfig>;

type Field = 'givenName' | 'familyName' | 'fiscalCode';
const QUESTION: Record<Field, string> = {
  givenName: 'booking.identity.given_name',
  familyName: 'booking.identity.family_name',
  fiscalCode: 'booking.identity.fiscal_code',
};

const FISCAL_CODE_LENGTH = 16;
const MAX_NAME = 100;
// Letters (accents included) in words joined by spaces, apostrophes or hyphens: "Anna Maria", "D’Angelo", "De Luca-Rossi".
const NAME = /^[\p{L}\p{M}]+(?:[ '’-]+[\p{L}\p{M}]+)*$/u;

function cleanName(input: string): string | undefined {
  const name = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  return name.length >= 1 && name.length <= MAX_NAME && NAME.test(name) ? name : undefined;
}

/** A person kept from an earlier step whose fiscal code no longer passes is split back, so only the code is asked again. */
function settle(data: ConversationData): void {
  if (!data.person || isValidFiscalCode(data.person.fiscalCode)) return;
  data.vars.givenName = data.person.givenName;
  data.vars.familyName = data.person.familyName;
  delete data.person;
}

function missing(data: ConversationData): Field | undefined {
  if (data.person) return undefined;
  if (typeof data.vars.givenName !== 'string') return 'givenName';
  if (typeof data.vars.familyName !== 'string') return 'familyName';
  return 'fiscalCode';
}

function fiscalCodeHint(turn: StepTurn, code: string): string {
  return code.length === FISCAL_CODE_LENGTH
    ? turn.t('booking.identity.fiscal_code_invalid')
    : turn.t('booking.identity.fiscal_code_length', { count: code.length });
}

export const collectIdentity: StepKind<IdentityConfig> = {
  config: IdentityConfig,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: [
    ...Object.values(QUESTION),
    'booking.identity.bad_name',
    'booking.identity.fiscal_code_invalid',
    'booking.identity.fiscal_code_length',
    'booking.identity.names_mismatch',
  ],
  enter: async (c, turn) => {
    settle(turn.session.data);
    const field = missing(turn.session.data);
    return field ? wait(text(turn.t(QUESTION[field]))) : go(c.next);
  },
  onEvent: async (c, event, turn) => {
    const data = turn.session.data;
    settle(data);
    const field = missing(data);
    if (!field) return go(c.next);
    const question = text(turn.t(QUESTION[field]));
    if (event.type !== 'text') return misunderstood(question);
    if (field === 'fiscalCode') {
      const fiscalCode = normaliseFiscalCode(event.text);
      if (!isValidFiscalCode(fiscalCode)) return misunderstood(text(fiscalCodeHint(turn, fiscalCode)), question);
      if (!namesMatchFiscalCode(fiscalCode, String(data.vars.givenName), String(data.vars.familyName))) {
        // Which one is wrong cannot be told: start again from the name, and say why.
        delete data.vars.givenName;
        delete data.vars.familyName;
        return misunderstood(text(turn.t('booking.identity.names_mismatch')), text(turn.t(QUESTION.givenName)));
      }
      data.person = { givenName: String(data.vars.givenName), familyName: String(data.vars.familyName), fiscalCode };
      delete data.vars.givenName;
      delete data.vars.familyName;
      return go(c.next);
    }
    const name = cleanName(event.text);
    if (!name) return misunderstood(text(turn.t('booking.identity.bad_name')), question);
    data.vars[field] = name;
    return wait(text(turn.t(QUESTION[missing(data)!])));
  },
  back: async (_c, turn) => {
    const { vars } = turn.session.data;
    const undo = typeof vars.familyName === 'string' ? 'familyName' : typeof vars.givenName === 'string' ? 'givenName' : undefined;
    if (!undo || turn.session.data.person) return undefined;
    delete vars[undo];
    return wait(text(turn.t(QUESTION[undo])));
  },
};
