// Cross-checks of the corporate welfare seed (backend/data/welfare.yaml) against the catalogue; pure, reports every problem.
import type { z } from 'zod';
import type { CatalogueFiles, WelfareSeed } from './catalogue-schema.js';

type WelfareFile = z.infer<typeof CatalogueFiles.welfare>;
type Problem = (path: PropertyKey[], message: string) => void;

export interface KnownIds {
  municipalities: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  services: ReadonlySet<string>;
}

export function checkWelfareSeed(file: WelfareFile, known: KnownIds, problem: Problem): WelfareSeed {
  const employers = byId(file.employers, (i, id) => problem(['employers', i, 'id'], `duplicate employer id "${id}"`));
  const plans = byId(file.plans, (i, id) => problem(['plans', i, 'id'], `duplicate plan id "${id}"`));
  const accounts = byId(file.accounts, (i, id) => problem(['accounts', i, 'id'], `duplicate account id "${id}"`));

  const codes = new Map<string, string>();
  file.employers.forEach((e, i) => {
    const other = codes.get(e.code);
    if (other) problem(['employers', i, 'code'], `code "${e.code}" is already the code of "${other}"`);
    else codes.set(e.code, e.id);
    if (!known.municipalities.has(e.municipality)) problem(['employers', i, 'municipality'], `unknown municipality "${e.municipality}"`);
  });

  file.plans.forEach((p, i) => {
    if (!employers.has(p.employer)) problem(['plans', i, 'employer'], `unknown employer "${p.employer}"`);
    p.coveredCategories.forEach((c, j) => {
      if (!known.categories.has(c)) problem(['plans', i, 'coveredCategories', j], `unknown category "${c}"`);
    });
    p.coveredServices.forEach((s, j) => {
      if (!known.services.has(s)) problem(['plans', i, 'coveredServices', j], `unknown service "${s}"`);
    });
    if (p.coveredCategories.length === 0 && p.coveredServices.length === 0) {
      problem(['plans', i], 'a plan must cover at least one category (coveredCategories) or service (coveredServices)');
    }
  });

  file.accounts.forEach((a, i) => {
    const plan = plans.get(a.plan);
    if (!plan) return problem(['accounts', i, 'plan'], `unknown plan "${a.plan}"`);
    const employer = employers.get(plan.employer);
    // residents read the code off their employer's portal: its middle part says whose account it is
    if (employer && !a.id.startsWith(`WA-${employer.code}-`)) {
      problem(['accounts', i, 'id'], `an account of ${employer.id} starts with "WA-${employer.code}-"`);
    }
  });

  return { employers, plans, accounts };
}

function byId<T extends { id: string }>(items: readonly T[], duplicate: (index: number, id: string) => void): Map<string, T> {
  const found = new Map<string, T>();
  items.forEach((item, i) => {
    if (found.has(item.id)) duplicate(i, item.id);
    else found.set(item.id, item);
  });
  return found;
}
