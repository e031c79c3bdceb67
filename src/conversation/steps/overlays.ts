// Step kinds behind the global commands: language, the privacy notice, my data, forget me, simple mode (a person: handoff.ts). They interrupt and then resume.
import { z } from 'zod';
import { parseLanguageChoice } from '../../i18n/language.js';
import { askChoice, go, readChoice, reask, wait, yesNoOptions, type StepKind, type StepTurn } from '../step-kind.js';
import type { DataController } from '../context.js';
import { ConversationData } from '../session.js';
import { residenceOf, Target } from './common.js';

const NextOnly = z.object({ next: Target }).strict();
type NextOnly = z.infer<typeof NextOnly>;

/** Language names are written in their own language, so anyone can find theirs. */
function languageOptions(turn: StepTurn) {
  return turn.ctx.translator.languages.map((lang) => ({ id: lang, label: turn.ctx.translator.t(lang, 'language.name') }));
}

const pick_language: StepKind<NextOnly> = {
  config: NextOnly,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: ['language.prompt', 'language.name', 'language.changed'],
  enter: async (_c, turn) => wait(askChoice(turn, turn.t('language.prompt'), languageOptions(turn))),
  onEvent: async (c, event, turn) => {
    const read = readChoice(event, turn);
    const typed = event.type === 'text' ? parseLanguageChoice(event.text, turn.ctx.translator.lexicon) : undefined;
    const lang = read.kind === 'chosen' ? read.id : typed;
    if (!lang || !turn.ctx.translator.languages.includes(lang)) return reask(turn, turn.t('language.prompt'));
    turn.session.lang = lang;
    return go(c.next, { type: 'text', text: turn.t('language.changed') });
  },
};

const MyDataConfig = z.object({ forget: Target, next: Target }).strict();

/** Says what the assistant keeps about the resident, and offers to delete it. */
const my_data: StepKind<z.infer<typeof MyDataConfig>> = {
  config: MyDataConfig,
  targets: (c) => [c.forget, c.next],
  texts: () => [],
  ownTexts: ['privacy.summary', 'privacy.nothing', 'privacy.ask', 'privacy.delete', 'privacy.keep'],
  enter: async (_c, turn) => {
    const { data } = turn.session;
    const facts = {
      name: data.person ? 'yes' : 'no',
      answers: Object.keys(data.answers).length,
      vouchers: data.vouchers.length,
      consent: Object.keys(data.consent).length > 0 ? 'yes' : 'no',
    };
    const stored = facts.name === 'yes' || facts.answers > 0 || facts.vouchers > 0;
    const hours = turn.ctx.privacy.retention.sessionHours;
    const summary = stored ? turn.t('privacy.summary', { ...facts, hours }) : turn.t('privacy.nothing');
    return wait(
      { type: 'text', text: summary },
      askChoice(turn, turn.t('privacy.ask'), [
        { id: 'delete', label: turn.t('privacy.delete') },
        { id: 'keep', label: turn.t('privacy.keep') },
      ]),
    );
  },
  onEvent: async (c, event, turn) => {
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('privacy.ask'));
    return go(read.id === 'delete' ? c.forget : c.next);
  },
};

const NoticeConfig = z.object({ show: Target, forget: Target, next: Target }).strict();

/** Where a controller takes privacy requests: "privacy@…, PEC …, telefono …". */
function controllerContacts(turn: StepTurn, c: DataController): string {
  return [
    c.email && turn.t('privacy.notice.email', { email: c.email }),
    c.pec && turn.t('privacy.notice.pec', { pec: c.pec }),
    c.phone && turn.t('privacy.notice.phone', { phone: c.phone }),
  ]
    .filter(Boolean)
    .join(', ');
}

/** The controller of the resident's municipality; while it is not known, each municipality's, since it is where they live. */
function controllerText(turn: StepTurn): string {
  const { controllers } = turn.ctx.privacy;
  const residence = residenceOf(turn);
  const own = residence === undefined ? undefined : controllers[residence];
  if (own) return turn.t('privacy.notice.controller', { name: own.name, contacts: controllerContacts(turn, own) });
  const each = Object.values(controllers).map((c) =>
    turn.t('privacy.notice.controller_line', { name: c.name, contacts: controllerContacts(turn, c) }),
  );
  return [turn.t('privacy.notice.controller_each'), ...each].join('\n');
}

/** The short privacy notice: who the controller is, what is kept and for how long (the configured TTLs), how to delete it. */
const privacy_notice: StepKind<z.infer<typeof NoticeConfig>> = {
  config: NoticeConfig,
  targets: (c) => [c.show, c.forget, c.next],
  texts: () => [],
  ownTexts: [
    'privacy.notice.title',
    'privacy.notice.controller',
    'privacy.notice.controller_each',
    'privacy.notice.controller_line',
    'privacy.notice.email',
    'privacy.notice.pec',
    'privacy.notice.phone',
    'privacy.notice.kept',
    'privacy.notice.kept_profile',
    'privacy.notice.kept_dedupe',
    'privacy.notice.elsewhere',
    'privacy.notice.delete',
    'privacy.notice.ask',
    'privacy.notice.show',
    'privacy.delete',
    'privacy.keep',
  ],
  enter: async (_c, turn) => {
    const { retention } = turn.ctx.privacy;
    return wait(
      { type: 'text', text: [turn.t('privacy.notice.title'), controllerText(turn)].join('\n') },
      {
        type: 'text',
        text: ['kept', 'kept_profile', 'kept_dedupe', 'elsewhere'].map((part) => turn.t(`privacy.notice.${part}`, retention)).join('\n'),
      },
      { type: 'text', text: turn.t('privacy.notice.delete') },
      askChoice(turn, turn.t('privacy.notice.ask'), [
        { id: 'show', label: turn.t('privacy.notice.show') },
        { id: 'delete', label: turn.t('privacy.delete') },
        { id: 'back', label: turn.t('privacy.keep') },
      ]),
    );
  },
  onEvent: async (c, event, turn) => {
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('privacy.notice.ask'));
    return go(read.id === 'show' ? c.show : read.id === 'delete' ? c.forget : c.next);
  },
};

const ForgetConfig = z.object({ next: Target, kept: Target }).strict();

/** Deletes everything of this conversation after a yes; the runner removes what lives elsewhere. */
const forget: StepKind<z.infer<typeof ForgetConfig>> = {
  config: ForgetConfig,
  targets: (c) => [c.next, c.kept],
  texts: () => [],
  ownTexts: ['privacy.forget_confirm', 'privacy.forgotten', 'privacy.kept'],
  enter: async (_c, turn) => wait(askChoice(turn, turn.t('privacy.forget_confirm'), yesNoOptions(turn))),
  onEvent: async (c, event, turn) => {
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('privacy.forget_confirm'));
    if (read.id === 'no') return go(c.kept, { type: 'text', text: turn.t('privacy.kept') });
    // Kept for the effect only: what lives elsewhere about these applications (their status news) goes too.
    const applicationIds = turn.session.data.vouchers.map((v) => v.id);
    turn.session.data = ConversationData.parse({});
    turn.session.history = [];
    turn.session.resume = [];
    turn.effects.push({ type: 'forget_user', ...(applicationIds.length > 0 ? { applicationIds } : {}) });
    return go(c.next, { type: 'text', text: turn.t('privacy.forgotten') });
  },
};

/** Simple mode on or off for this resident (kept in the profile); the question they were at comes back in the new mode. */
const toggle_simple: StepKind<NextOnly> = {
  config: NextOnly,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: ['simple.on', 'simple.off'],
  enter: async (c, turn) => {
    const on = !turn.profile.simpleMode;
    turn.profile.simpleMode = on;
    // What 9 does depends on the deployment: a person in the chat only where a staff desk is configured.
    const said = on ? turn.t('simple.on', { desk: turn.ctx.staff ? 'yes' : 'no' }) : turn.t('simple.off');
    return go(c.next, { type: 'text', text: said });
  },
  onEvent: async (c) => go(c.next),
};

export const overlayKinds = { pick_language, my_data, privacy_notice, forget, toggle_simple };
