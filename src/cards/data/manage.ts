// The change flows' cards: the new quantity, and the confirmation of a change.
import type { AdminCenterAction, Fact } from '../common.js';

/** The change-quantity question: current state and a number input for the new total. */
export interface ChangeQuantityCardData {
  readonly flowId: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly facts: readonly Fact[];
  /** The rules in one or two sentences; omitted or '' hides it. */
  readonly note?: string;
  readonly quantity: {
    readonly label: string;
    readonly min: number;
    readonly max: number;
    readonly value?: number;
    readonly placeholder: string;
    readonly errorMessage: string;
  };
  readonly adminCenter: AdminCenterAction;
  readonly labels: { readonly review: string; readonly cancel: string };
}

/** Which confirmation: decides the confirm button's verb (quantity.confirm, removal.confirm, recurring.confirm, support.confirm). */
export type ConfirmKind = 'quantity' | 'cancellation' | 'recurring_billing' | 'support_request';

export interface ConfirmChangeCardData {
  readonly flowId: string;
  readonly quoteId: string;
  readonly kind: ConfirmKind;
  readonly title: string;
  readonly intro?: string;
  readonly facts: readonly Fact[];
  readonly note?: string;
  readonly adminCenter: AdminCenterAction;
  readonly labels: { readonly confirm: string; readonly cancel: string };
}

export function prepareChangeQuantity(d: ChangeQuantityCardData): object {
  return {
    ...d,
    subtitle: d.subtitle ?? '',
    note: d.note ?? '',
    hasQuantity: d.quantity.value !== undefined,
    quantity: { ...d.quantity, value: d.quantity.value ?? 0 },
  };
}

export function prepareConfirmChange(d: ConfirmChangeCardData): object {
  return { ...d, intro: d.intro ?? '', note: d.note ?? '' };
}
