// The "my add-ons" and "my orders" cards.
import { pagerOf, type AdminCenterAction, type Fact, type ListPager } from '../common.js';

/** One add-on on the "my add-ons" card; a button per action its state allows (each sends only the subscription id). */
export interface AddonRow {
  readonly subscriptionId: string;
  readonly name: string;
  /** Kind, quantity and assigned, frequency, recurring billing, term end, scheduled change. */
  readonly facts: readonly Fact[];
  /** Button titles; an omitted one is not allowed (or the user may not change add-ons). */
  readonly actions: {
    readonly changeQuantity?: string;
    readonly remove?: string;
    readonly turnOff?: string;
    readonly turnOn?: string;
  };
}

export interface SubscriptionGroup {
  /** "Office 365 E3 (25 licenses)". */
  readonly title: string;
  /** "20 assigned · Yearly · renews on January 15, 2027"; omitted or '' hides it. */
  readonly subtitle?: string;
  readonly addons: readonly AddonRow[];
  /** Shown when the group has no add-on on this page, e.g. "No add-ons". */
  readonly empty?: string;
}

export interface AddonsCardData {
  readonly title: string;
  readonly intro?: string;
  readonly groups: readonly SubscriptionGroup[];
  /** E.g. "Only a global or billing admin can change add-ons."; omitted or '' hides it. */
  readonly note?: string;
  readonly pager: ListPager;
  readonly adminCenter: AdminCenterAction;
  readonly labels: { readonly previous: string; readonly next: string; readonly orders: string };
}

export interface OrderRow {
  /** "ORD-000137 · March 3, 2025". */
  readonly title: string;
  /** Add-on, quantity, amount, placed by. */
  readonly facts: readonly Fact[];
}

export interface OrdersCardData {
  readonly title: string;
  readonly intro?: string;
  readonly orders: readonly OrderRow[];
  readonly pager: ListPager;
  readonly adminCenter: AdminCenterAction;
  readonly labels: { readonly previous: string; readonly next: string; readonly addons: string };
}

export function prepareAddons(d: AddonsCardData): object {
  return {
    ...d,
    intro: d.intro ?? '',
    note: d.note ?? '',
    pager: pagerOf(d.pager),
    groups: d.groups.map((g) => ({
      title: g.title, subtitle: g.subtitle ?? '', empty: g.addons.length === 0 ? g.empty ?? '' : '',
      addons: g.addons.map((a) => ({
        subscriptionId: a.subscriptionId, name: a.name, facts: a.facts,
        hasActions: Object.values(a.actions).some((t) => t !== undefined && t !== ''),
        changeQuantity: a.actions.changeQuantity ?? '', remove: a.actions.remove ?? '',
        turnOff: a.actions.turnOff ?? '', turnOn: a.actions.turnOn ?? '',
      })),
    })),
  };
}

export function prepareOrders(d: OrdersCardData): object {
  return { ...d, intro: d.intro ?? '', pager: pagerOf(d.pager) };
}
