// The whole-set check behind `npm run dialogs:check`: loader errors, unreachable steps, texts and placeholders per locale,
// every language's word data (lexicon.yaml) complete, choice limits.
import path from 'node:path';
import { foldName, LEXICON_FILE, readLexicons } from '../i18n/lexicon.js';
import { compareLocales, LocaleError, loadLocales, loadPoliteLocales, POLITE_FOLDER, type LocaleBundles } from '../i18n/locales.js';
import { readabilityProblems } from '../i18n/readability.js';
import { declaredTargets, DialogError, loadDialogs } from './dialog-loader.js';
import { AskingNoticeKind, CommandName, FlowCommandName } from './events.js';
import { resolveTarget, type FlowSet } from './flow.js';
import { stepKinds } from './steps/index.js';

/** Platform limits we keep everywhere: Telegram keyboards, Teams and Web Chat suggested actions. */
const MAX_CHOICES = 10;
const MAX_LABEL_CHARS = 40;

/** Keys the engine itself says, whatever the flows. */
const ENGINE_TEXTS = [
  'engine.welcome',
  'engine.not_understood',
  'engine.number_expected',
  'engine.stale_choice',
  'engine.attachment_unsupported',
  'engine.location_unused',
  'engine.contact_unused',
  'engine.offer_person',
  'engine.offer_help',
  'engine.talk_to_person',
  'main.simple_mode',
  'common.more',
  'common.back',
  'engine.goodbye',
  'errors.try_again',
  'errors.backend_unavailable',
  'errors.session_restarted',
  'errors.store_unavailable',
  'help.generic',
  'common.yes',
  'common.no',
];

export interface LintResult {
  problems: string[];
  flows: number;
  steps: number;
  languages: string[];
}

export function lintDialogs(dirs: { dialogs: string; locales: string; root: string }): LintResult {
  const problems: string[] = [];
  let bundles: LocaleBundles | undefined;
  try {
    bundles = loadLocales(dirs.locales, { rootForMessages: dirs.root });
  } catch (err) {
    if (!(err instanceof LocaleError)) throw err;
    problems.push(...err.problems);
  }
  let flows: FlowSet | undefined;
  try {
    flows = loadDialogs(dirs.dialogs, { root: dirs.root });
  } catch (err) {
    if (!(err instanceof DialogError)) throw err;
    problems.push(...err.problems);
  }
  let polite: LocaleBundles | undefined;
  try {
    if (bundles) polite = loadPoliteLocales(dirs.locales, bundles, { rootForMessages: dirs.root });
  } catch (err) {
    if (!(err instanceof LocaleError)) throw err;
    problems.push(...err.problems);
  }
  if (bundles) {
    const dirForMessages = path.relative(dirs.root, dirs.locales) || '.';
    problems.push(...compareLocales(bundles, 'it', { dirForMessages }), ...readabilityProblems(bundles, { lang: 'it', dirForMessages }));
    if (polite) problems.push(...readabilityProblems(polite, { lang: 'it', dirForMessages, subfolder: POLITE_FOLDER }));
    problems.push(...wordDataProblems(dirs));
  }
  if (flows) {
    problems.push(...undeclared(flows), ...unreachable(flows));
    if (bundles) problems.push(...missingTexts(flows, bundles, dirs), ...choiceLimits(flows, bundles, polite));
  }
  const steps = flows ? [...flows.flows.values()].reduce((n, f) => n + f.steps.size, 0) : 0;
  return { problems, flows: flows?.flows.size ?? 0, steps, languages: bundles ? [...bundles.keys()].sort() : [] };
}

/** What the engine opens by name must be declared: a command without a flow would fail in front of a resident. */
function undeclared(flows: FlowSet): string[] {
  const file = flows.flows.get(flows.home.flow)?.file ?? `${flows.home.flow}.yaml`;
  const entries = flows.entryPoints ?? { commands: {}, proactive: {} };
  return [
    ...FlowCommandName.options
      .filter((name) => !entries.commands[name])
      .map((name) => `${file}: entry_points.commands.${name}: no flow for the "${name}" command`),
    ...AskingNoticeKind.options
      .filter((kind) => !entries.proactive[kind])
      .map((kind) => `${file}: entry_points.proactive.${kind}: no flow for the ${kind} message`),
    ...(entries.deepLink ? [] : [`${file}: entry_points.deep_link: no step for service links (/start svc_<id>)`]),
    ...(entries.residenceAnswer ? [] : [`${file}: answers.residence: no answer name for municipality links (/start mun_<id>)`]),
  ];
}

/** Each language's lexicon.yaml: there, well formed, and naming every command the engine knows (and no other). */
function wordDataProblems(dirs: { locales: string; root: string }): string[] {
  const { data, problems } = readLexicons(dirs.locales, { rootForMessages: dirs.root });
  const known = CommandName.options as readonly string[];
  const localesDir = path.relative(dirs.root, dirs.locales) || '.';
  const byPhrase = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const [lang, words] of data) {
    const where = `${localesDir}/${lang}/${LEXICON_FILE}`;
    // A name two languages claim would choose whichever folder sorts last.
    for (const name of words.language.names) {
      const other = byName.get(foldName(name));
      if (other) problems.push(`${where}: language.names: "${name}" is also a name of ${other}`);
      byName.set(foldName(name), lang);
    }
    for (const name of known) if (!words.commands[name]) problems.push(`${where}: commands.${name}: missing (the phrases residents type for it)`);
    const named: [string, string][] = [
      ...Object.keys(words.commands).map((name): [string, string] => [`commands.${name}`, name]),
      ...Object.keys(words.slash_commands).map((name): [string, string] => [`slash_commands.${name}`, name]),
      ...words.advertised_commands.map((c, i): [string, string] => [`advertised_commands.${i}.name`, c.name]),
    ];
    for (const [at, name] of named)
      if (!known.includes(name)) problems.push(`${where}: ${at}: unknown command "${name}" (one of ${known.join(', ')})`);
    for (const [name, phrases] of Object.entries(words.commands)) {
      for (const phrase of phrases) {
        const other = byPhrase.get(phrase.toLowerCase());
        if (other && other !== name) problems.push(`${where}: commands.${name}: "${phrase}" is also ${other}`);
        byPhrase.set(phrase.toLowerCase(), name);
      }
    }
  }
  return problems;
}

function unreachable(flows: FlowSet): string[] {
  const declared = flows.entryPoints ? declaredTargets(flows.entryPoints).map((d) => d.target) : [];
  const roots = [`${flows.home.flow}.${flows.home.step}`, ...declared];
  const seen = new Set<string>();
  const queue: { flow: string; step: string }[] = [];
  const problems: string[] = [];
  const visit = (from: string, target: string, where: string) => {
    const resolved = resolveTarget(flows, from, target);
    if (resolved === undefined) {
      problems.push(`${where}: unknown target "${target}"`);
      return;
    }
    if (resolved === '@return' || resolved === '@end') return;
    const id = `${resolved.flow}.${resolved.step}`;
    if (!seen.has(id)) {
      seen.add(id);
      queue.push(resolved);
    }
  };
  for (const root of roots) visit(flows.home.flow, root, 'engine');
  while (queue.length > 0) {
    const { flow, step } = queue.shift()!;
    const def = flows.flows.get(flow)!.steps.get(step)!;
    for (const target of stepKinds[def.kind]!.targets(def.config)) visit(flow, target, `${flows.flows.get(flow)!.file}: steps.${step}`);
  }
  for (const flow of flows.flows.values()) {
    for (const step of flow.steps.keys()) {
      if (!seen.has(`${flow.id}.${step}`))
        problems.push(`${flow.file}: steps.${step}: unreachable from ${flows.home.flow}.${flows.home.step} or any command`);
    }
  }
  return problems;
}

function missingTexts(flows: FlowSet, bundles: LocaleBundles, dirs: { locales: string; root: string }): string[] {
  const problems: string[] = [];
  const localesDir = path.relative(dirs.root, dirs.locales) || '.';
  const check = (key: string, where: string) => {
    for (const [lang, messages] of bundles) {
      if (!messages.has(key)) problems.push(`${where}: text "${key}" is missing in ${localesDir}/${lang}`);
    }
  };
  for (const key of ENGINE_TEXTS) check(key, 'engine');
  for (const kind of new Set([...flows.flows.values()].flatMap((f) => [...f.steps.values()].map((s) => s.kind)))) {
    for (const key of stepKinds[kind]!.ownTexts) check(key, `kind ${kind}`);
  }
  for (const flow of flows.flows.values()) {
    for (const step of flow.steps.values()) {
      const where = `${flow.file}: steps.${step.id}`;
      for (const key of stepKinds[step.kind]!.texts(step.config)) check(key, where);
      if (step.help) check(step.help, `${where}.help`);
    }
  }
  return [...new Set(problems)];
}

/** Labels of both registers: a polite label ("Parlare con una persona") is often longer. */
function choiceLimits(flows: FlowSet, bundles: LocaleBundles, polite: LocaleBundles = new Map()): string[] {
  const problems: string[] = [];
  for (const flow of flows.flows.values()) {
    for (const step of flow.steps.values()) {
      const choices = (step.config as { choices?: { label: string }[] }).choices;
      if (!Array.isArray(choices)) continue;
      if (choices.length > MAX_CHOICES) problems.push(`${flow.file}: steps.${step.id}.choices: ${choices.length} choices, at most ${MAX_CHOICES}`);
      choices.forEach((choice, i) => {
        for (const [register, all] of [
          ['', bundles],
          [' (polite)', polite],
        ] as const) {
          for (const [lang, messages] of all) {
            const label = messages.get(choice.label);
            if (label && [...label].length > MAX_LABEL_CHARS) {
              problems.push(
                `${flow.file}: steps.${step.id}.choices.${i}.label: "${choice.label}" in ${lang}${register} is ${[...label].length} characters, at most ${MAX_LABEL_CHARS}`,
              );
            }
          }
        }
      });
    }
  }
  return problems;
}
