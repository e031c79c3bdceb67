// The reference backend's eligibility rules: answers + rules data → explained outcome; pure, no I/O.
import { DateTime } from 'luxon';
import type { AnswerValue, Answers, Criterion, CriterionResult, EligibilityResult, LocalizedText, QuotedPrice } from '../src/welfare/contract.js';
import type { Catalogue, CriterionDef, EligibilityRule, ServiceDef } from './catalogue-schema.js';
import { explain } from './explanations.js';

const ROME = 'Europe/Rome';
const MAX_ALTERNATIVES = 3;

export interface FieldProblem {
  path: string;
  message: string;
}

/** The criteria a service asks about: eligibility ones first, then the one deciding the price tier. */
export function criteriaOf(catalogue: Catalogue, service: ServiceDef): Criterion[] {
  const out: Criterion[] = service.eligibility.map((r) => toCriterion(definition(catalogue, r.criterion), 'eligibility'));
  if (service.reducedPrice) out.push(toCriterion(definition(catalogue, service.reducedPrice.criterion), 'price'));
  return out;
}

function toCriterion(def: CriterionDef, purpose: Criterion['purpose']): Criterion {
  const { subject: _subject, wants: _wants, has: _has, each: _each, ...rest } = def;
  return { ...rest, purpose };
}

function definition(catalogue: Catalogue, id: string): CriterionDef {
  const def = catalogue.criteria.get(id);
  // The loader cross-checks every reference, so this is a programming error.
  if (!def) throw new Error(`criterion "${id}" is not in the catalogue`);
  return def;
}

/** Type-checks the answers this service uses; answers to other services' questions are ignored. */
export function validateAnswers(catalogue: Catalogue, service: ServiceDef, answers: Answers, today: DateTime): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const criterion of criteriaOf(catalogue, service)) {
    const value = answers[criterion.id];
    if (value === undefined) continue;
    const message = answerProblem(criterion, value, today);
    if (message) problems.push({ path: `answers.${criterion.id}`, message });
  }
  return problems;
}

function answerProblem(c: Criterion, value: AnswerValue, today: DateTime): string | undefined {
  switch (c.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
      if (typeof c.min === 'number' && value < c.min) return `must be at least ${c.min}`;
      if (typeof c.max === 'number' && value > c.max) return `must be at most ${c.max}`;
      return undefined;
    }
    case 'choice':
    case 'municipality': {
      const allowed = (c.options ?? []).map((o) => o.value);
      return typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of: ${allowed.join(', ')}`;
    }
    case 'date': {
      if (typeof value !== 'string') return 'must be a date (YYYY-MM-DD)';
      const day = DateTime.fromISO(value, { zone: ROME });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !day.isValid) return 'must be a date (YYYY-MM-DD)';
      if (typeof c.min === 'string' && value < c.min) return `must not be before ${c.min}`;
      if (day > today.setZone(ROME).endOf('day')) return 'must not be in the future';
      return undefined;
    }
  }
}

interface Judged {
  met: boolean | null;
  explanation: LocalizedText;
}

function judge(def: CriterionDef, rule: EligibilityRule['rule'], service: ServiceDef, value: AnswerValue | undefined, today: DateTime): Judged {
  if (value === undefined) return { met: null, explanation: explain.unanswered(def) };
  switch (rule.kind) {
    case 'equals':
      return { met: value === rule.value, explanation: explain.rule(def, { values: [rule.value] }, value) };
    case 'one_of': {
      const allowed = rule.values ?? service.municipalities;
      return { met: allowed.includes(String(value)), explanation: explain.rule(def, { values: allowed }, value) };
    }
    case 'range': {
      const n = Number(value);
      const ok = (rule.min === undefined || n >= rule.min) && (rule.max === undefined || n <= rule.max);
      return { met: ok, explanation: explain.rule(def, { bounds: rule }, value) };
    }
    case 'age_from_date': {
      const born = DateTime.fromISO(String(value), { zone: ROME });
      const age = Math.floor(today.setZone(ROME).startOf('day').diff(born, 'years').years);
      const ok = (rule.min === undefined || age >= rule.min) && (rule.max === undefined || age <= rule.max);
      return { met: ok, explanation: explain.rule(def, { bounds: rule }, value, age) };
    }
  }
}

function judgeAll(catalogue: Catalogue, service: ServiceDef, answers: Answers, today: DateTime): CriterionResult[] {
  return service.eligibility.map((r) => {
    const judged = judge(definition(catalogue, r.criterion), r.rule, service, answers[r.criterion], today);
    return { id: r.criterion, ...judged };
  });
}

function quote(catalogue: Catalogue, service: ServiceDef, answers: Answers): QuotedPrice {
  const base = { currency: 'EUR' as const, unit: service.price.unit };
  const rule = service.reducedPrice;
  if (!rule || service.price.full === service.price.reduced) return { ...base, tier: 'full', amount: service.price.full };
  const def = definition(catalogue, rule.criterion);
  const value = answers[rule.criterion];
  const wanted = { values: rule.values };
  if (value === undefined) return { ...base, tier: 'full', amount: service.price.full, explanation: explain.priceUnanswered(def, wanted) };
  const reduced = rule.values.includes(String(value));
  return {
    ...base,
    tier: reduced ? 'reduced' : 'full',
    amount: reduced ? service.price.reduced : service.price.full,
    explanation: explain.rule(def, wanted, value),
  };
}

function alternativesFor(catalogue: Catalogue, service: ServiceDef, answers: Answers, today: DateTime): string[] {
  const sameCategory = catalogue.services.filter((s) => s.category === service.category).map((s) => s.id);
  const candidates = [...new Set([...service.alternatives, ...sameCategory])].filter((id) => id !== service.id);
  const viable = candidates.filter((id) => {
    const other = catalogue.services.find((s) => s.id === id);
    return other !== undefined && other.access === 'booking' && judgeAll(catalogue, other, answers, today).every((r) => r.met !== false);
  });
  return viable.slice(0, MAX_ALTERNATIVES);
}

export function evaluateEligibility(catalogue: Catalogue, service: ServiceDef, answers: Answers, today: DateTime): EligibilityResult {
  const criteria = judgeAll(catalogue, service, answers, today);
  const failed = criteria.some((r) => r.met === false);
  const unknown = criteria.some((r) => r.met === null);
  const outcome = failed ? 'not_eligible' : unknown ? 'undetermined' : 'eligible';
  // Once a criterion fails, asking for more would waste the resident's time.
  const missing = failed ? [] : criteriaOf(catalogue, service).filter((c) => answers[c.id] === undefined);
  return {
    serviceId: service.id,
    outcome,
    missing,
    criteria,
    price: quote(catalogue, service, answers),
    alternatives: failed ? alternativesFor(catalogue, service, answers, today) : [],
    rulesVersion: catalogue.rulesVersion,
    notice: explain.notice,
  };
}
