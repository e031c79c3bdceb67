// Loads backend/data/*.yaml into a validated, cross-checked Catalogue; reads files only, never writes or serves them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { DataFileError } from '../src/errors.js';
import { BACKEND_DATA_DIR, shownPath } from '../src/paths.js';
import { languagesOf, type AnswerType } from '../src/welfare/contract.js';
import { scheduleClashes } from './slots.js';
import { CatalogueFiles, type Catalogue, type CriterionDef, type Rule, type ServiceDef } from './catalogue-schema.js';
import { checkWelfareSeed } from './welfare-seed.js';

export const defaultCatalogueDir = BACKEND_DATA_DIR;

export class CatalogueError extends DataFileError {
  readonly code = 'catalogue_invalid';
  override readonly name = 'CatalogueError';
  constructor(problems: string[]) {
    super(problems, 'the catalogue');
  }
}

type Path = string | readonly PropertyKey[];
type Report = (file: string, path: Path, message: string) => void;
interface ServiceFile {
  file: string;
  def: ServiceDef;
}

// which rule kinds each answer type can be judged by, so errors can say what to write instead
const RULE_KINDS: Record<AnswerType, Rule['kind'][]> = {
  boolean: ['equals'],
  choice: ['equals', 'one_of'],
  municipality: ['one_of'],
  integer: ['range'],
  date: ['age_from_date'],
};

export function loadCatalogue(dir: string = defaultCatalogueDir): Catalogue {
  const problems: string[] = [];
  const report: Report = (file, path, message) => problems.push(`${shownPath(file)}: ${dotted(path)}: ${message}`);

  const municipalities = readYaml(join(dir, 'municipalities.yaml'), CatalogueFiles.municipalities, report)?.municipalities;
  const categories = readYaml(join(dir, 'categories.yaml'), CatalogueFiles.categories, report)?.categories;
  const providers = readYaml(join(dir, 'providers.yaml'), CatalogueFiles.providers, report)?.providers;
  const criteriaFile = readYaml(join(dir, 'criteria.yaml'), CatalogueFiles.criteria, report);
  const welfarePath = join(dir, 'welfare.yaml');
  const welfareFile = readYaml(welfarePath, CatalogueFiles.welfare, report);

  const servicesDir = join(dir, 'services');
  const names = existsSync(servicesDir)
    ? readdirSync(servicesDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  if (names.length === 0) report(servicesDir, '(dir)', 'no service files (*.yaml) found');
  const services: ServiceFile[] = [];
  // a broken file still names a service: alternatives pointing at it are not reported a second time
  const brokenServiceIds = new Set<string>();
  for (const name of names) {
    const file = join(servicesDir, name);
    const def = readYaml(file, CatalogueFiles.service, report);
    if (def) services.push({ file, def });
    else brokenServiceIds.add(basename(name, extname(name)));
  }

  // cross-checks against a file that did not parse would only repeat its problems
  if (!municipalities || !categories || !providers || !criteriaFile) throw new CatalogueError(problems);

  const at = (file: string) => (path: Path, message: string) => report(file, path, message);
  const listCheck = (file: string, key: string, label: string) => (index: number, id: string) =>
    report(file, [key, index, 'id'], `duplicate ${label} id "${id}"`);
  const municipalityIds = uniqueIds(municipalities, listCheck(join(dir, 'municipalities.yaml'), 'municipalities', 'municipality'));
  // Without a desk in the chat this is the only way a resident reaches a person: it must say how.
  municipalities.forEach((m, i) => {
    const c = m.socialServices;
    if (!c?.phone && !c?.email)
      report(join(dir, 'municipalities.yaml'), ['municipalities', i, 'socialServices'], 'missing: a phone or an e-mail of the social services');
  });
  const categoryIds = uniqueIds(categories, listCheck(join(dir, 'categories.yaml'), 'categories', 'category'));
  const providerIds = uniqueIds(providers, listCheck(join(dir, 'providers.yaml'), 'providers', 'provider'));
  const criteriaPath = join(dir, 'criteria.yaml');
  uniqueIds(criteriaFile.criteria, listCheck(criteriaPath, 'criteria', 'criterion'));
  criteriaFile.criteria.forEach((c, i) => checkCriterion(c, (path, message) => report(criteriaPath, ['criteria', i, ...path], message)));
  const criteria = new Map(criteriaFile.criteria.map((c) => [c.id, c]));

  const firstFileOf = new Map<string, string>();
  for (const { file, def } of services) {
    const other = firstFileOf.get(def.id);
    if (other) report(file, 'id', `duplicate service id "${def.id}" (also in ${shownPath(other)})`);
    else firstFileOf.set(def.id, file);
  }
  const serviceIds = new Set([...firstFileOf.keys(), ...brokenServiceIds]);
  const priceCriteria = new Set(services.flatMap(({ def }) => (def.reducedPrice ? [def.reducedPrice.criterion] : [])));

  for (const { file, def } of services) {
    const problem = at(file);
    const stem = basename(file, extname(file));
    if (def.id !== stem) problem('id', `"${def.id}" must match the file name "${stem}"`);
    if (!providerIds.has(def.provider)) problem('provider', `unknown provider "${def.provider}"`);
    if (!categoryIds.has(def.category)) problem('category', `unknown category "${def.category}"`);
    def.municipalities.forEach((m, i) => {
      if (!municipalityIds.has(m)) problem(['municipalities', i], `unknown municipality "${m}"`);
    });
    def.alternatives.forEach((a, i) => {
      if (a === def.id) problem(['alternatives', i], 'a service cannot be its own alternative');
      else if (!serviceIds.has(a)) problem(['alternatives', i], `unknown service "${a}"`);
    });
    def.schedule.forEach((entry, i) => {
      if (!municipalityIds.has(entry.municipality)) problem(['schedule', i, 'municipality'], `unknown municipality "${entry.municipality}"`);
      else if (!def.municipalities.includes(entry.municipality))
        problem(['schedule', i, 'municipality'], `"${entry.municipality}" is not among the service's municipalities`);
      if (!def.delivery.includes(entry.delivery))
        problem(['schedule', i, 'delivery'], `"${entry.delivery}" is not among the service's delivery modes`);
    });
    // Two entries at the same place and time would give two slots one id.
    for (const clash of scheduleClashes(def.schedule)) problem('schedule', clash);
    if (def.access === 'voucher_application' && def.schedule.length > 0)
      problem('schedule', 'a voucher_application service has no schedule: write []');
    if (def.access === 'booking' && def.schedule.length === 0) problem('schedule', 'a booking service needs at least one schedule entry');
    if (def.price.reduced > def.price.full) problem('price.reduced', 'must not be more than the full price');

    const asked = new Set<string>();
    def.eligibility.forEach(({ criterion, rule }, i) => {
      const c = criteria.get(criterion);
      if (!c) return problem(['eligibility', i, 'criterion'], `unknown criterion "${criterion}"`);
      if (asked.has(criterion)) problem(['eligibility', i, 'criterion'], `"${criterion}" is already judged by an earlier rule`);
      asked.add(criterion);
      if (priceCriteria.has(criterion))
        problem(['eligibility', i, 'criterion'], `"${criterion}" decides a reduced price, so it cannot decide eligibility`);
      const wrong = ruleProblem(c, rule, municipalityIds);
      if (wrong) problem(['eligibility', i, 'rule', ...wrong[0]], wrong[1]);
    });
    if (def.reducedPrice) {
      const { criterion, values } = def.reducedPrice;
      const c = criteria.get(criterion);
      if (!c) problem('reducedPrice.criterion', `unknown criterion "${criterion}"`);
      else if (c.type !== 'choice') problem('reducedPrice.criterion', `"${criterion}" is a ${c.type} criterion; a reduced price needs a choice`);
      else checkValues(c, values, (j, message) => problem(['reducedPrice', 'values', j], message));
    }
  }
  // services and welfare plans are checked independently: a broken welfare.yaml still lets service problems through
  const welfare =
    welfareFile && checkWelfareSeed(welfareFile, { municipalities: municipalityIds, categories: categoryIds, services: serviceIds }, at(welfarePath));
  if (problems.length > 0 || !welfare) throw new CatalogueError(problems);

  const filled = criteriaFile.criteria.map((c) =>
    c.type === 'municipality' ? { ...c, options: municipalities.map((m) => ({ value: m.id, label: { it: m.name, en: m.name } })) } : c,
  );
  const defs = services.map(({ def }) => def);
  return {
    municipalities,
    categories,
    providers: new Map(providers.map((p) => [p.id, p])),
    criteria: new Map(filled.map((c) => [c.id, c])),
    services: defs,
    rulesVersion: `${criteriaFile.rulesVersion}+${rulesHash(filled, defs)}`,
    welfare,
  };
}

function readYaml<S extends z.ZodType>(file: string, schema: S, report: Report): z.output<S> | undefined {
  if (!existsSync(file)) {
    report(file, '(file)', 'file not found');
    return undefined;
  }
  const doc = parseDocument(readFileSync(file, 'utf8'));
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      report(file, `line ${e.linePos?.[0].line ?? '?'}`, `bad YAML syntax: ${message}`);
    }
    return undefined;
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) report(file, issue.path, issue.message);
  return undefined;
}

function uniqueIds(items: readonly { id: string }[], duplicate: (index: number, id: string) => void): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id)) duplicate(i, item.id);
    ids.add(item.id);
  });
  return ids;
}

function checkCriterion(c: CriterionDef, problem: (path: PropertyKey[], message: string) => void): void {
  if (c.type === 'choice') {
    if (!c.options || c.options.length === 0) problem(['options'], 'a choice criterion needs options');
    else
      uniqueIds(
        c.options.map((o) => ({ id: o.value })),
        (j, v) => problem(['options', j, 'value'], `duplicate option "${v}"`),
      );
  } else if (c.options) {
    problem(
      ['options'],
      c.type === 'municipality' ? 'options are filled from municipalities.yaml: remove them' : `a ${c.type} criterion has no options`,
    );
  }
  const boundType = c.type === 'integer' ? 'number' : c.type === 'date' ? 'string' : undefined;
  for (const key of ['min', 'max'] as const) {
    const bound = c[key];
    if (bound === undefined) continue;
    if (!boundType) problem([key], `a ${c.type} criterion has no ${key}`);
    else if (typeof bound !== boundType) problem([key], c.type === 'integer' ? 'must be a whole number' : 'must be a date, YYYY-MM-DD');
  }
  if (c.min !== undefined && c.max !== undefined && typeof c.min === typeof c.max && c.min > c.max) problem(['min'], 'must not be greater than max');
  // An unknown {name} would reach the resident as written.
  for (const [field, allowed] of WORDING_PLACEHOLDERS) {
    const text = c[field];
    const templates: [PropertyKey[], string][] = text
      ? [
          ...languagesOf(text).map(([lang, t]): [PropertyKey[], string] => [[lang], t]),
          ...Object.entries(text.polite ?? {}).map(([lang, t]): [PropertyKey[], string] => [['polite', lang], t]),
        ]
      : [];
    for (const [at, template] of templates) {
      for (const [, name = ''] of template.matchAll(/\{(\w*)\}/g)) {
        if (!allowed.includes(name)) problem([field, ...at], `{${name}} is not one of {${allowed.join('}, {')}}`);
      }
    }
  }
}

const WORDING_PLACEHOLDERS: [keyof CriterionDef & ('wants' | 'has' | 'each' | 'subject'), readonly string[]][] = [
  ['wants', ['bounds', 'values']],
  ['has', ['value']],
  ['each', ['label']],
  ['subject', []],
];

function ruleProblem(c: CriterionDef, rule: Rule, municipalityIds: Set<string>): [PropertyKey[], string] | undefined {
  const fitting = RULE_KINDS[c.type];
  if (!fitting.includes(rule.kind))
    return [['kind'], `rule "${rule.kind}" does not fit the ${c.type} criterion "${c.id}"; use ${fitting.join(' or ')}`];
  let found: [PropertyKey[], string] | undefined;
  const collect = (j: number | undefined, message: string) => {
    found ??= [j === undefined ? ['value'] : ['values', j], message];
  };
  switch (rule.kind) {
    case 'equals':
      if (c.type === 'boolean' && typeof rule.value !== 'boolean') return [['value'], 'must be true or false'];
      if (c.type === 'choice') checkValues(c, [String(rule.value)], (_, message) => collect(undefined, message));
      return found;
    case 'one_of':
      if (c.type === 'choice' && !rule.values) return [[], `a one_of rule on the choice criterion "${c.id}" needs values`];
      (rule.values ?? []).forEach((v, j) => {
        if (c.type === 'municipality' && !municipalityIds.has(v)) collect(j, `unknown municipality "${v}"`);
      });
      if (c.type === 'choice') checkValues(c, rule.values ?? [], collect);
      return found;
    case 'range':
    case 'age_from_date':
      return rule.min !== undefined && rule.max !== undefined && rule.min > rule.max ? [['min'], 'must not be greater than max'] : undefined;
  }
}

function checkValues(c: CriterionDef, values: string[], problem: (index: number, message: string) => void): void {
  const options = (c.options ?? []).map((o) => o.value);
  values.forEach((v, j) => {
    if (!options.includes(v)) problem(j, `"${v}" is not an option of "${c.id}" (${options.join(', ')})`);
  });
}

// municipalities are hashed too: a one_of rule without values means "where the service is offered"
function rulesHash(criteria: CriterionDef[], services: ServiceDef[]): string {
  const rules = services.map((s) => ({ id: s.id, municipalities: s.municipalities, eligibility: s.eligibility, reducedPrice: s.reducedPrice }));
  return createHash('sha256').update(stableJson({ criteria, rules })).digest('hex').slice(0, 8);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  // Parsed YAML holds no functions or symbols: undefined is the one value JSON.stringify has no text for.
  return value === undefined ? 'null' : JSON.stringify(value);
}

function dotted(path: Path): string {
  if (typeof path === 'string') return path;
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}
