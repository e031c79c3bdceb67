// After booking and grocery vouchers: my bookings, cancel one, apply for vouchers, their status.
import { cancel_booking, find_booking, my_bookings } from './after/my-bookings.js';
import { voucher_lookup, voucher_status } from './after/voucher-status.js';
import { apply_vouchers } from './after/vouchers.js';

export const afterKinds = { my_bookings, find_booking, cancel_booking, apply_vouchers, voucher_status, voucher_lookup };
