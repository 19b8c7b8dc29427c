// The billing module's one entry point: every use case, bound to its dependencies. Callers (dialogs, handlers)
// pass the server-side identity of who is asking and raw input; all checks happen behind this facade.
import { availability, addonsForPlan, quantityProblem, quantityRange, type Availability, type QuantityProblem } from './catalog.js';
import type { QuantityRange } from './catalog.data.js';
import { fail } from './errors.js';
import { isAddonId, isPlanId, type AddonId } from './ids.js';
import type { Money } from './money.js';
import type { Clock, IdGenerator, LedgerStore } from './ports.js';
import { isId, loadCaller, type Caller, type Deps } from './useCases/context.js';
import { eligibleAddons, eligibleBaseSubscriptions } from './useCases/eligibility.js';
import {
  getOrder, listAddons, orderPaymentMethod, listAudit, listBaseSubscriptions, listOrders, listPaymentMethods, listUsers, personName, quoteOutcome, type PageQuery,
} from './useCases/lists.js';
import { placeOrder, quotePurchase, type PlaceOrderInput, type PurchaseInput } from './useCases/purchase.js';
import { confirmQuantityChange, proposeQuantityChange, type QuantityChangeInput } from './useCases/quantity.js';
import {
  confirmCancellation, confirmRecurringBilling, confirmSupportRequest, proposeCancellation, proposeRecurringBilling, proposeRemoval,
} from './useCases/removal.js';
import { approveRequest, cancelRequest, getRequest, listRequests, priceRequestNow, rejectRequest, requestPurchase } from './useCases/requests.js';
import { provisionDemoTenant, provisionTenant, saveUser, type TenantSeed } from './useCases/tenants.js';
import { reconcileTenants, tenantServed, type TenantListing } from './useCases/reconcileTenants.js';
import { setReminders } from './useCases/reminders.js';
import { upcomingRenewals } from './useCases/renewals.js';
import { addonSpend, unassignedLicenses } from './useCases/spend.js';
import type { User } from './model.js';
import type { Nudge } from './nudges.js';
import { dueNudges, sweptTenants } from './useCases/nudges.js';
import { claimNudge, nudgeClaimOf, recordNudgeFailed, recordNudgeSent, type NudgeTicket } from './useCases/nudgeClaims.js';

export type { Caller } from './useCases/context.js';
export { canPurchase } from './useCases/context.js';
export { isUsable } from './useCases/purchase.js';
export { withinRefundWindow } from './time.js';
export type { QuoteOutcome } from './useCases/lists.js';
export type { EligibleBases } from './useCases/eligibility.js';
export type { Page } from './ports.js';
export { remindersOn, type RemindersSet } from './useCases/reminders.js';
export type { NudgeTicket } from './useCases/nudgeClaims.js';
export type { RenewalHorizon, UpcomingRenewal, UpcomingRenewals } from './useCases/renewals.js';
export type { AddonSpend, Spend } from './useCases/spend.js';

export class BillingService {
  private readonly deps: Deps;

  constructor(store: LedgerStore, clock: Clock, ids: IdGenerator) {
    this.deps = { store, clock, ids };
  }

  // Catalog (no tenant data)
  availability(addonId: unknown, planId: unknown): Availability {
    if (!isAddonId(addonId)) return fail('not_found', { what: 'addon' });
    if (!isPlanId(planId)) return fail('not_found', { what: 'plan' });
    return availability(addonId, planId);
  }
  addonsForPlan(planId: unknown): readonly AddonId[] {
    if (!isPlanId(planId)) return fail('not_found', { what: 'plan' });
    return addonsForPlan(planId);
  }
  /** The quantities the add-on may be bought or changed to (its unit's min, max and step). */
  quantityRange(addonId: unknown): QuantityRange {
    if (!isAddonId(addonId)) return fail('not_found', { what: 'addon' });
    return quantityRange(addonId);
  }
  /** Why a number the admin wrote (null: unreadable) is not a quantity of the add-on, or null when it is one. */
  quantityProblem(addonId: unknown, value: number | null): QuantityProblem | null {
    if (!isAddonId(addonId)) return fail('not_found', { what: 'addon' });
    return quantityProblem(addonId, value);
  }

  // Tenants and users
  provisionTenant(seed: TenantSeed) { return provisionTenant(this.deps, seed); }
  provisionDemoTenant(tenantId: string) { return provisionDemoTenant(this.deps, tenantId); }
  saveUser(tenantId: string, user: Omit<User, 'tenantId'>) { return saveUser(this.deps, tenantId, user); }
  whoIs(caller: Caller) { return loadCaller(this.deps, caller); }
  async tenantExists(tenantId: string): Promise<boolean> {
    return isId(tenantId) && (await this.deps.store.get(tenantId, 'tenant', tenantId)) !== undefined;
  }
  /** Makes the ledger's tenants and people what the tenants file says (audited; a second run changes nothing). */
  reconcileTenants(listings: readonly TenantListing[]) { return reconcileTenants(this.deps, listings); }
  /** Production: whether the tenants file lists this tenant now. */
  tenantServed(tenantId: string) { return tenantServed(this.deps, tenantId); }
  /** "stop reminders" (false) / "start reminders" (true), for the caller themselves. */
  setReminders(caller: Caller, on: boolean) { return setReminders(this.deps, caller, on); }

  // Nudges: the bot speaks first (the sweep; no caller, nobody is talking)
  /** The tenants a nudge sweep visits: listed by the tenants file, or provisioned here (local mode's demo tenant). */
  sweptTenants() { return sweptTenants(this.deps); }
  /** What is due in this tenant at `now` (the clock's instant unless given), for which admin, with the figures. */
  dueNudges(tenantId: string, now?: Date) { return dueNudges(this.deps, tenantId, now); }
  /** The right to send this nudge now, or undefined when it was sent, is being sent or another sweep has it. */
  claimNudge(nudge: Nudge) { return claimNudge(this.deps, nudge); }
  recordNudgeSent(ticket: NudgeTicket) { return recordNudgeSent(this.deps, ticket); }
  /** `code` says why (an error code, never content); a later sweep tries again while the nudge is due. */
  recordNudgeFailed(ticket: NudgeTicket, code: string) { return recordNudgeFailed(this.deps, ticket, code); }
  nudgeClaim(tenantId: string, key: string) { return nudgeClaimOf(this.deps, tenantId, key); }

  // Eligibility
  eligibleAddons(caller: Caller, subscriptionId: unknown) { return eligibleAddons(this.deps, caller, subscriptionId); }
  eligibleBaseSubscriptions(caller: Caller, addonId: unknown) { return eligibleBaseSubscriptions(this.deps, caller, addonId); }

  // Buying
  quotePurchase(caller: Caller, input: PurchaseInput) { return quotePurchase(this.deps, caller, input); }
  placeOrder(caller: Caller, input: PlaceOrderInput) { return placeOrder(this.deps, caller, input); }
  listPaymentMethods(caller: Caller) { return listPaymentMethods(this.deps, caller); }

  // Changing what was bought
  proposeQuantityChange(caller: Caller, input: QuantityChangeInput) { return proposeQuantityChange(this.deps, caller, input); }
  confirmQuantityChange(caller: Caller, quoteId: unknown) { return confirmQuantityChange(this.deps, caller, quoteId); }
  proposeRemoval(caller: Caller, subscriptionId: unknown) { return proposeRemoval(this.deps, caller, subscriptionId); }
  proposeCancellation(caller: Caller, subscriptionId: unknown) { return proposeCancellation(this.deps, caller, subscriptionId); }
  confirmCancellation(caller: Caller, quoteId: unknown) { return confirmCancellation(this.deps, caller, quoteId); }
  proposeRecurringBilling(caller: Caller, input: { subscriptionId: unknown; turnOn: unknown }) { return proposeRecurringBilling(this.deps, caller, input); }
  confirmRecurringBilling(caller: Caller, quoteId: unknown) { return confirmRecurringBilling(this.deps, caller, quoteId); }
  confirmSupportRequest(caller: Caller, quoteId: unknown) { return confirmSupportRequest(this.deps, caller, quoteId); }

  // Lists
  listBaseSubscriptions(caller: Caller, query?: PageQuery) { return listBaseSubscriptions(this.deps, caller, query); }
  listAddons(caller: Caller, query?: PageQuery) { return listAddons(this.deps, caller, query); }
  listOrders(caller: Caller, query?: PageQuery) { return listOrders(this.deps, caller, query); }
  quoteOutcome(caller: Caller, quoteId: unknown) { return quoteOutcome(this.deps, caller, quoteId); }
  getOrder(caller: Caller, orderId: unknown) { return getOrder(this.deps, caller, orderId); }
  /** The payment method of an order the caller may see (undefined if it was removed since). */
  orderPaymentMethod(caller: Caller, orderId: unknown) { return orderPaymentMethod(this.deps, caller, orderId); }
  listAudit(caller: Caller, query?: PageQuery) { return listAudit(this.deps, caller, query); }
  listUsers(caller: Caller, query?: PageQuery) { return listUsers(this.deps, caller, query); }
  personName(caller: Caller, userId: unknown) { return personName(this.deps, caller, userId); }

  // The money at a glance
  /** The add-ons whose term ends this month (UTC) or in the next 30 days, with what renewal charges. */
  upcomingRenewals(caller: Caller, horizon?: unknown) { return upcomingRenewals(this.deps, caller, horizon); }
  /** The monthly equivalent of every active add-on and in total, with the unassigned licenses and their cost. */
  addonSpend(caller: Caller) { return addonSpend(this.deps, caller); }
  /** The licenses of an add-on already bought for a base subscription and not assigned (checkout says so). */
  unassignedLicenses(caller: Caller, input: { addonId: unknown; baseSubscriptionId: unknown }) { return unassignedLicenses(this.deps, caller, input); }

  // Purchase requests
  requestPurchase(caller: Caller, input: { quoteId: unknown; justification?: unknown }) { return requestPurchase(this.deps, caller, input); }
  getRequest(caller: Caller, requestId: unknown) { return getRequest(this.deps, caller, requestId); }
  priceRequestNow(caller: Caller, requestId: unknown) { return priceRequestNow(this.deps, caller, requestId); }
  approveRequest(caller: Caller, input: { requestId: unknown; comment?: unknown; paymentMethodId?: unknown; acceptedTotalPerPeriod?: Money }) {
    return approveRequest(this.deps, caller, input);
  }
  rejectRequest(caller: Caller, input: { requestId: unknown; comment?: unknown }) { return rejectRequest(this.deps, caller, input); }
  cancelRequest(caller: Caller, input: { requestId: unknown }) { return cancelRequest(this.deps, caller, input); }
  listRequests(caller: Caller, query: { mine?: boolean; limit?: number; after?: string | null } = {}) { return listRequests(this.deps, caller, query); }
}
