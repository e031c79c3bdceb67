// What the conversation engine may ask of the welfare backend; the HTTP client implements it.
import type {
  Answers,
  Booking,
  BookingRequest,
  Category,
  EligibilityResult,
  Municipality,
  Service,
  ServiceList,
  ServiceQuery,
  Slot,
  SlotQuery,
  VoucherApplication,
  VoucherApplicationRequest,
} from './contract.js';

export interface WelfarePort {
  listMunicipalities(): Promise<Municipality[]>;
  listCategories(): Promise<Category[]>;
  searchServices(query: ServiceQuery): Promise<ServiceList>;
  getService(serviceId: string): Promise<Service>;
  checkEligibility(serviceId: string, answers: Answers): Promise<EligibilityResult>;
  listSlots(serviceId: string, query?: SlotQuery): Promise<Slot[]>;
  /** The same key with the same request returns the same booking, never a second one. */
  createBooking(request: BookingRequest, idempotencyKey: string): Promise<Booking>;
  listBookings(fiscalCode: string): Promise<Booking[]>;
  cancelBooking(bookingId: string): Promise<Booking>;
  applyForVouchers(request: VoucherApplicationRequest, idempotencyKey: string): Promise<VoucherApplication>;
  getVoucherApplication(applicationId: string): Promise<VoucherApplication>;
}
