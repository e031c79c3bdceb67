// Moving through the flows, shared by every stage: enter a step, follow its outcome, go home, interrupt, end. No I/O.
import type { TurnEvent, UserEvent } from '../events.js';
import { FlowError, resolveTarget, stepAt, type EntryPoints } from '../flow.js';
import type { BotMessage } from '../messages.js';
import { ConversationData, type Position } from '../session.js';
import type { StepOutcome, StepTurn } from '../step-kind.js';
import { stepKinds } from '../steps/index.js';
import type { Stage } from './compose.js';

/** A turn as the stages see it: the step kinds' turn, the event as read so far, and what the turn says. */
export interface EngineTurn extends StepTurn {
  /** The event as the stages before have read it: a typed menu key as its button, a command word as the command. */
  event: TurnEvent;
  /** What the turn says, in order; the engine reshapes it for the channel afterwards. */
  out: BotMessage[];
}

export type TurnStage = Stage<EngineTurn>;

/** The resident's own event: staff and proactive events end the turn at their stages, before any stage that asks. */
export function userEvent(turn: EngineTurn): UserEvent {
  const { event } = turn;
  if (event.type === 'staff' || event.type === 'proactive') throw new FlowError(`a ${event.type} event got past its stage`);
  return event;
}

/** Why a person is asked for, when the engine asks on the resident's behalf. */
export type HandoffReason = 'asked' | 'voice' | 'misunderstood';

const MAX_HOPS = 30;
const MAX_HISTORY = 30;
const NO_ENTRY_POINTS: EntryPoints = { commands: {}, proactive: {} };

export function kindOf(name: string) {
  const kind = stepKinds[name];
  // The loader refuses unknown kinds, so this is a programming error.
  if (!kind) throw new FlowError(`unknown step kind "${name}"`);
  return kind;
}

export function entryPoints(turn: StepTurn): EntryPoints {
  return turn.ctx.flows.entryPoints ?? NO_ENTRY_POINTS;
}

/** What main.yaml declares at `where` (`entry_points.…`, `answers.…`); a missing one is an authoring mistake, not the resident's. */
export function declared(target: string | undefined, where: string, what: string): string {
  if (target === undefined) throw new FlowError(`main.yaml: ${where}: nothing declared for ${what}`);
  return target;
}

export function say(turn: EngineTurn, key: string, params: Record<string, string> = {}, fallbackKey?: string): void {
  const { translator } = turn.ctx;
  const lang = turn.session.lang;
  const usable = translator.has(lang, key) || !fallbackKey ? key : fallbackKey;
  turn.out.push({ type: 'text', text: turn.t(usable, params) });
}

/** The current step reads the event. */
export async function answer(turn: EngineTurn, event: TurnEvent): Promise<void> {
  const at = turn.session.position!;
  const step = stepAt(turn.ctx.flows, at)!;
  const outcome = await kindOf(step.kind).onEvent(step.config, event, turn);
  if (outcome.type === 'go') remember(turn, at);
  await follow(turn, outcome, 0);
}

export async function home(turn: EngineTurn, greet: boolean): Promise<void> {
  resetPath(turn);
  if (greet) say(turn, 'engine.welcome');
  return enter(turn, turn.ctx.flows.home, 0);
}

export function resetPath(turn: EngineTurn): void {
  turn.session.history = [];
  turn.session.resume = [];
  turn.session.misunderstood = 0;
}

/** Opens `target` over the current step, which resumes when the interruption reaches `@return`. */
export async function interrupt(turn: EngineTurn, target: string, reason: HandoffReason | undefined, seed?: Record<string, unknown>): Promise<void> {
  const { session } = turn;
  if (session.position && !session.resume.some((p) => p.flow === session.position!.flow && p.step === session.position!.step)) {
    session.resume.push(session.position);
  }
  return goTo(turn, target, session.position?.flow ?? turn.ctx.flows.home.flow, 0, reason ? { handoffReason: reason, ...seed } : seed);
}

export function end(turn: EngineTurn): void {
  const { session } = turn;
  session.position = null;
  session.history = [];
  session.resume = [];
  session.scratch = {};
  session.data = ConversationData.parse({});
  say(turn, 'engine.goodbye');
}

/** The current question again (after something it could not read), or the menu when there is none. */
/** Counts what the current step could not read, by step and by what was sent (the words never leave the turn). */
export function notUnderstood(turn: EngineTurn): void {
  const at = turn.session.position;
  turn.ctx.signal?.({ type: 'not_understood', step: at ? `${at.flow}.${at.step}` : 'none', reason: turn.event.type });
}

export async function reenter(turn: EngineTurn): Promise<void> {
  return turn.session.position ? enter(turn, turn.session.position, 0) : home(turn, false);
}

function remember(turn: EngineTurn, at: Position): void {
  const { history } = turn.session;
  const last = history.at(-1);
  if (last?.flow === at.flow && last.step === at.step) return;
  history.push(at);
  if (history.length > MAX_HISTORY) history.shift();
}

/** `seed` starts the scratch of the step entered (why a person was asked for). */
export async function goTo(turn: EngineTurn, target: string, fromFlow: string, hops: number, seed?: Record<string, unknown>): Promise<void> {
  const { session } = turn;
  const resolved = resolveTarget(turn.ctx.flows, fromFlow, target);
  if (!resolved) throw new FlowError(`flow "${fromFlow}": unknown target "${target}"`);
  if (resolved === '@end') {
    end(turn);
    return;
  }
  if (resolved === '@return') {
    // The interruption's own steps leave the history: "back" afterwards means the resident's previous question,
    // not the language question or a second request for a person.
    const interrupted = session.position?.flow;
    while (interrupted !== undefined && session.history.at(-1)?.flow === interrupted) session.history.pop();
    const back = session.resume.pop();
    return back ? enter(turn, back, hops) : home(turn, false);
  }
  const start = turn.ctx.flows.home;
  // Reaching the main menu ends a journey: "back" must not reopen a finished or abandoned one.
  if (resolved.flow === start.flow && resolved.step === start.step) return home(turn, false);
  return enter(turn, resolved, hops, seed);
}

export async function enter(turn: EngineTurn, position: Position, hops: number, seed: Record<string, unknown> = {}): Promise<void> {
  if (hops > MAX_HOPS) throw new FlowError(`flow "${position.flow}" moved ${MAX_HOPS} times without asking anything (a loop?)`);
  const step = stepAt(turn.ctx.flows, position);
  if (!step) throw new FlowError(`unknown step "${position.flow}.${position.step}"`);
  const { session } = turn;
  session.position = position;
  session.visit += 1;
  session.scratch = { ...seed };
  const outcome = await kindOf(step.kind).enter(step.config, turn);
  await follow(turn, outcome, hops);
}

/** Says what the step said and goes where it says; counts what it did not understand (the misunderstandings stage reads it). */
export async function follow(turn: EngineTurn, outcome: StepOutcome, hops: number): Promise<void> {
  const { session } = turn;
  turn.out.push(...outcome.messages);
  if (outcome.type === 'wait') {
    session.misunderstood = 0;
    return;
  }
  if (outcome.type === 'misunderstood') {
    session.misunderstood += 1;
    notUnderstood(turn);
    return;
  }
  return goTo(turn, outcome.to, session.position!.flow, hops + 1);
}
