// The welfare backend's HTTP contract as zod schemas: the one source of its types and of the OpenAPI document; no I/O.
import { z } from 'zod';

export const API_PREFIX = '/v1';

/**
 * Text in several languages; Italian is always present. `polite` holds, per language, the same text in the polite
 * register (Italian "Lei"), for a language whose usual wording says "tu": simple mode shows it.
 */
export const LocalizedText = z
  .object({
    it: z.string().min(1),
    polite: z
      .record(z.string().regex(/^[a-z]{2}$/), z.string().min(1))
      .optional()
      .meta({
        description:
          'The text in the polite register (Italian "Lei", Romanian "dumneavoastră"), by language; given where the usual wording addresses the reader informally.',
      }),
  })
  .catchall(z.string())
  .meta({
    id: 'LocalizedText',
    description: 'Text keyed by ISO 639-1 language code; "it" is always present. `polite` is optional and holds polite variants by language.',
  });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A text with its polite variants; none given, the text alone. */
export function withPolite(text: { it: string } & Record<string, string>, polite: Record<string, string>): LocalizedText {
  // The inferred type's index signature (every language a string) does not admit the `polite` map beside it.
  return (Object.keys(polite).length > 0 ? { ...text, polite } : text) as LocalizedText;
}

/** The languages a text is written in, polite variants left out. */
export function languagesOf(text: LocalizedText): [string, string][] {
  return Object.entries(text).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/** Every wording of a text, polite variants included: what a resident may type back. */
export function wordingsOf(text: LocalizedText): string[] {
  return [...languagesOf(text).map(([, words]) => words), ...Object.values(text.polite ?? {})];
}

export const Slug = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be a lower-case slug');

export const IsoDate = z.iso.date().meta({ description: 'Calendar date, YYYY-MM-DD' });
export const IsoDateTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO-8601 with the Europe/Rome offset' });

// ── Contact points: who answers, and when ───────────────────────────────────

const TimeRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/)
  .meta({ description: "HH:mm-HH:mm on Rome's wall clock; the end is excluded" });
const DayHours = z.array(TimeRange).optional();
/** Structured, not prose: the assistant words the hours in the resident's language, from this data only. */
export const OpeningHours = z
  .object({
    monday: DayHours,
    tuesday: DayHours,
    wednesday: DayHours,
    thursday: DayHours,
    friday: DayHours,
    saturday: DayHours,
    sunday: DayHours,
  })
  .strict()
  .meta({ id: 'OpeningHours', description: 'Weekly opening hours; a day not listed is closed.' });
export type OpeningHours = z.infer<typeof OpeningHours>;

export const ContactPoint = z
  .object({
    name: z.string(),
    email: z.email().optional(),
    phone: z.string().optional(),
    url: z.url().optional(),
    hours: LocalizedText.optional(),
    openingHours: OpeningHours.optional(),
  })
  .meta({ id: 'ContactPoint', description: 'CPSV-AP_IT: punto di contatto. `openingHours` is the structured form of `hours`.' });
export type ContactPoint = z.infer<typeof ContactPoint>;

// ── Municipalities and categories ──────────────────────────────────────────

export const Municipality = z
  .object({
    id: Slug,
    name: z.string(),
    province: z.string().length(2),
    patronDay: z.object({
      date: z
        .string()
        .regex(/^\d{2}-\d{2}$/)
        .meta({ description: 'MM-DD, every year' }),
      saint: LocalizedText,
    }),
    /** Where a resident reaches a person: the bot gives it when no staff desk answers in the chat. */
    socialServices: ContactPoint.optional(),
  })
  .meta({ id: 'Municipality' });
export type Municipality = z.infer<typeof Municipality>;
export const MunicipalityList = z.object({ items: z.array(Municipality) }).meta({ id: 'MunicipalityList' });
export type MunicipalityList = z.infer<typeof MunicipalityList>;

export const Category = z
  .object({ id: Slug, name: LocalizedText, description: LocalizedText })
  .meta({ id: 'Category', description: 'A service theme (CPSV-AP_IT: tema).' });
export type Category = z.infer<typeof Category>;
export const CategoryList = z.object({ items: z.array(Category) }).meta({ id: 'CategoryList' });
export type CategoryList = z.infer<typeof CategoryList>;

// ── Services (after CPSV-AP_IT) ─────────────────────────────────────────────

export const Audience = z.enum(['parents', 'children', 'teenagers', 'families', 'elderly', 'carers', 'adults', 'employees']);
export type Audience = z.infer<typeof Audience>;
export const LifeEvent = z.enum(['birth_of_a_child', 'school_life', 'ageing', 'economic_hardship', 'moving_to_italy', 'care_needs']);
export type LifeEvent = z.infer<typeof LifeEvent>;
export const Delivery = z.enum(['in_person', 'at_home', 'online']);
export type Delivery = z.infer<typeof Delivery>;
const ProviderKind = z.enum(['municipality', 'cooperative', 'consortium', 'company']);

export const Provider = z
  .object({ id: Slug, name: z.string(), kind: ProviderKind })
  .meta({ id: 'Provider', description: 'CPSV-AP_IT: autorità competente / erogatore.' });
export type Provider = z.infer<typeof Provider>;

export const PriceUnit = z.enum(['session', 'hour', 'month', 'course']);
export const Price = z
  .object({
    full: z.number().nonnegative(),
    reduced: z.number().nonnegative(),
    currency: z.literal('EUR'),
    unit: PriceUnit,
  })
  .meta({ id: 'Price', description: 'Euro amounts per unit; a free service has full 0.' });
export type Price = z.infer<typeof Price>;

export const AnswerType = z.enum(['boolean', 'integer', 'choice', 'date', 'municipality']);
export type AnswerType = z.infer<typeof AnswerType>;

const CriterionOption = z.object({ value: z.string(), label: LocalizedText }).meta({ id: 'CriterionOption' });

export const Criterion = z
  .object({
    id: Slug,
    question: LocalizedText,
    type: AnswerType,
    /** Allowed values for `choice` and `municipality`. */
    options: z.array(CriterionOption).optional(),
    /** Bounds for `integer`; for `date`, the earliest and latest allowed day. */
    min: z.union([z.number().int(), IsoDate]).optional(),
    max: z.union([z.number().int(), IsoDate]).optional(),
    /** Special categories (ISEE, health): the assistant asks only after consent and never logs the answer. */
    sensitive: z.boolean(),
    /** `price` criteria never make a resident ineligible: unanswered, the full price applies. */
    purpose: z.enum(['eligibility', 'price']),
    help: LocalizedText.optional(),
  })
  .meta({ id: 'Criterion', description: 'An eligibility question (CPSV-AP_IT: requisito / input).' });
export type Criterion = z.infer<typeof Criterion>;

export const Access = z.enum(['booking', 'voucher_application']);
export type Access = z.infer<typeof Access>;

export const ServiceSummary = z
  .object({
    id: Slug,
    name: LocalizedText,
    shortName: LocalizedText.optional().meta({
      description: 'A name of at most 40 characters for menus and buttons, given where `name` is longer; it still tells the service apart.',
    }),
    summary: LocalizedText,
    category: Slug,
    audience: z.array(Audience),
    provider: Provider,
    municipalities: z.array(Slug),
    /** Where it really takes place; see the meta description. */
    venues: z.array(Slug).optional().meta({
      description:
        'The municipalities where the service really takes place (in person or at home), from its schedule; `municipalities` says whose residents may use it. Absent when the service has no schedule.',
    }),
    delivery: z.array(Delivery),
    price: Price,
    access: Access,
  })
  .meta({ id: 'ServiceSummary' });
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const Service = ServiceSummary.extend({
  description: LocalizedText,
  lifeEvents: z.array(LifeEvent),
  requirements: z.array(LocalizedText),
  contactPoint: ContactPoint,
  municipalContact: z.boolean().optional().meta({
    description:
      "true: residents reach a person at their own municipality's social services (Municipality.socialServices); `contactPoint` is then only the service's owner.",
  }),
  criteria: z.array(Criterion),
}).meta({ id: 'Service', description: 'The full service card, after the Italian public-service profile CPSV-AP_IT.' });
export type Service = z.infer<typeof Service>;

export const ServiceList = z.object({ items: z.array(ServiceSummary), nextCursor: z.string().nullable() }).meta({ id: 'ServiceList' });
export type ServiceList = z.infer<typeof ServiceList>;

export const ServiceQuery = z.object({
  municipality: Slug.optional(),
  category: Slug.optional(),
  audience: Audience.optional(),
  lifeEvent: LifeEvent.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  lang: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().max(200).optional(),
});
export type ServiceQuery = z.input<typeof ServiceQuery>;

// ── Eligibility ────────────────────────────────────────────────────────────

export const AnswerValue = z.union([z.boolean(), z.number(), z.string().max(200)]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const Answers = z.record(Slug, AnswerValue).meta({ id: 'Answers', description: 'criterion id → answer' });
export type Answers = z.infer<typeof Answers>;

export const EligibilityRequest = z.object({ answers: Answers }).meta({ id: 'EligibilityRequest' });
export type EligibilityRequest = z.infer<typeof EligibilityRequest>;

const PriceTier = z.enum(['full', 'reduced']);
export const QuotedPrice = z
  .object({
    tier: PriceTier,
    amount: z.number().nonnegative(),
    currency: z.literal('EUR'),
    unit: PriceUnit,
    explanation: LocalizedText.optional(),
  })
  .meta({ id: 'QuotedPrice' });
export type QuotedPrice = z.infer<typeof QuotedPrice>;

export const CriterionResult = z
  .object({ id: Slug, met: z.boolean().nullable(), explanation: LocalizedText })
  .meta({ id: 'CriterionResult', description: 'met is null while the criterion is unanswered.' });
export type CriterionResult = z.infer<typeof CriterionResult>;

const EligibilityOutcome = z.enum(['eligible', 'not_eligible', 'undetermined']);

export const EligibilityResult = z
  .object({
    serviceId: Slug,
    outcome: EligibilityOutcome,
    missing: z.array(Criterion),
    criteria: z.array(CriterionResult),
    price: QuotedPrice,
    alternatives: z.array(Slug),
    rulesVersion: z.string(),
    notice: LocalizedText.meta({ description: 'Says this is guidance, not an official determination.' }),
  })
  .meta({ id: 'EligibilityResult' });
export type EligibilityResult = z.infer<typeof EligibilityResult>;

// ── Slots ──────────────────────────────────────────────────────────────────

export const SlotQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  municipality: Slug.optional().meta({
    description: "The resident's municipality: home visits (delivery at_home) of other municipalities are left out.",
  }),
});
export type SlotQuery = z.infer<typeof SlotQuery>;

export const Slot = z
  .object({
    id: z.string().min(1).max(120),
    serviceId: Slug,
    start: IsoDateTime,
    end: IsoDateTime,
    municipality: Slug.meta({
      description:
        'The municipality the slot belongs to (its patron day has no slots): where it takes place in person, the only one it visits at home, the team that runs it online.',
    }),
    delivery: Delivery,
    capacity: z.number().int().positive(),
    available: z.number().int().nonnegative(),
  })
  .meta({ id: 'Slot' });
export type Slot = z.infer<typeof Slot>;
export const SlotList = z.object({ items: z.array(Slot) }).meta({ id: 'SlotList' });
export type SlotList = z.infer<typeof SlotList>;

// ── Bookings ───────────────────────────────────────────────────────────────

const FiscalCodeString = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{16}$/, 'must be 16 letters and digits');

export const Person = z
  .object({
    givenName: z.string().trim().min(1).max(100),
    familyName: z.string().trim().min(1).max(100),
    fiscalCode: FiscalCodeString,
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ]{6,20}$/)
      .optional(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

// ── Corporate welfare credit ───────────────────────────────────────────────

/** Euro with at most two decimals: welfare credit and what is paid with it. */
export const Euro = z.number().nonnegative().multipleOf(0.01).meta({ multipleOf: 0.01 }); // the generator drops zod's multipleOf

export const WelfareAccountId = z
  .string()
  .regex(/^WA-[A-Z0-9]+-\d{4}$/, 'must look like WA-ACME-0001')
  .meta({ description: "The code the employer's welfare portal prints for the account, e.g. WA-ACME-0001." });

export const WelfareAccountStatus = z.enum(['active', 'expired']);
export type WelfareAccountStatus = z.infer<typeof WelfareAccountStatus>;

export const WelfareAccount = z
  .object({
    id: WelfareAccountId,
    employer: z.object({ id: Slug, name: z.string() }),
    plan: z.object({
      id: Slug,
      name: LocalizedText,
      coveredCategories: z.array(Slug),
      coveredServices: z.array(Slug),
    }),
    availableCredit: Euro,
    currency: z.literal('EUR'),
    expiresOn: IsoDate.meta({ description: 'Last day the credit can be spent (Europe/Rome).' }),
    status: WelfareAccountStatus.meta({ description: 'expired once expiresOn is before today (Europe/Rome).' }),
  })
  .meta({
    id: 'WelfareAccount',
    description:
      "An employee's corporate welfare credit. The plan covers a service when the service's category is in coveredCategories or its id in coveredServices.",
  });
export type WelfareAccount = z.infer<typeof WelfareAccount>;
export const WelfareAccountList = z.object({ items: z.array(WelfareAccount) }).meta({ id: 'WelfareAccountList' });
export type WelfareAccountList = z.infer<typeof WelfareAccountList>;

/** Microsoft Entra object id of a Teams user (a GUID). */
export const AadObjectId = z.guid();
export const WelfareAccountQuery = z.object({
  aadObjectId: AadObjectId.meta({ description: 'Microsoft Entra object id of the Teams user (activity.from.aadObjectId).' }),
});

/** How a booking is paid; without it the resident pays the provider directly. */
export const Payment = z
  .object({
    method: z.literal('welfare_credit'),
    // any string: an account the backend does not know is a 422 unknownAccount, whatever it looks like
    accountId: z.string().trim().min(1).max(64),
  })
  .meta({ id: 'Payment', description: "Pay the booking's quoted price with the credit of a welfare account." });
export type Payment = z.infer<typeof Payment>;

const BookingPayment = z
  .object({
    method: z.literal('welfare_credit'),
    accountId: WelfareAccountId,
    amount: Euro.meta({ description: "Charged to the account: the booking's total." }),
    creditLeft: Euro.meta({ description: "The account's credit right after the charge, or after the refund once refunded." }),
    refunded: z.boolean().meta({ description: 'true once the booking is cancelled and the amount is back on the account.' }),
  })
  .meta({ id: 'BookingPayment' });

export const Channel = z.enum(['telegram', 'botframework', 'terminal', 'web', 'other']);
export type Channel = z.infer<typeof Channel>;
export const Locale = z.string().regex(/^[a-z]{2}$/);

// ── Ownership: whose a booking or an application is ───────────────────────

const OwnerKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{32,128}$/, 'must be 32 to 128 letters, digits, _ or -')
  .meta({
    id: 'OwnerKey',
    description:
      'Opaque key of the chat identity that made a booking or an application: an HMAC of channel and user id with a secret only the ' +
      'assistant holds. Never the raw id; the backend only compares it.',
  });

/** A booking made from another chat: found with its reference and the fiscal code it was made with, both required. */
export const BookingLookupQuery = z.object({
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^WBC-\d{4}-\d{6}$/, 'must look like WBC-2026-000123'),
  fiscalCode: FiscalCodeString,
});
export type BookingLookupQuery = z.infer<typeof BookingLookupQuery>;

export const BookingListQuery = z.object({ ownerKey: OwnerKey });

export const BookingRequest = z
  .object({
    serviceId: Slug,
    slotId: z.string().min(1).max(120),
    person: Person,
    answers: Answers,
    channel: Channel,
    locale: Locale,
    payment: Payment.optional(),
    ownerKey: OwnerKey.optional().meta({
      description: 'Who made it: lists it under GET /bookings?ownerKey=. Without it, only the reference and fiscal code find it.',
    }),
  })
  .meta({ id: 'BookingRequest' });
export type BookingRequest = z.input<typeof BookingRequest>;

const BookingStatus = z.enum(['confirmed', 'cancelled']);
export const Booking = z
  .object({
    id: z.string(),
    reference: z.string().regex(/^WBC-\d{4}-\d{6}$/),
    status: BookingStatus,
    service: z.object({ id: Slug, name: LocalizedText, shortName: LocalizedText.optional() }),
    slot: Slot.pick({ id: true, start: true, end: true, municipality: true, delivery: true }),
    price: QuotedPrice,
    total: Euro.optional().meta({
      description:
        'What the booking costs: the unit price times the slot length in units (hours for a price per hour). Charged when paid with credit.',
    }),
    createdAt: IsoDateTime,
    cancelledAt: IsoDateTime.optional(),
    payment: BookingPayment.optional(),
  })
  .meta({ id: 'Booking' });
export type Booking = z.infer<typeof Booking>;
export const BookingList = z.object({ items: z.array(Booking) }).meta({ id: 'BookingList' });
export type BookingList = z.infer<typeof BookingList>;

// ── Grocery vouchers (buoni spesa) ─────────────────────────────────────────

export const IncomeSituation = z.enum(['no_income', 'income_reduced', 'income_unchanged']);
export type IncomeSituation = z.infer<typeof IncomeSituation>;

export const VoucherApplicationRequest = z
  .object({
    municipality: Slug,
    householdSize: z.number().int().min(1).max(20),
    incomeSituation: IncomeSituation,
    applicant: Person,
    consent: z.literal(true, { error: 'consent to the processing of personal data is required' }),
    channel: Channel,
    locale: Locale,
    ownerKey: OwnerKey.optional(),
  })
  .meta({
    id: 'VoucherApplicationRequest',
    description: 'One pending application per household (the applicant fiscal code): a second one while it is pending is a 409 voucherPending.',
  });
export type VoucherApplicationRequest = z.input<typeof VoucherApplicationRequest>;

export const VoucherStatus = z.enum(['submitted', 'under_review', 'approved', 'rejected']);
export type VoucherStatus = z.infer<typeof VoucherStatus>;

export const VoucherApplication = z
  .object({
    id: z.string(),
    reference: z.string().regex(/^BSP-\d{4}-\d{6}$/),
    status: VoucherStatus,
    explanation: LocalizedText,
    municipality: Slug,
    householdSize: z.number().int(),
    amount: z.number().nonnegative().nullable().meta({ description: 'Voucher amount in euro, once approved.' }),
    submittedAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'VoucherApplication' });
export type VoucherApplication = z.infer<typeof VoucherApplication>;

/** An application read in any later conversation: its code and the applicant's fiscal code, both required. */
export const VoucherLookupQuery = z.object({
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^BSP-\d{4}-\d{6}$/, 'must look like BSP-2026-000123'),
  fiscalCode: FiscalCodeString,
});
export type VoucherLookupQuery = z.infer<typeof VoucherLookupQuery>;

/** Back-office decision on an application (social services staff). */
export const VoucherStatusUpdate = z
  .object({ status: VoucherStatus.exclude(['submitted']), note: LocalizedText.optional() })
  .meta({ id: 'VoucherStatusUpdate' });
export type VoucherStatusUpdate = z.infer<typeof VoucherStatusUpdate>;

// ── Voucher status events: webhook and change feed ─────────────────────────

/** Header of every webhook: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; several v1 during a secret rotation. */
export const SIGNATURE_HEADER = 'Sportello-Signature';

export const VoucherStatusChangedEvent = z
  .object({
    id: z.uuid().meta({ description: 'Unique per event: a retried delivery carries the same id, so receivers drop repeats by it.' }),
    type: z.literal('voucher_application.status_changed'),
    occurredAt: IsoDateTime,
    application: VoucherApplication, // a description here would inline it instead of a $ref
  })
  .meta({
    id: 'VoucherStatusChangedEvent',
    description:
      'A voucher application changed status; `application` is as it is right after the change. Carries no applicant data: the receiver knows whose application it is.',
  });
export type VoucherStatusChangedEvent = z.infer<typeof VoucherStatusChangedEvent>;

export const VoucherChangesQuery = z.object({
  after: z.string().min(1).max(200).optional().meta({ description: 'The cursor of the previous page; none to start from the first event.' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type VoucherChangesQuery = z.input<typeof VoucherChangesQuery>;

export const VoucherChangeFeed = z
  .object({
    items: z.array(VoucherStatusChangedEvent),
    cursor: z.string().meta({ description: 'Opaque: pass it as `after` to get the events after these (the same cursor when there are none yet).' }),
  })
  .meta({ id: 'VoucherChangeFeed', description: 'Status-change events in the order they happened.' });
export type VoucherChangeFeed = z.infer<typeof VoucherChangeFeed>;

// ── Feedback after a service ───────────────────────────────────────────────

const Rating = z.number().int().min(1).max(5).meta({ description: '1 (it did not help) to 5 (it helped a lot)' });

export const FeedbackRequest = z
  .object({
    rating: Rating,
    comment: z.string().trim().max(500).optional(),
    channel: Channel,
    locale: Locale,
  })
  .meta({ id: 'FeedbackRequest' });
export type FeedbackRequest = z.input<typeof FeedbackRequest>;

export const Feedback = z
  .object({
    id: z.string(),
    bookingId: z.string(),
    rating: Rating,
    comment: z.string().optional().meta({ description: 'Absent when none was given (an empty comment counts as none).' }),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Feedback', description: "A resident's answer to the follow-up after a booked service; one per booking." });
export type Feedback = z.infer<typeof Feedback>;

// ── Errors (RFC 9457) ──────────────────────────────────────────────────────

export const ProblemType = {
  validation: '/problems/validation-error',
  invalidFiscalCode: '/problems/invalid-fiscal-code',
  notFound: '/problems/not-found',
  slotFull: '/problems/slot-full',
  slotUnavailable: '/problems/slot-unavailable',
  idempotencyKeyRequired: '/problems/idempotency-key-required',
  idempotencyConflict: '/problems/idempotency-key-reused',
  notEligible: '/problems/not-eligible',
  notBookable: '/problems/not-bookable',
  alreadyBooked: '/problems/already-booked',
  invalidTransition: '/problems/invalid-status-transition',
  /** 409: the account's credit is less than the booking's price. */
  insufficientCredit: '/problems/insufficient-credit',
  /** 409: the account's plan covers neither the service nor its category. */
  notCoveredByPlan: '/problems/not-covered-by-plan',
  /** 409: the account's expiresOn is past. */
  accountExpired: '/problems/account-expired',
  /** 422: the payment names an account the backend does not know. */
  unknownAccount: '/problems/unknown-account',
  /** 409: the booking already has its feedback (one per booking). */
  feedbackExists: '/problems/feedback-exists',
  /** 409: the household already has an application being examined; `pendingReference` names it. */
  voucherPending: '/problems/voucher-application-pending',
  /** 401: the request has no bearer token, or the wrong one. */
  unauthorized: '/problems/unauthorized',
  internal: '/problems/internal',
} as const;
export type ProblemType = (typeof ProblemType)[keyof typeof ProblemType];

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    pendingReference: z.string().optional().meta({ description: 'With voucherPending: the code of the application already pending.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof Problem>;
