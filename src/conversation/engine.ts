// The conversation engine: one event + the session before → the session after, messages and effects. No store, no channel.
import type { TurnContext, Effect } from './context.js';
import { compactPayloads, payloadOf, rememberButtons, typedCommand } from './buttons.js';
import { commandOf } from './commands.js';
import { withDirection } from './direction.js';
import type { Lexicon } from '../i18n/lexicon.js';
import { CommandName, MAX_TEXT_CHARS, type ProactiveNotice, type StaffEvent, type TurnEvent, type UserEvent } from './events.js';
import { NON_ESSENTIAL_KINDS, withinWeeklyCap } from '../proactive/plan.js';
import { FlowError, resolveTarget, stepAt } from './flow.js';

export { FlowError } from './flow.js';
import type { BotMessage } from './messages.js';
import { ConversationData, type Position, type Session } from './session.js';
import type { StepOutcome, StepTurn } from './step-kind.js';
import { westernDigits } from './number-words.js';
import { hasSimpleMenu, MORE, nextPage, rememberSimpleKeys, SIMPLE_PAGE, simpleAnswer, simplify } from './simple-mode.js';
import { lineRequest, noteForStaff } from './staff-line.js';
import { stepKinds } from './steps/index.js';
import { newProfile, type Profile } from '../state/profile.js';

export interface Turn {
  session: Session;
  profile: Profile;
  messages: BotMessage[];
  effects: Effect[];
}

/** Flows the global commands open; the dialog check makes sure they exist. */
export const COMMAND_FLOWS = {
  language: 'language',
  person: 'person',
  my_data: 'privacy',
  delete_data: 'privacy.forget',
  simple: 'simple',
  notifications: 'notifications',
} as const;
/** Flows a proactive question opens; the dialog check makes sure they exist. */
export const PROACTIVE_FLOWS = { reminder: 'reminder', followup: 'followup' } as const;
const DEFAULT_WEEKLY_CAP = 3;
/** Deep links (`/start svc_<service id>`) open this step with the service chosen. */
export const DEEP_LINK_TARGET = 'booking.card';

const MAX_HOPS = 30;
const OFFERED_PERSON = 'offeredPerson';
const MAX_HISTORY = 30;

/** Sessions and profiles are plain JSON: a JSON copy is several times cheaper than structuredClone. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Handles one event. `before` and `profileBefore` are left as they were, unless the caller says
 * it owns them (`owned`: the runner, which has just read them from the store and drops them after).
 */
export async function handleEvent(
  before: Session,
  event: TurnEvent,
  ctx: TurnContext,
  profileBefore?: Profile,
  options: { owned?: boolean } = {},
): Promise<Turn> {
  const session = options.owned ? before : copy(before);
  // Date's own ISO formatting: luxon's toUTC().toISO() costs more than the rest of a simple turn.
  session.updatedAt = new Date(ctx.now.toMillis()).toISOString();
  const profile = profileBefore ? (options.owned ? profileBefore : copy(profileBefore)) : newProfile(session.updatedAt);
  const turn: StepTurn = { session, profile, ctx, effects: [], t: (key, params) => ctx.translator.t(session.lang, key, params) };
  const messages: BotMessage[] = [];
  const engine = new Walk(turn, messages);
  await engine.handle(event);
  const shown = profile.simpleMode ? simplify(session, messages, turn.t) : messages;
  const sent = compactPayloads(session, shown);
  rememberButtons(session, sent);
  rememberSimpleKeys(session, sent);
  return { session, profile, messages: withDirection(ctx.translator.lexicon.direction(session.lang), sent), effects: turn.effects };
}

function kindOf(name: string) {
  const kind = stepKinds[name];
  // The loader refuses unknown kinds, so this is a programming error.
  if (!kind) throw new FlowError(`unknown step kind "${name}"`);
  return kind;
}

function normalise(event: UserEvent, lexicon: Lexicon): UserEvent {
  if (event.type === 'choice' && event.payload.startsWith('cmd:')) {
    // Payloads come back from the platform: never trust one to name a real command.
    const name = CommandName.safeParse(event.payload.slice(4));
    return name.success ? { type: 'command', name: name.data } : { type: 'choice', payload: 'stale' };
  }
  if (event.type === 'text') {
    const text = event.text.slice(0, MAX_TEXT_CHARS);
    const command = commandOf(text, lexicon);
    return command ? { type: 'command', name: command } : { type: 'text', text };
  }
  return event;
}

class Walk {
  constructor(
    private readonly turn: StepTurn,
    private readonly out: BotMessage[],
  ) {}

  private get session(): Session {
    return this.turn.session;
  }

  async handle(raw: TurnEvent): Promise<void> {
    const { session } = this;
    if (raw.type === 'staff') return this.staff(raw);
    if (raw.type === 'proactive') return this.proactive(raw.notice);
    // A person has the conversation: the flows wait, the resident's words go to them.
    // Once a person has taken the request, a digit may be an answer to them: the menu keys no longer apply.
    const typed = this.turn.profile.simpleMode && raw.type === 'text' && !session.handoff?.taken ? this.simpleChoice(raw.text) : undefined;
    const chosen = typed ? { type: 'choice' as const, payload: typed } : raw;
    if (session.handoff) return this.onTheLine(chosen);
    // A number the menu shown does not have: the step numbers its options differently (a page, no 0 and 9).
    if (!typed && raw.type === 'text' && hasSimpleMenu(session) && /^\d{1,2}$/.test(westernDigits(raw.text.trim())) && session.position) {
      this.say('engine.not_understood');
      return this.enter(session.position, 0, { [SIMPLE_PAGE]: session.scratch[SIMPLE_PAGE] ?? 0 });
    }
    if (chosen.type === 'choice' && chosen.payload === MORE) return this.morePage();
    const event = normalise(chosen, this.turn.ctx.translator.lexicon);
    if (event.type === 'start') return this.start(event.payload);
    if (event.type === 'command') return this.command(event.name);
    if (!session.position || !stepAt(this.turn.ctx.flows, session.position)) {
      await this.home(true);
      const first = event.type === 'text' && !this.turn.ctx.translator.lexicon.greetings.has(event.text.trim().toLowerCase());
      if (first) await this.answer(event);
      return;
    }
    if (event.type === 'location' || (event.type === 'contact' && !kindOf(stepAt(this.turn.ctx.flows, session.position)!.kind).acceptsContact)) {
      // No flow reads a position or a phone yet: say so plainly, keep nothing, and ask the question again.
      this.say(event.type === 'location' ? 'engine.location_unused' : 'engine.contact_unused');
      return this.reenter();
    }
    if (event.type === 'attachment') {
      if (event.kind === 'voice' || event.kind === 'audio') return this.interrupt(COMMAND_FLOWS.person, 'voice');
      this.say('engine.attachment_unsupported');
      return this.reenter();
    }
    if (event.type === 'choice') {
      const stamped = /^(\d+):(.+)$/.exec(payloadOf(session, event.payload) ?? '');
      if (!stamped || Number(stamped[1]) !== session.visit) {
        this.say('engine.stale_choice');
        return this.reenter();
      }
      return this.answer({ type: 'choice', payload: stamped[2]! });
    }
    if (event.type === 'text') {
      const command = typedCommand(session, event.text, this.turn.ctx.translator.lexicon);
      if (command) return this.command(command);
    }
    return this.answer(event);
  }

  /** A typed answer to a simple-mode menu, as the button it names. */
  private simpleChoice(text: string): string | undefined {
    const { session, turn } = this;
    return simpleAnswer(session, text, { langs: [session.lang, 'it', 'en'], yes: turn.t('common.yes'), no: turn.t('common.no'), lexicon: turn.ctx.translator.lexicon });
  }

  /** "Altri": the same question again, its next page (the step is entered afresh: its lists may have changed). */
  private async morePage(): Promise<void> {
    const { session } = this;
    if (!session.position) return this.home(false);
    return this.enter(session.position, 0, { [SIMPLE_PAGE]: nextPage(session) });
  }

  /** Staff took or closed the ticket, or the resident left: the step that asked for a person decides what follows. */
  private async staff(event: StaffEvent): Promise<void> {
    const { session } = this;
    // Nobody is on the line any more (the resident left, or "delete my data"): nothing to say.
    if (!session.handoff || !session.position || !stepAt(this.turn.ctx.flows, session.position)) return;
    return this.answer(event);
  }

  private async onTheLine(event: UserEvent): Promise<void> {
    const { session, turn } = this;
    const request = lineRequest(event, { t: (key) => turn.t(key), lexicon: turn.ctx.translator.lexicon }, { taken: session.handoff?.taken ?? false });
    switch (request) {
      case 'leave':
        turn.effects.push({ type: 'handoff_left' });
        return this.staff({ type: 'staff', change: 'left' });
      case 'position':
        turn.effects.push({ type: 'queue_position_requested' });
        return;
      case 'reminder':
        this.say(session.handoff?.taken ? 'handoff.on_the_line_taken' : 'handoff.on_the_line_waiting');
        return;
    }
    const note = noteForStaff(event.type === 'text' ? { type: 'text', text: event.text.slice(0, MAX_TEXT_CHARS) } : event);
    if (event.type === 'attachment' && (event.kind === 'voice' || event.kind === 'audio')) this.say('handoff.voice_on_line');
    turn.effects.push({ type: 'relay_to_staff', text: note });
    // While nobody has taken the request, say once that the words will be read; after that, as in any chat, silence.
    if (session.handoff && !session.handoff.taken && !session.handoff.told) {
      session.handoff.told = true;
      this.say('handoff.relayed_waiting');
    }
  }

  private async answer(event: TurnEvent): Promise<void> {
    const at = this.session.position!;
    const step = stepAt(this.turn.ctx.flows, at)!;
    const outcome = await kindOf(step.kind).onEvent(step.config, event, this.turn);
    if (outcome.type === 'go') this.remember(at);
    await this.follow(outcome, 0);
  }

  private async command(name: CommandName): Promise<void> {
    const { session } = this;
    switch (name) {
      case 'menu':
        return this.home(false);
      case 'back': {
        const here = session.position && stepAt(this.turn.ctx.flows, session.position);
        const within = here ? await kindOf(here.kind).back?.(here.config, this.turn) : undefined;
        if (within) return this.follow(within, 0);
        const previous = session.history.pop();
        if (!previous) return this.home(false);
        return this.enter(previous, 0);
      }
      case 'help': {
        const step = session.position && stepAt(this.turn.ctx.flows, session.position);
        this.say(step?.help ?? (step ? `help.${step.kind}` : 'help.generic'), {}, 'help.generic');
        return session.position ? this.reenter() : this.home(false);
      }
      case 'stop':
        return this.end();
      case 'language':
      case 'person':
      case 'my_data':
      case 'delete_data':
      case 'simple':
      case 'notifications':
        // Pressing the offer made after two misunderstandings tells staff why the resident needs them.
        return this.interrupt(COMMAND_FLOWS[name], name === 'person' ? (session.scratch[OFFERED_PERSON] ? 'misunderstood' : 'asked') : undefined);
    }
  }

  /** Deep links: `svc_<service id>` opens a service's card, `mun_<municipality id>` sets where the resident lives. */
  private async start(payload: string | undefined): Promise<void> {
    // A link an operator hands out to elderly residents: simple mode from the first message.
    if (payload === 'simple') this.turn.profile.simpleMode = true;
    const municipality = payload?.match(/^mun_([a-z0-9-]+)$/)?.[1];
    if (municipality) this.session.data.answers['residence'] = municipality;
    const service = payload?.match(/^svc_([a-z0-9-]+)$/)?.[1];
    if (!service) return this.home(true);
    this.session.data.serviceId = service;
    this.resetPath();
    return this.goTo(DEEP_LINK_TARGET, 'main', 0);
  }

  private async home(greet: boolean): Promise<void> {
    this.resetPath();
    if (greet) this.say('engine.welcome');
    return this.enter(this.turn.ctx.flows.home, 0);
  }

  private resetPath(): void {
    this.session.history = [];
    this.session.resume = [];
    this.session.misunderstood = 0;
  }

  private async interrupt(flow: string, reason: 'asked' | 'voice' | 'misunderstood' | undefined, seed?: Record<string, unknown>): Promise<void> {
    const { session } = this;
    if (session.position && !session.resume.some((p) => p.flow === session.position!.flow && p.step === session.position!.step)) {
      session.resume.push(session.position);
    }
    return this.goTo(flow, session.position?.flow ?? this.turn.ctx.flows.home.flow, 0, reason ? { handoffReason: reason, ...seed } : seed);
  }

  /**
   * A message Sportello writes first. Follow-ups respect the opt-out and the weekly cap; a reminder or a follow-up
   * asks its question as an interruption (the resident then carries on where they were), a status change only says.
   */
  private async proactive(notice: ProactiveNotice): Promise<void> {
    const { session, turn } = this;
    const { profile } = turn;
    if (NON_ESSENTIAL_KINDS.has(notice.kind)) {
      if (profile.proactiveOptOut) return void turn.effects.push({ type: 'proactive_skipped', kind: notice.kind, reason: 'opted_out' });
      const now = turn.ctx.now;
      const recent = (profile.proactiveSent ?? []).filter((iso) => Date.parse(iso) > now.minus({ days: 7 }).toMillis());
      if (!withinWeeklyCap(recent, now, turn.ctx.proactiveWeeklyCap ?? DEFAULT_WEEKLY_CAP)) {
        return void turn.effects.push({ type: 'proactive_skipped', kind: notice.kind, reason: 'weekly_cap' });
      }
      profile.proactiveSent = [...recent, session.updatedAt];
    }
    if (notice.kind === 'voucher_status') {
      const status = turn.t(`vouchers.status.label.${notice.status}`);
      return this.say('proactive.voucher_status', { reference: notice.reference, status });
    }
    // Someone from the offices is talking with the resident: no question in the middle of that.
    if (session.handoff) return this.say(notice.kind === 'reminder' ? 'proactive.reminder_on_the_line' : 'proactive.followup_on_the_line');
    return this.interrupt(PROACTIVE_FLOWS[notice.kind], undefined, { notice });
  }

  private end(): void {
    const { session } = this;
    session.position = null;
    session.history = [];
    session.resume = [];
    session.scratch = {};
    session.data = ConversationData.parse({});
    this.say('engine.goodbye');
  }

  private async reenter(): Promise<void> {
    return this.session.position ? this.enter(this.session.position, 0) : this.home(false);
  }

  private remember(at: Position): void {
    const last = this.session.history.at(-1);
    if (last?.flow === at.flow && last.step === at.step) return;
    this.session.history.push(at);
    if (this.session.history.length > MAX_HISTORY) this.session.history.shift();
  }

  /** `seed` starts the scratch of the step entered (why a person was asked for). */
  private async goTo(target: string, fromFlow: string, hops: number, seed?: Record<string, unknown>): Promise<void> {
    const resolved = resolveTarget(this.turn.ctx.flows, fromFlow, target);
    if (!resolved) throw new FlowError(`flow "${fromFlow}": unknown target "${target}"`);
    if (resolved === '@end') return this.end();
    if (resolved === '@return') {
      // The interruption's own steps leave the history: "back" afterwards means the resident's previous question,
      // not the language question or a second request for a person.
      const interrupted = this.session.position?.flow;
      while (interrupted !== undefined && this.session.history.at(-1)?.flow === interrupted) this.session.history.pop();
      const back = this.session.resume.pop();
      return back ? this.enter(back, hops) : this.home(false);
    }
    const home = this.turn.ctx.flows.home;
    // Reaching the main menu ends a journey: "back" must not reopen a finished or abandoned one.
    if (resolved.flow === home.flow && resolved.step === home.step) return this.home(false);
    return this.enter(resolved, hops, seed);
  }

  private async enter(position: Position, hops: number, seed: Record<string, unknown> = {}): Promise<void> {
    if (hops > MAX_HOPS) throw new FlowError(`flow "${position.flow}" moved ${MAX_HOPS} times without asking anything (a loop?)`);
    const step = stepAt(this.turn.ctx.flows, position);
    if (!step) throw new FlowError(`unknown step "${position.flow}.${position.step}"`);
    const { session } = this;
    session.position = position;
    session.visit += 1;
    session.scratch = { ...seed };
    const outcome = await kindOf(step.kind).enter(step.config, this.turn);
    await this.follow(outcome, hops);
  }

  private async follow(outcome: StepOutcome, hops: number): Promise<void> {
    const { session } = this;
    this.out.push(...outcome.messages);
    if (outcome.type === 'wait') {
      session.misunderstood = 0;
      return;
    }
    if (outcome.type === 'misunderstood') {
      session.misunderstood += 1;
      if (session.misunderstood >= 2) {
        session.misunderstood = 0;
        this.offerPerson();
      }
      return;
    }
    return this.goTo(outcome.to, session.position!.flow, hops + 1);
  }

  /** Adds "talk to a person" to the question just asked, so its number follows the question's own options. */
  private offerPerson(): void {
    this.session.scratch[OFFERED_PERSON] = true;
    const simple = this.turn.profile.simpleMode;
    // Simple mode is offered too, until it is on: numbered answers are often what was missing.
    const buttons = [
      ...(simple ? [] : [{ payload: 'cmd:simple', label: this.turn.t('main.simple_mode') }]),
      { payload: 'cmd:person', label: this.turn.t('engine.talk_to_person') },
    ];
    const offer = this.turn.t(simple ? 'engine.offer_person' : 'engine.offer_help');
    const index = this.out.findLastIndex((m) => m.type === 'choices');
    const question = this.out[index];
    if (question?.type === 'choices') {
      const missing = buttons.filter((b) => !question.choices.some((c) => c.payload === b.payload));
      if (missing.length > 0) {
        this.out.splice(index, 0, { type: 'text', text: offer });
        this.out[index + 1] = { ...question, choices: [...question.choices, ...missing] };
        return;
      }
    }
    this.out.push({ type: 'choices', text: offer, choices: buttons });
  }

  private say(key: string, params: Record<string, string> = {}, fallbackKey?: string): void {
    const { translator } = this.turn.ctx;
    const lang = this.session.lang;
    const usable = translator.has(lang, key) || !fallbackKey ? key : fallbackKey;
    this.out.push({ type: 'text', text: translator.t(lang, usable, params) });
  }
}
