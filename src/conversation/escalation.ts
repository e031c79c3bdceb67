// Why a resident was handed to a person: the conversation's own vocabulary, which tickets store; no I/O.
import { z } from 'zod';

export const EscalationReason = z.enum(['asked', 'misunderstood', 'voice', 'backend_down']);
export type EscalationReason = z.infer<typeof EscalationReason>;
