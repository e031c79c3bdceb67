// Schemas of the reference backend's seed data files (backend/data/*.yaml); no I/O.
import { z } from 'zod';
import {
  AadObjectId,
  Access,
  Audience,
  ContactPoint,
  Criterion,
  Delivery,
  Euro,
  IsoDate,
  LifeEvent,
  LocalizedText,
  Municipality,
  Category,
  PriceUnit,
  Provider,
  Slug,
  WelfareAccountId,
} from '../src/welfare/contract.js';

/** A question shared by services, with the words its explanations are made of (see criteria.yaml). */
export const CriterionDef = Criterion.omit({ purpose: true })
  .extend({ subject: LocalizedText, wants: LocalizedText, has: LocalizedText.optional(), each: LocalizedText.optional() })
  .strict();
export type CriterionDef = z.infer<typeof CriterionDef>;

/** How one answer is judged. `one_of` without values, on a municipality question, means "where the service is offered". */
export const Rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('equals'), value: z.union([z.boolean(), z.string()]) }).strict(),
  z.object({ kind: z.literal('one_of'), values: z.array(z.string()).min(1).optional() }).strict(),
  z.object({ kind: z.literal('range'), min: z.number().int().optional(), max: z.number().int().optional() }).strict(),
  z.object({ kind: z.literal('age_from_date'), min: z.number().int().optional(), max: z.number().int().optional() }).strict(),
]);
export type Rule = z.infer<typeof Rule>;

export const EligibilityRule = z.object({ criterion: Slug, rule: Rule }).strict();
export type EligibilityRule = z.infer<typeof EligibilityRule>;

/** The reduced tier applies when the answer to `criterion` is one of `values` (e.g. ISEE bands). */
const ReducedPriceRule = z.object({ criterion: Slug, values: z.array(z.string()).min(1) }).strict();

/** A recurring weekly offer: ISO weekdays (1 = Monday … 6 = Saturday; Sundays never have slots). */
export const ScheduleEntry = z
  .object({
    weekdays: z.array(z.number().int().min(1).max(6)).min(1),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    minutes: z.number().int().min(15).max(480),
    capacity: z.number().int().min(1).max(500),
    municipality: Slug,
    delivery: Delivery,
  })
  .strict();
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

export const ServiceDef = z
  .object({
    id: Slug,
    name: LocalizedText,
    /** For menus, where `name` is longer than a button holds (40 characters). */
    shortName: LocalizedText.optional(),
    summary: LocalizedText,
    description: LocalizedText,
    category: Slug,
    audience: z.array(Audience).min(1),
    lifeEvents: z.array(LifeEvent),
    provider: Slug,
    municipalities: z.array(Slug).min(1),
    delivery: z.array(Delivery).min(1),
    price: z.object({ full: z.number().nonnegative(), reduced: z.number().nonnegative(), unit: PriceUnit }).strict(),
    access: Access,
    /** Extra search words per language (synonyms, everyday words residents use). */
    keywords: z.record(z.string().regex(/^[a-z]{2}$/), z.array(z.string())).default({}),
    requirements: z.array(LocalizedText),
    contactPoint: ContactPoint,
    /** Each municipality's social services answer for it (municipalities.yaml socialServices), not `contactPoint`. */
    municipalContact: z.boolean().optional(),
    eligibility: z.array(EligibilityRule),
    reducedPrice: ReducedPriceRule.optional(),
    schedule: z.array(ScheduleEntry),
    /** Preferred alternatives when a resident is not eligible, best first. */
    alternatives: z.array(Slug).default([]),
  })
  .strict();
export type ServiceDef = z.infer<typeof ServiceDef>;

const ProviderDef = Provider.extend({ contactPoint: ContactPoint.optional() }).strict();
type ProviderDef = z.infer<typeof ProviderDef>;

/** A company of the network with a welfare plan; `code` is the middle of its account codes (WA-OMB-0001). */
const EmployerDef = z
  .object({
    id: Slug,
    name: z.string().min(1),
    code: z.string().regex(/^[A-Z0-9]{2,10}$/, 'must be 2 to 10 capital letters or digits'),
    municipality: Slug,
    sector: LocalizedText,
  })
  .strict();
type EmployerDef = z.infer<typeof EmployerDef>;

export const WelfarePlanDef = z
  .object({
    id: Slug,
    employer: Slug,
    name: LocalizedText,
    coveredCategories: z.array(Slug).default([]),
    coveredServices: z.array(Slug).default([]),
  })
  .strict();
export type WelfarePlanDef = z.infer<typeof WelfarePlanDef>;

/** An employee's account; `credit` is the opening balance, which paid bookings lower while the backend runs. */
export const WelfareAccountDef = z
  .object({
    id: WelfareAccountId,
    plan: Slug,
    credit: Euro,
    expiresOn: IsoDate,
    aadObjectId: AadObjectId.optional(),
  })
  .strict();
export type WelfareAccountDef = z.infer<typeof WelfareAccountDef>;

export const CatalogueFiles = {
  municipalities: z.object({ municipalities: z.array(Municipality) }).strict(),
  categories: z.object({ categories: z.array(Category) }).strict(),
  providers: z.object({ providers: z.array(ProviderDef) }).strict(),
  criteria: z.object({ rulesVersion: z.string().min(1), criteria: z.array(CriterionDef) }).strict(),
  service: ServiceDef,
  welfare: z.object({ employers: z.array(EmployerDef), plans: z.array(WelfarePlanDef), accounts: z.array(WelfareAccountDef) }).strict(),
};

/** Corporate welfare: who offers a plan, what each plan covers, and the employees' accounts, all by id. */
export interface WelfareSeed {
  employers: Map<string, EmployerDef>;
  plans: Map<string, WelfarePlanDef>;
  accounts: Map<string, WelfareAccountDef>;
}

/** The validated, cross-checked seed catalogue that the reference backend serves. */
export interface Catalogue {
  municipalities: Municipality[];
  categories: Category[];
  providers: Map<string, ProviderDef>;
  criteria: Map<string, CriterionDef>;
  services: ServiceDef[];
  rulesVersion: string;
  welfare: WelfareSeed;
}
