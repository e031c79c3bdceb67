// Every language × every bookable service of the catalogue: the card, the eligibility outcome (reduced, full, skipped,
// not eligible), the slots, the read-back and the confirmation, through the real step kinds and the reference backend
// over HTTP. No text may keep a placeholder, cut a label or contradict itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CriterionDef, EligibilityRule, ServiceDef } from '../../backend/catalogue-schema.js';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import { DIALOGS_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import { formatPrice } from '../../src/i18n/format.js';
import type { BotMessage } from '../../src/conversation/messages.js';
import type { StepKind, StepOutcome, StepTurn } from '../../src/conversation/step-kind.js';
import { bookingKinds } from '../../src/conversation/steps/booking.js';
import { discoveryKinds } from '../../src/conversation/steps/discovery.js';
import { eligibilityKinds } from '../../src/conversation/steps/eligibility.js';
import { skipVar } from '../../src/conversation/steps/eligibility/shared.js';
import { wordingsOf, type Answers, type AnswerValue } from '../../src/welfare/contract.js';
import { resident } from '../support/people.js';
import { stepHarness, type StepHarness } from '../support/step-turn.js';

const LANGS = ['it', 'en', 'ro', 'sq', 'uk', 'ar', 'zh'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind parses its own config
function run(kind: StepKind<any>, config: unknown) {
  const parsed: unknown = kind.config.parse(config);
  return (turn: StepTurn) => kind.enter(parsed, turn);
}
const card = run(discoveryKinds.service_card, { next: 'eligibility', apply: 'apply', list: 'list', menu: 'menu' });
const outcome = run(eligibilityKinds.eligibility_outcome, { eligible: 'slot', alternative: 'card', menu: 'menu', ask: 'ask' });
const pickSlot = run(bookingKinds.pick_slot, { next: 'consent', none: 'none' });
const confirm = run(bookingKinds.confirm_booking, { next: 'book', declined: 'menu' });
const book = run(bookingKinds.book, { next: 'done', slot: 'slot', eligibility: 'eligibility', identity: 'identity' });

let h: StepHarness;
beforeAll(async () => {
  h = await stepHarness();
  h.ctx.flows = loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT });
});
afterAll(() => h.close());

const catalogue = () => h.backend.context.catalogue;
const bookable = () => catalogue().services.filter((s) => s.access === 'booking');
const criterion = (id: string): CriterionDef => catalogue().criteria.get(id)!;

/** A birth date `years` old on the backend's day. */
const bornYearsAgo = (years: number) => h.ctx.now.setZone('Europe/Rome').minus({ years, months: 1 }).toISODate()!;

/** Where the service happens, so a home visit is offered to this resident. */
const homeOf = (s: ServiceDef) => s.schedule.find((e) => e.delivery === 'at_home')?.municipality ?? s.schedule[0]!.municipality;

function passing(s: ServiceDef, rule: EligibilityRule['rule']): AnswerValue {
  switch (rule.kind) {
    case 'equals':
      return rule.value;
    case 'one_of':
      return rule.values?.[0] ?? homeOf(s);
    case 'range':
      return rule.min ?? rule.max!;
    case 'age_from_date':
      return bornYearsAgo((rule.min ?? 0) + 5);
  }
}

/** An answer the question accepts and the rule refuses, when there is one. */
function failing(s: ServiceDef, def: CriterionDef, rule: EligibilityRule['rule']): AnswerValue | undefined {
  switch (rule.kind) {
    case 'equals':
      return typeof rule.value === 'boolean' ? !rule.value : def.options?.find((o) => o.value !== rule.value)?.value;
    case 'one_of': {
      const allowed = rule.values ?? s.municipalities;
      const options = def.type === 'municipality' ? catalogue().municipalities.map((m) => m.id) : (def.options ?? []).map((o) => o.value);
      return options.find((o) => !allowed.includes(o));
    }
    case 'range': {
      if (rule.max !== undefined && (typeof def.max !== 'number' || rule.max < def.max)) return rule.max + 1;
      if (rule.min !== undefined && (typeof def.min !== 'number' || rule.min > def.min)) return rule.min - 1;
      return undefined;
    }
    case 'age_from_date':
      return rule.min !== undefined && rule.min > 1 ? bornYearsAgo(rule.min - 1) : bornYearsAgo((rule.max ?? 100) + 1);
  }
}

/** Answers every rule accepts; where the service asks no municipality, the one it visits (home visits need it). */
function eligibleAnswers(s: ServiceDef): Answers {
  return { residence: homeOf(s), ...Object.fromEntries(s.eligibility.map((r) => [r.criterion, passing(s, r.rule)])) };
}

function turnFor(lang: string, s: ServiceDef, answers: Answers): StepTurn {
  const turn = h.turn(lang);
  turn.session.data.serviceId = s.id;
  turn.session.data.answers = { ...answers };
  return turn;
}

interface Said {
  where: string;
  text: string;
  labels: string[];
}
const said: Said[] = [];
function keep(where: string, out: StepOutcome): StepOutcome {
  const labels = out.messages.flatMap((m: BotMessage) => (m.type === 'choices' ? m.choices.map((c) => c.label) : []));
  said.push({ where, text: renderForTerminal(out.messages), labels });
  return out;
}

let booked = 0;
async function walk(lang: string, s: ServiceDef): Promise<void> {
  const at = (what: string) => `${lang} ${s.id} ${what}`;
  const eligible = eligibleAnswers(s);
  keep(at('card'), await card(turnFor(lang, s, {})));

  const price = s.reducedPrice;
  if (price) {
    const cheap = price.values[0]!;
    const dear = criterion(price.criterion).options!.find((o) => !price.values.includes(o.value))!.value;
    keep(at('outcome reduced'), await outcome(turnFor(lang, s, { ...eligible, [price.criterion]: cheap })));
    keep(at('outcome full'), await outcome(turnFor(lang, s, { ...eligible, [price.criterion]: dear })));
    const skipped = turnFor(lang, s, eligible);
    skipped.session.data.vars[skipVar(price.criterion)] = true;
    keep(at('outcome skipped'), await outcome(skipped));
  } else {
    keep(at('outcome'), await outcome(turnFor(lang, s, eligible)));
  }
  for (const r of s.eligibility) {
    const wrong = failing(s, criterion(r.criterion), r.rule);
    if (wrong !== undefined)
      keep(at(`outcome not eligible (${r.criterion})`), await outcome(turnFor(lang, s, { ...eligible, [r.criterion]: wrong })));
  }

  const answers = price ? { ...eligible, [price.criterion]: price.values[0]! } : eligible;
  const turn = turnFor(lang, s, answers);
  keep(at('slots'), await pickSlot(turn));
  // Each language books in its own week, so a one-seat home visit is free for all seven.
  const week = h.ctx.now.setZone('Europe/Rome').plus({ weeks: LANGS.indexOf(lang as (typeof LANGS)[number]) });
  const range = { from: week.toISODate()!, to: week.plus({ days: 6 }).toISODate()!, municipality: String(answers.residence) };
  const slot = (await h.ctx.welfare.listSlots(s.id, range)).find((x) => x.available > 0);
  if (!slot) throw new Error(`${at('slots')}: no free slot`);
  const { data } = turn.session;
  data.slotId = slot.id;
  data.slotStart = slot.start;
  data.consent.booking = h.ctx.now.toUTC().toISO()!;
  data.person = resident(booked++);
  keep(at('read-back'), await confirm(turn));
  const done = keep(at('booked'), await book(turn));
  expect(done, at('booked')).toMatchObject({ type: 'go', to: 'done' });
}

describe('every text of every language, for every bookable service', () => {
  beforeAll(async () => {
    for (const lang of LANGS) for (const s of bookable()) await walk(lang, s);
  }, 60_000);

  it('walked every language and service', () => {
    expect(bookable().length).toBeGreaterThanOrEqual(10);
    expect(said.length).toBeGreaterThan(LANGS.length * bookable().length * 5);
  });

  it('leaves no placeholder', () => {
    const left = said.filter((s) => /[{}]/.test(s.text)).map((s) => `${s.where}: ${s.text}`);
    expect(left).toEqual([]);
  });

  it('cuts no label: no "…", and no label that is the start of a longer name', () => {
    const names = catalogue().services.flatMap((s) => wordingsOf(s.name));
    const cut = said.flatMap((s) =>
      s.labels.filter((l) => l.includes('…') || names.some((n) => n !== l && n.startsWith(l) && l.length >= 8)).map((l) => `${s.where}: ${l}`),
    );
    expect(cut).toEqual([]);
  });

  it('never says eligible and not eligible, or free and a price, in one answer', () => {
    const contradictions: string[] = [];
    for (const lang of LANGS) {
      const t = (key: string) => h.ctx.translator.t(lang, key);
      for (const s of said.filter((x) => x.where.startsWith(`${lang} `))) {
        if (s.text.includes(t('eligibility.outcome.eligible')) && s.text.includes(t('eligibility.outcome.not_eligible')))
          contradictions.push(`${s.where}: eligible and not eligible`);
        if (s.text.includes(t('eligibility.outcome.free')) && /€/.test(s.text)) contradictions.push(`${s.where}: free and a price`);
        if (s.where.includes('not eligible') && !/✗/.test(s.text)) contradictions.push(`${s.where}: not eligible without a failed reason`);
      }
    }
    expect(contradictions).toEqual([]);
  });

  it('reads back the reduced price the outcome promised', () => {
    const wrong: string[] = [];
    for (const lang of LANGS) {
      for (const s of bookable().filter((x) => x.reducedPrice && x.price.reduced !== x.price.full)) {
        const money = (n: number) => formatPrice(n, lang, h.ctx.translator.lexicon);
        const promised = said.find((x) => x.where === `${lang} ${s.id} outcome reduced`)!;
        const readBack = said.find((x) => x.where === `${lang} ${s.id} read-back`)!;
        if (!promised.text.includes(money(s.price.reduced))) wrong.push(`${promised.where}: no ${money(s.price.reduced)}`);
        if (!readBack.text.includes(money(s.price.reduced))) wrong.push(`${readBack.where}: no ${money(s.price.reduced)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('offers a way to give a skipped price answer wherever it says that answering may lower the price', () => {
    for (const lang of LANGS) {
      const label = h.ctx.translator.t(lang, 'eligibility.outcome.answer_price');
      for (const s of said.filter((x) => x.where.startsWith(`${lang} `) && x.where.endsWith('outcome skipped'))) {
        expect(s.labels, s.where).toContain(label);
      }
    }
  });
});
