// What an idempotency claim stores: the outcome a duplicate of the same business action is answered with.
import type { AddonId } from './ids.js';
import type { IsoDate, PurchaseRequestStatus, ScheduledChange } from './model.js';
import type { Money } from './money.js';

export type ClaimOutcome =
  | { readonly kind: 'order_placed'; readonly orderId: string; readonly subscriptionId: string; readonly addonId: AddonId }
  | { readonly kind: 'quantity_changed'; readonly subscriptionId: string; readonly fromQuantity: number;
      readonly toQuantity: number; readonly effect: 'now' | 'at_renewal'; readonly effectiveAt: IsoDate; readonly amountNow: Money }
  | { readonly kind: 'subscription_canceled'; readonly subscriptionId: string; readonly refund: Money }
  | { readonly kind: 'recurring_billing_set'; readonly subscriptionId: string; readonly turnedOn: boolean;
      readonly termEnd: IsoDate; readonly canceledChange: ScheduledChange | null }
  | { readonly kind: 'support_request_opened'; readonly supportRequestId: string; readonly subscriptionId: string }
  | { readonly kind: 'purchase_requested'; readonly requestId: string }
  | { readonly kind: 'request_decided'; readonly requestId: string; readonly status: Exclude<PurchaseRequestStatus, 'pending' | 'expired'>;
      readonly decidedBy: string; readonly decidedAt: IsoDate; readonly orderId: string | null }
  | { readonly kind: 'tenant_provisioned'; readonly tenantId: string };
