// The money at a glance: "what renews this month?" and "how much do we spend on add-ons?" share one card shape.
import type { AdminCenterAction, Fact } from '../common.js';

export interface GlanceRow {
  /** The add-on's name. */
  readonly title: string;
  /** E.g. "Office 365 E3 · traditional"; omitted or '' hides it. */
  readonly subtitle?: string;
  readonly facts: readonly Fact[];
}

export interface GlanceCardData {
  readonly title: string;
  /** What the card covers ("Renewals from December 7 to December 31, 2026 (UTC)"), or that there is nothing. */
  readonly intro?: string;
  readonly rows: readonly GlanceRow[];
  /** The totals under the rows; empty hides them. */
  readonly totals: readonly Fact[];
  /** E.g. how monthly equivalents are computed, or how many more rows there are; omitted or '' hides it. */
  readonly note?: string;
  readonly adminCenter: AdminCenterAction;
  readonly labels: { readonly addons: string };
}

export function prepareGlance(d: GlanceCardData): object {
  return {
    ...d,
    intro: d.intro ?? '',
    note: d.note ?? '',
    rows: d.rows.map((r) => ({ title: r.title, subtitle: r.subtitle ?? '', facts: r.facts })),
    hasTotals: d.totals.length > 0,
  };
}
