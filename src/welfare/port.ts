// What the conversation engine may ask of the welfare backend; the HTTP client implements it.
import type {
  Answers,
  Booking,
  BookingRequest,
  Category,
  EligibilityResult,
  Feedback,
  FeedbackRequest,
  Municipality,
  Service,
  ServiceList,
  ServiceQuery,
  Slot,
  SlotQuery,
  VoucherApplication,
  VoucherApplicationRequest,
  VoucherChangeFeed,
  WelfareAccount,
} from './contract.js';

export interface WelfarePort {
  listMunicipalities(): Promise<Municipality[]>;
  listCategories(): Promise<Category[]>;
  searchServices(query: ServiceQuery): Promise<ServiceList>;
  getService(serviceId: string): Promise<Service>;
  checkEligibility(serviceId: string, answers: Answers): Promise<EligibilityResult>;
  listSlots(serviceId: string, query?: SlotQuery): Promise<Slot[]>;
  /**
   * The same key with the same request returns the same booking, never a second one (and charges the credit once).
   * Paid with welfare credit, a refusal is a BackendConflictError whose problemType is ProblemType.insufficientCredit,
   * notCoveredByPlan or accountExpired, or a BackendRejectedError with ProblemType.unknownAccount; nothing is booked.
   */
  createBooking(request: BookingRequest, idempotencyKey: string): Promise<Booking>;
  /** The bookings made from one chat identity (its owner key); a fiscal code alone never lists anything. */
  listBookings(ownerKey: string): Promise<Booking[]>;
  /** A booking made from another chat: both its reference and its fiscal code must match; BackendNotFoundError otherwise. */
  findBooking(reference: string, fiscalCode: string): Promise<Booking>;
  /** A booking paid with welfare credit comes back with payment.refunded true: the credit is given back once. */
  cancelBooking(bookingId: string): Promise<Booking>;
  /** A household with an application still pending: BackendConflictError with ProblemType.voucherPending and its pendingReference. */
  applyForVouchers(request: VoucherApplicationRequest, idempotencyKey: string): Promise<VoucherApplication>;
  getVoucherApplication(applicationId: string): Promise<VoucherApplication>;
  /** By the code given to the resident (BSP-…) and the applicant's fiscal code; BackendNotFoundError unless both match. */
  findVoucherApplication(reference: string, fiscalCode: string): Promise<VoucherApplication>;
  /**
   * Status-change events after `after` (a cursor this feed gave out; none for the first), in order, and the cursor to
   * continue from: what a webhook receiver that was down reads to catch up. Event ids repeat what the webhook sent.
   */
  voucherChanges(after?: string, limit?: number): Promise<VoucherChangeFeed>;
  /**
   * The follow-up's answer, one per booking. Not replayed by the client: a BackendConflictError with problemType
   * ProblemType.feedbackExists means it is already recorded (also when an earlier answer was lost on the way back).
   */
  giveFeedback(bookingId: string, request: FeedbackRequest): Promise<Feedback>;
  /** By the code the employer gives the employee (WA-ACME-0001); BackendNotFoundError when unknown. */
  getWelfareAccount(accountId: string): Promise<WelfareAccount>;
  /** The accounts an employer linked to a Teams user (Microsoft Entra object id); possibly none. */
  linkedWelfareAccounts(aadObjectId: string): Promise<WelfareAccount[]>;
}
