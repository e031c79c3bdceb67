// Flows as loaded from dialogs/: steps by id and how a transition target resolves; no I/O.
import { SportelloError } from '../errors.js';
import type { Position } from './session.js';

/** A flow that asks the engine for something it cannot do, or reaches a step without what it needs: an authoring mistake. */
export class FlowError extends SportelloError {
  readonly code = 'flow_error';
  override readonly name = 'FlowError';
}

export interface StepDef {
  id: string;
  kind: string;
  /** Already parsed with the kind's own schema. */
  config: unknown;
  /** Text key shown for "help" at this step, else the kind's or the generic one. */
  help?: string;
}

export interface Flow {
  id: string;
  /** Path relative to the project root, for error messages. */
  file: string;
  start: string;
  steps: Map<string, StepDef>;
}

export interface FlowSet {
  flows: Map<string, Flow>;
  /** Where a new conversation and the "menu" command go. */
  home: Position;
  /** What the engine opens by name, as main.yaml declares it; absent, those commands and links are authoring mistakes. */
  entryPoints?: EntryPoints;
}

/** main.yaml's `entry_points` and `answers`: the names the engine needs from the flows, targets as a step writes them. */
export interface EntryPoints {
  /** A global command that opens a flow ("language", "person"…) → where it goes. */
  commands: Partial<Record<string, string>>;
  /** A question Sportello asks first ("reminder", "followup") → where it goes. */
  proactive: Partial<Record<string, string>>;
  /** `/start svc_<service id>` opens this step with the service chosen. */
  deepLink?: string;
  /** `/start mun_<municipality id>` keeps the municipality as this answer. */
  residenceAnswer?: string;
  /** The question of a child's age, answered from free text that says it ("mio figlio di 9 anni"). */
  childAgeAnswer?: string;
}

/** `@return` resumes an interrupted step, `@end` closes the conversation. */
export type Target = Position | '@return' | '@end';

/**
 * A bare name is a step of the same flow; `flow.step` is a step of another flow;
 * `flow` alone is that flow's start step.
 */
export function resolveTarget(flows: FlowSet, from: string, target: string): Target | undefined {
  if (target === '@return' || target === '@end') return target;
  const dot = target.indexOf('.');
  if (dot === -1) {
    if (flows.flows.get(from)?.steps.has(target)) return { flow: from, step: target };
    const other = flows.flows.get(target);
    return other ? { flow: other.id, step: other.start } : undefined;
  }
  const flow = flows.flows.get(target.slice(0, dot));
  const step = target.slice(dot + 1);
  return flow?.steps.has(step) ? { flow: flow.id, step } : undefined;
}

export function stepAt(flows: FlowSet, position: Position): StepDef | undefined {
  return flows.flows.get(position.flow)?.steps.get(position.step);
}
