// A resident's profile across conversations: language, simple mode, municipality, consents with their date; no I/O.
import { z } from 'zod';
import { AnswerValue } from '../welfare/contract.js';
import { Consents, type Session } from './session.js';

const PROFILE_VERSION = 1;

export const Profile = z.object({
  v: z.literal(PROFILE_VERSION),
  lang: z.string().optional(),
  simpleMode: z.boolean().optional(),
  municipality: z.string().optional(),
  /** When the resident agreed, per purpose (see `Consents`). */
  consent: Consents.default({}),
  /** Answers the flow chose to remember (a `remember` step), so they are not asked again. */
  answers: z.record(z.string(), AnswerValue).default({}),
  /** The corporate welfare account the resident gave (its code), so later bookings can offer its credit. */
  welfareAccount: z.string().optional(),
  /** No messages Sportello would write first unless they are about something the resident asked for (a booking's reminder). */
  proactiveOptOut: z.boolean().optional(),
  /** When non-essential proactive messages went out in the last week (the weekly cap). */
  proactiveSent: z.array(z.string()).optional(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof Profile>;

export function newProfile(now: string): Profile {
  return { v: PROFILE_VERSION, consent: {}, answers: {}, updatedAt: now };
}

export function readProfile(raw: unknown): Profile | undefined {
  const parsed = Profile.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** What a turn teaches the profile: the language spoken, the municipality given, consents given. */
export function learnFrom(profile: Profile, session: Session, now: string): Profile {
  const residence = session.data.answers['residence'];
  const next: Profile = {
    ...profile,
    lang: session.lang,
    ...(typeof residence === 'string' ? { municipality: residence } : {}),
    consent: { ...profile.consent, ...session.data.consent },
  };
  const changed = JSON.stringify({ ...next, updatedAt: '' }) !== JSON.stringify({ ...profile, updatedAt: '' });
  return changed ? { ...next, updatedAt: now } : profile;
}
