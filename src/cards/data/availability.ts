// The availability answer card.
import { pagerOf, type AdminCenterAction, type ListPager } from '../common.js';

export interface AvailabilityRow {
  readonly name: string;
  /** "Already bought: 10 licenses", "Not available: it can be added to …"; omitted or '' hides it. */
  readonly note?: string;
  /** The Buy button's slots; omitted: no Buy button on this row. */
  readonly buy?: { readonly addonId: string; readonly planId?: string };
}

export interface AvailabilityGroup {
  readonly title: string;
  readonly subtitle?: string;
  readonly rows: readonly AvailabilityRow[];
}

export interface AvailabilityCardData {
  readonly title: string;
  readonly intro?: string;
  readonly groups: readonly AvailabilityGroup[];
  readonly pager?: ListPager;
  readonly adminCenter: AdminCenterAction;
  readonly labels: { readonly buy: string; readonly previous: string; readonly next: string };
}

export function prepareAvailability(d: AvailabilityCardData): object {
  return {
    ...d,
    intro: d.intro ?? '',
    pager: pagerOf(d.pager ?? { previousPage: null, nextPage: null }),
    groups: d.groups.map((g) => ({
      title: g.title, subtitle: g.subtitle ?? '',
      rows: g.rows.map((r) => ({
        name: r.name, note: r.note ?? '', canBuy: r.buy !== undefined, hasPlan: r.buy?.planId !== undefined,
        addonId: r.buy?.addonId ?? '', planId: r.buy?.planId ?? '',
      })),
    })),
  };
}
