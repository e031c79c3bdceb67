// Static step kinds a flow author composes freely: say something, offer a menu, ask one typed question.
import { z } from 'zod';
import { parseNumberAnswer } from '../choice-match.js';
import { askChoice, go, misunderstood, readChoice, reask, wait, type StepKind, type StepTurn } from '../step-kind.js';
import { Key, Target } from './common.js';

/** `vars` names answers of `ask` steps that the text shows as `{placeholders}`. */
const SayConfig = z.object({ text: Key, vars: z.array(z.string().min(1)).optional(), next: Target }).strict();
const say: StepKind<z.infer<typeof SayConfig>> = {
  config: SayConfig,
  targets: (c) => [c.next],
  texts: (c) => [c.text],
  ownTexts: [],
  enter: async (c, turn) => {
    const params = Object.fromEntries((c.vars ?? []).map((name) => [name, turn.session.data.vars[name] ?? '']));
    return go(c.next, { type: 'text', text: turn.t(c.text, params) });
  },
  onEvent: async (c) => go(c.next),
};

const MenuConfig = z
  .object({
    text: Key,
    choices: z.array(z.object({ id: z.string().regex(/^[a-z0-9_]+$/), label: Key, next: Target, synonyms: Key.optional() }).strict()).min(1),
    /** Where typed text that is no menu option goes, as a search query. */
    freeText: Target.optional(),
  })
  .strict();
type MenuConfig = z.infer<typeof MenuConfig>;

const synonymsOf = (turn: StepTurn, key: string | undefined) =>
  key
    ? turn
        .t(key)
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

const menu: StepKind<MenuConfig> = {
  config: MenuConfig,
  targets: (c) => [...c.choices.map((o) => o.next), ...(c.freeText ? [c.freeText] : [])],
  texts: (c) => [c.text, ...c.choices.flatMap((o) => [o.label, ...(o.synonyms ? [o.synonyms] : [])])],
  ownTexts: [],
  enter: async (c, turn) =>
    wait(
      askChoice(
        turn,
        turn.t(c.text),
        c.choices.map((o) => ({ id: o.id, label: turn.t(o.label), synonyms: synonymsOf(turn, o.synonyms) })),
      ),
    ),
  onEvent: async (c, event, turn) => {
    const read = readChoice(event, turn);
    if (read.kind === 'chosen') return go(c.choices.find((o) => o.id === read.id)!.next);
    if (c.freeText && event.type === 'text' && event.text.trim().length >= 3) {
      turn.session.data.query = event.text.trim();
      return go(c.freeText);
    }
    return reask(turn, turn.t(c.text));
  },
};

const AskConfig = z
  .object({
    text: Key,
    var: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/),
    type: z.enum(['text', 'integer', 'yes_no', 'choice']),
    options: z.array(z.object({ value: z.string(), label: Key }).strict()).optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    invalid: Key.optional(),
    next: Target,
  })
  .strict()
  .refine((c) => c.type !== 'choice' || (c.options?.length ?? 0) > 0, { error: 'a choice question needs options', path: ['options'] });
type AskConfig = z.infer<typeof AskConfig>;

/** One typed question whose answer goes to `data.vars[var]`. */
const ask: StepKind<AskConfig> = {
  config: AskConfig,
  targets: (c) => [c.next],
  texts: (c) => [c.text, ...(c.options ?? []).map((o) => o.label), ...(c.invalid ? [c.invalid] : [])],
  ownTexts: ['common.yes', 'common.no', 'engine.not_understood', 'engine.number_expected'],
  enter: async (c, turn) => {
    if (c.type === 'yes_no')
      return wait(
        askChoice(turn, turn.t(c.text), [
          { id: 'yes', label: turn.t('common.yes') },
          { id: 'no', label: turn.t('common.no') },
        ]),
      );
    if (c.type === 'choice')
      return wait(
        askChoice(
          turn,
          turn.t(c.text),
          c.options!.map((o) => ({ id: o.value, label: turn.t(o.label) })),
        ),
      );
    return wait({ type: 'text', text: turn.t(c.text) });
  },
  onEvent: async (c, event, turn) => {
    const vars = turn.session.data.vars;
    if (c.type === 'yes_no' || c.type === 'choice') {
      const read = readChoice(event, turn);
      if (read.kind !== 'chosen') return reask(turn, turn.t(c.text));
      vars[c.var] = c.type === 'yes_no' ? read.id === 'yes' : read.id;
      return go(c.next);
    }
    if (event.type !== 'text') return misunderstood({ type: 'text', text: turn.t(c.text) });
    if (c.type === 'text') {
      vars[c.var] = event.text.trim();
      return go(c.next);
    }
    const n = parseNumberAnswer(event.text, turn.ctx.translator.lexicon);
    const inRange = n !== undefined && (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
    if (!inRange) {
      const hint = turn.t(c.invalid ?? 'engine.number_expected', { min: c.min ?? 0, max: c.max ?? 999 });
      return misunderstood({ type: 'text', text: hint }, { type: 'text', text: turn.t(c.text) });
    }
    vars[c.var] = n;
    return go(c.next);
  },
};

const RememberConfig = z.object({ vars: z.array(z.string().min(1)).min(1), next: Target }).strict();

/** Keeps answers of `ask` steps in the resident's profile, so a later conversation need not ask them again. */
const remember: StepKind<z.infer<typeof RememberConfig>> = {
  config: RememberConfig,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: [],
  enter: async (c, turn) => {
    for (const name of c.vars) {
      const value = turn.session.data.vars[name];
      if (value !== undefined) turn.profile.answers[name] = value;
    }
    return go(c.next);
  },
  onEvent: async (c) => go(c.next),
};

const SetConfig = z.object({ var: z.string().min(1), value: z.union([z.string(), z.number(), z.boolean()]), next: Target }).strict();

/** Records a fact the path itself tells (the branch of a menu taken), without asking. */
const set: StepKind<z.infer<typeof SetConfig>> = {
  config: SetConfig,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: [],
  enter: async (c, turn) => {
    turn.session.data.vars[c.var] = c.value;
    return go(c.next);
  },
  onEvent: async (c) => go(c.next),
};

export const basicKinds = { say, menu, ask, remember, set };
