// What a turn may use besides the session: clock, flows, texts and the welfare backend; and what it asks the edges to do.
import type { DateTime } from 'luxon';
import type { Translator } from '../i18n/translator.js';
import type { Channel } from '../welfare/contract.js';
import type { WelfarePort } from '../welfare/port.js';
import type { FlowSet } from './flow.js';

export interface TurnContext {
  now: DateTime;
  flows: FlowSet;
  translator: Translator;
  welfare: WelfarePort;
  channel: Channel;
  /** A fresh unique id (idempotency keys); injectable so tests are repeatable. */
  newId(): string;
}

/** Work the runner performs after the session is saved; each must be safe to perform twice. */
export type Effect =
  | { type: 'handoff_requested'; reason: 'asked' | 'misunderstood' | 'voice' | 'backend_down'; serviceId?: string; step?: string }
  | { type: 'booking_confirmed'; bookingId: string; slotStart: string }
  | { type: 'booking_cancelled'; bookingId: string }
  | { type: 'forget_user' };
