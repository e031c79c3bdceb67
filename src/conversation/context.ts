// What a turn may use besides the session: clock, flows, texts and the welfare backend; and what it asks the edges to do.
import type { DateTime } from 'luxon';
import type { MessageParams, Translator } from '../i18n/translator.js';
import type { Channel } from '../welfare/contract.js';
import type { WelfarePort } from '../welfare/port.js';
import type { EscalationReason } from './escalation.js';
import type { FlowSet } from './flow.js';

export interface TurnContext {
  now: DateTime;
  flows: FlowSet;
  translator: Translator;
  welfare: WelfarePort;
  channel: Channel;
  /** The opaque key of this chat identity (channel and user, HMAC-hashed): whose bookings and applications are "mine". */
  ownerKey?: string;
  /** A fresh unique id (idempotency keys); injectable so tests are repeatable. */
  newId(): string;
  /** Who is writing, as far as the channel knows beyond the conversation (a Teams user's Entra ID object id). */
  user?: { aadObjectId?: string };
  /** Which messages written first the resident did not ask for, and how many of those a week; a default when absent. */
  proactivePolicy?: ProactivePolicy;
  /** Staff who can take over; absent when no staff desk is configured (the resident is told how to reach an office). */
  staff?: StaffAvailability;
  /** What the consents and the privacy notice say about the data kept: the configured retention and the controllers. */
  privacy: PrivacyFacts;
  /** Tells the app what residents needed and did not get (counted; searches kept scrubbed); absent: nobody listens. */
  signal?(signal: TurnSignal): void;
}

/** What the municipalities learn from a turn: a search with no result, a misunderstanding, an escalation. */
export type TurnSignal =
  /** The resident's own words: the app keeps them only as scrubbed terms, and never logs them. */
  | { type: 'search_unmatched'; query: string }
  /** "flow.step", and what the resident sent that it could not read (the event's type): never the words. */
  | { type: 'not_understood'; step: string; reason: string }
  /** Where the resident was ("flow.step", or "none") when handed towards a person, and why. */
  | { type: 'escalated'; step: string; reason: EscalationReason };

/** Facts of the deployment a resident is told about their data; they come from the configuration, never from a text. */
export interface PrivacyFacts {
  /** How long what is kept lives after the last message: SESSION_TTL_HOURS, PROFILE_TTL_DAYS, DEDUPE_TTL_HOURS. */
  retention: { sessionHours: number; profileDays: number; dedupeHours: number };
  /** The data controller ("titolare del trattamento") for the residents of each municipality, by municipality id. */
  controllers: Record<string, DataController>;
}

/** Who answers a resident's privacy requests for a municipality. */
export interface DataController {
  name: string;
  email?: string;
  pec?: string;
  phone?: string;
}

export interface ProactivePolicy {
  /** At most this many non-essential messages per resident per week. */
  weeklyCap: number;
  /** Kinds of proactive notice the opt-out and the weekly cap apply to. */
  nonEssential: readonly string[];
}

/** Who would answer a resident, and whether they are in now. */
export interface StaffAvailability {
  check(about: { category?: string; municipality?: string }, at: DateTime): Promise<Availability>;
  /** Whether a team (an id of the office hours) is in at `at`; unknown teams are not. */
  teamOpen(team: string, at: DateTime): Promise<boolean>;
  /** What to tell a resident about an opening ("tomorrow at 9:00"), relative to `at` in the offices' calendar. */
  describeOpening(opening: DateTime, at: DateTime): { key: string; params: MessageParams };
}

export type Availability = { team: string; open: true; usualWaitMinutes: number } | { team: string; open: false; nextOpening?: DateTime };

/** Where the resident was and what they looked at when they asked for a person: the ticket's header. */
export interface EscalationFacts {
  reason: EscalationReason;
  team: string;
  serviceId?: string;
  category?: string;
  municipality?: string;
  /** "flow.step" to come back to. */
  step?: string;
  /** The resident consented to processing of their personal data: staff may read the transcript unmasked. */
  share: boolean;
}

/** Work the runner performs after the session is saved; each must be safe to perform twice. */
export type Effect =
  | ({ type: 'handoff_requested'; kind: 'live' } & EscalationFacts)
  | ({ type: 'handoff_requested'; kind: 'callback'; phone: string } & EscalationFacts)
  /** Something the resident wrote while on the line with a person, as staff should read it. */
  | { type: 'relay_to_staff'; text: string }
  | { type: 'queue_position_requested' }
  /** The resident left the line before staff closed it. */
  | { type: 'handoff_left' }
  | { type: 'handoff_rated'; rating: number }
  /** The resident answered a follow-up: to the backend. */
  | { type: 'feedback_given'; bookingId: string; rating: number; comment?: string }
  /** A proactive message the engine chose not to send (opted out, weekly cap). */
  | { type: 'proactive_skipped'; kind: string; reason: 'opted_out' | 'weekly_cap' }
  | { type: 'booking_confirmed'; bookingId: string; slotStart: string; serviceId: string }
  /** A grocery-voucher application was made here: its status changes are told to this conversation. */
  | { type: 'voucher_applied'; applicationId: string }
  | { type: 'booking_cancelled'; bookingId: string }
  | { type: 'forget_user'; applicationIds?: string[] };
