// What every route of the reference backend shares: catalogue, search index, records (welfare credit opened from the seed), clock.
import type { DateTime } from 'luxon';
import type { Municipality, Service, ServiceSummary, VoucherStatusChangedEvent } from '../src/welfare/contract.js';
import type { Catalogue, ServiceDef } from './catalogue-schema.js';
import { criteriaOf } from './eligibility.js';
import { Ledger } from './ledger.js';
import { createServiceSearch } from './search.js';
import type { VoucherPolicy } from './vouchers.js';
import { problem } from './problem.js';
import { ProblemType } from '../src/welfare/contract.js';

export interface BackendContext {
  catalogue: Catalogue;
  municipalitiesById: Map<string, Municipality>;
  search: ReturnType<typeof createServiceSearch>;
  ledger: Ledger;
  policy: VoucherPolicy;
  now: () => DateTime;
  /** Tells the webhook subscribers, in the background: it returns at once and never throws. */
  notify: (event: VoucherStatusChangedEvent) => void;
}

export function createContext(
  catalogue: Catalogue,
  policy: VoucherPolicy,
  now: () => DateTime,
  notify: BackendContext['notify'] = () => {},
): BackendContext {
  const ledger = new Ledger();
  for (const account of catalogue.welfare.accounts.values()) ledger.openAccount(account.id, account.credit);
  return {
    catalogue,
    municipalitiesById: new Map(catalogue.municipalities.map((m) => [m.id, m])),
    search: createServiceSearch(catalogue.services),
    ledger,
    policy,
    now,
    notify,
  };
}

/** A timestamp as the contract writes it: UTC, to the second. */
export function isoAt(at: DateTime): string {
  return at.toUTC().toISO({ suppressMilliseconds: true })!;
}

export function serviceOr404(ctx: BackendContext, id: string): ServiceDef {
  const service = ctx.catalogue.services.find((s) => s.id === id);
  if (!service) throw problem(ProblemType.notFound, 404, `There is no service "${id}".`);
  return service;
}

// In the catalogue's order of municipalities; an online team's town is not a place the resident goes to.
function venuesOf(ctx: BackendContext, s: ServiceDef): string[] {
  const places = new Set(s.schedule.filter((e) => e.delivery !== 'online').map((e) => e.municipality));
  if (places.size === 0) return s.municipalities;
  return ctx.catalogue.municipalities.map((m) => m.id).filter((id) => places.has(id));
}

export function toSummary(ctx: BackendContext, s: ServiceDef): ServiceSummary {
  const provider = ctx.catalogue.providers.get(s.provider)!;
  return {
    id: s.id,
    name: s.name,
    ...(s.shortName ? { shortName: s.shortName } : {}),
    summary: s.summary,
    category: s.category,
    audience: s.audience,
    provider: { id: provider.id, name: provider.name, kind: provider.kind },
    municipalities: s.municipalities,
    ...(s.schedule.length > 0 ? { venues: venuesOf(ctx, s) } : {}),
    delivery: s.delivery,
    price: { full: s.price.full, reduced: s.price.reduced, currency: 'EUR', unit: s.price.unit },
    access: s.access,
  };
}

export function toService(ctx: BackendContext, s: ServiceDef): Service {
  return {
    ...toSummary(ctx, s),
    description: s.description,
    lifeEvents: s.lifeEvents,
    requirements: s.requirements,
    contactPoint: s.contactPoint,
    ...(s.municipalContact ? { municipalContact: true } : {}),
    criteria: criteriaOf(ctx.catalogue, s),
  };
}
