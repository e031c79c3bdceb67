// The booking step kinds by name: pick a slot, consent, identity, read-back, book; each lives in booking/.
import { book } from './booking/book.js';
import { confirmBooking } from './booking/confirm.js';
import { consent } from './booking/consent.js';
import { collectIdentity } from './booking/identity.js';
import { pickSlot } from './booking/pick-slot.js';

export const bookingKinds = { pick_slot: pickSlot, consent, collect_identity: collectIdentity, confirm_booking: confirmBooking, book };
