// Every step kind a flow may name, by name: a new kind is one file plus one line here.
import type { StepKind } from '../step-kind.js';
import { afterKinds } from './after.js';
import { basicKinds } from './basic.js';
import { bookingKinds } from './booking.js';
import { discoveryKinds } from './discovery.js';
import { eligibilityKinds } from './eligibility.js';
import { handoffKinds } from './handoff.js';
import { proactiveKinds } from './proactive.js';
import { welfarePlanKinds } from './welfare-plan.js';
import { overlayKinds } from './overlays.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind validates its own config
export const stepKinds: Record<string, StepKind<any>> = {
  ...basicKinds,
  ...discoveryKinds,
  ...eligibilityKinds,
  ...bookingKinds,
  ...afterKinds,
  ...overlayKinds,
  ...handoffKinds,
  ...welfarePlanKinds,
  ...proactiveKinds,
};
