// Loads dialogs/*.yaml into flows: every step's config checked by its kind's schema, every transition resolved.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { SportelloError } from '../errors.js';
import { AskingNoticeKind, FlowCommandName } from './events.js';
import { resolveTarget, type EntryPoints, type Flow, type FlowSet, type StepDef } from './flow.js';
import { stepKinds } from './steps/index.js';

const HOME_FLOW = 'main';

export class DialogError extends SportelloError {
  readonly code = 'dialog_invalid';
  constructor(readonly problems: string[]) {
    super(`invalid dialogs:\n  ${problems.join('\n  ')}`);
    this.name = 'DialogError';
  }
}

const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _');
const Target = z.string().min(1);
/** A map of names the engine knows to targets; a name it does not know says which ones it does. */
const namedTargets = <K extends string>(names: readonly K[], what: string) =>
  z
    .record(z.string(), Target)
    .default({})
    .superRefine((map, ctx) => {
      for (const key of Object.keys(map)) {
        if (!(names as readonly string[]).includes(key))
          ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" is no ${what} (one of: ${names.join(', ')})` });
      }
    })
    .transform((map) => map as Partial<Record<K, string>>);
/** What the engine opens by name: only main.yaml says it, so one file lists every way into the flows. */
const EntryPointsFile = z
  .object({
    commands: namedTargets(FlowCommandName.options, 'command that opens a flow'),
    proactive: namedTargets(AskingNoticeKind.options, 'message written first that asks a question'),
    deep_link: Target.optional(),
  })
  .strict();
/** Answers the engine itself writes, by the name the steps read them with. */
const AnswersFile = z.object({ residence: Id.optional(), child_age: Id.optional() }).strict();
const FlowFile = z
  .object({
    start: Id,
    steps: z.record(Id, z.object({ kind: z.string(), help: z.string().optional() }).loose()),
    // Read on their own below: a mistake there must not hide the steps of main.yaml.
    entry_points: z.unknown().optional(),
    answers: z.unknown().optional(),
  })
  .strict();

const dotted = (parts: readonly PropertyKey[]) => parts.map(String).join('.');

export function loadDialogs(dir: string, opts: { root?: string } = {}): FlowSet {
  const root = opts.root ?? process.cwd();
  const problems: string[] = [];
  const flows = new Map<string, Flow>();
  let entryPoints: EntryPoints = { commands: {}, proactive: {} };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();

  for (const name of files) {
    const full = path.join(dir, name);
    const file = path.relative(root, full).split(path.sep).join('/');
    const report = (where: string, what: string) => problems.push(`${file}: ${where}: ${what}`);
    const flowId = path.basename(name, path.extname(name));
    if (!Id.safeParse(flowId).success) {
      report('(file name)', 'a flow file is named with lower-case letters, digits and _');
      continue;
    }
    const doc = parseDocument(readFileSync(full, 'utf8'));
    if (doc.errors.length > 0) {
      for (const e of doc.errors) report(`line ${e.linePos?.[0]?.line ?? '?'}`, `bad YAML syntax: ${e.message.split('\n')[0]!}`);
      continue;
    }
    const parsed = FlowFile.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report(dotted(issue.path) || '(root)', issue.message);
      continue;
    }
    if (flowId !== HOME_FLOW) {
      if (parsed.data.entry_points !== undefined) report('entry_points', `only ${HOME_FLOW}.yaml declares entry points`);
      if (parsed.data.answers !== undefined) report('answers', `only ${HOME_FLOW}.yaml declares the engine's answers`);
    } else {
      const entries = EntryPointsFile.optional().safeParse(parsed.data.entry_points);
      const answers = AnswersFile.optional().safeParse(parsed.data.answers);
      for (const [where, result] of [
        ['entry_points', entries],
        ['answers', answers],
      ] as const) {
        if (!result.success) for (const issue of result.error.issues) report(dotted([where, ...issue.path]), issue.message);
      }
      entryPoints = {
        commands: entries.data?.commands ?? {},
        proactive: entries.data?.proactive ?? {},
        ...(entries.data?.deep_link ? { deepLink: entries.data.deep_link } : {}),
        ...(answers.data?.residence ? { residenceAnswer: answers.data.residence } : {}),
        ...(answers.data?.child_age ? { childAgeAnswer: answers.data.child_age } : {}),
      };
    }
    const steps = new Map<string, StepDef>();
    for (const [stepId, raw] of Object.entries(parsed.data.steps)) {
      const { kind, help, ...rest } = raw;
      const stepKind = stepKinds[kind];
      if (!stepKind) {
        report(`steps.${stepId}.kind`, `unknown kind "${kind}" (known: ${Object.keys(stepKinds).sort().join(', ')})`);
        continue;
      }
      const config = stepKind.config.safeParse(rest);
      if (!config.success) {
        for (const issue of config.error.issues) report(`steps.${stepId}${issue.path.length ? '.' : ''}${dotted(issue.path)}`, issue.message);
        continue;
      }
      steps.set(stepId, { id: stepId, kind, config: config.data, ...(help ? { help } : {}) });
    }
    if (!(parsed.data.start in parsed.data.steps)) report('start', `unknown step "${parsed.data.start}"`);
    flows.set(flowId, { id: flowId, file, start: parsed.data.start, steps });
  }

  const home = flows.get(HOME_FLOW);
  if (!home) problems.push(`${path.relative(root, dir) || dir}: there is no ${HOME_FLOW}.yaml: it holds where every conversation starts`);
  const set: FlowSet = { flows, home: { flow: HOME_FLOW, step: home?.start ?? 'menu' }, entryPoints };

  for (const flow of flows.values()) {
    for (const step of flow.steps.values()) {
      const kind = stepKinds[step.kind]!;
      for (const target of kind.targets(step.config)) {
        if (!resolveTarget(set, flow.id, target)) {
          const key = findKeyOf(step.config, target);
          problems.push(`${flow.file}: steps.${step.id}${key ? `.${key}` : ''}: unknown step "${target}"`);
        }
      }
    }
  }
  if (home) {
    for (const { where, target } of declaredTargets(entryPoints)) {
      // An entry point opens a step: `@return` or `@end` would leave the resident nowhere.
      const resolved = resolveTarget(set, HOME_FLOW, target);
      if (!resolved || resolved === '@return' || resolved === '@end') problems.push(`${home.file}: ${where}: unknown step "${target}"`);
    }
  }
  if (problems.length > 0) throw new DialogError(problems);
  return set;
}

/** Every target main.yaml's `entry_points` declares, with where it says it. */
export function declaredTargets(entryPoints: EntryPoints): { where: string; target: string }[] {
  return [
    ...Object.entries(entryPoints.commands).map(([name, target]) => ({ where: `entry_points.commands.${name}`, target: target! })),
    ...Object.entries(entryPoints.proactive).map(([kind, target]) => ({ where: `entry_points.proactive.${kind}`, target: target! })),
    ...(entryPoints.deepLink ? [{ where: 'entry_points.deep_link', target: entryPoints.deepLink }] : []),
  ];
}

/** The dotted path of a value inside a config, so an error points at the line to fix. */
function findKeyOf(value: unknown, wanted: string, at: string[] = []): string | undefined {
  if (value === wanted) return at.join('.');
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findKeyOf(v, wanted, [...at, k]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
