// Card data of "my add-ons" and "my orders".
import type { AddonRow, AddonsCardData, OrdersCardData, SubscriptionGroup } from '../../cards/data/lists.js';
import { CARD_TEXTS, adminCenterAction, fill } from '../../cards/text.js';
import { addonFacts, addonQuantity, addonView, assignable, clampPage, listPager, texts } from '../../conversation/addonViews.js';
import { type TenantSubscriptions, allowedActions } from '../../conversation/tenantSubscriptions.js';
import { addonName } from '../../domain/catalog.js';
import type { Cloud, Language } from '../../domain/ids.js';
import type { Order, Subscription } from '../../domain/model.js';
import { formatDate } from '../../i18n/index.js';
import { subscriptionTitle } from '../../conversation/views.js';
import { money } from '../../i18n/formats.js';
import { text } from '../../i18n/text.js';
import { WORDS } from '../../i18n/words.js';
import { MANAGE_TEXTS } from '../manage/texts.js';

// ---------------------------------------------------------------------------------------------------------------
// My add-ons: base subscriptions with their add-ons, paged by weight so 500 subscriptions still fit in 28 KB.
// ---------------------------------------------------------------------------------------------------------------

/** A page holds at most this much: a subscription header weighs 1, an add-on with its buttons 3. */
export const ADDONS_PAGE_WEIGHT = 24;
const HEADER_WEIGHT = 1;
const ADDON_WEIGHT = 3;

export interface GroupPart {
  readonly base: Subscription | undefined;
  readonly addons: readonly Subscription[];
}

/** Splits subscriptions (each followed by its add-ons) into pages; a long group continues on the next page. */
export function addonPages(subs: TenantSubscriptions, capacity = ADDONS_PAGE_WEIGHT): GroupPart[][] {
  const groups: GroupPart[] = subs.bases.map((base) => ({ base, addons: subs.addons.filter((a) => a.baseSubscriptionId === base.id) }));
  const listed = new Set(groups.flatMap((g) => g.addons.map((a) => a.id)));
  const others = subs.addons.filter((a) => !listed.has(a.id));
  if (others.length > 0) groups.push({ base: undefined, addons: others });
  const pages: GroupPart[][] = [];
  let current: GroupPart[] = [];
  let used = 0;
  for (const group of groups) {
    let remaining = group.addons;
    do {
      const needed = HEADER_WEIGHT + (remaining.length > 0 ? ADDON_WEIGHT : 0);
      if (used > 0 && used + needed > capacity) {
        pages.push(current);
        current = [];
        used = 0;
      }
      const room = Math.max(1, Math.floor((capacity - used - HEADER_WEIGHT) / ADDON_WEIGHT));
      const taken = remaining.slice(0, room);
      current.push({ base: group.base, addons: taken });
      used += HEADER_WEIGHT + taken.length * ADDON_WEIGHT;
      remaining = remaining.slice(taken.length);
    } while (remaining.length > 0);
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

function addonRow(addon: Subscription, base: Subscription | undefined, canChange: boolean, now: Date, language: Language): AddonRow {
  const t = texts(language).addons;
  const view = addonView(addon, base);
  const allowed = allowedActions(addon, now);
  const quantityTitle = view.kind === 'standalone' && assignable(view.addonId) ? t.addRemoveLicenses : t.changeQuantity;
  return {
    subscriptionId: addon.id, name: addonName(view.addonId, language), facts: addonFacts(view, language),
    actions: canChange ? {
      ...(allowed.changeQuantity ? { changeQuantity: quantityTitle } : {}),
      ...(allowed.remove ? { remove: t.remove } : {}),
      ...(allowed.turnOff ? { turnOff: t.turnOff } : {}),
      ...(allowed.turnOn ? { turnOn: t.turnOn } : {}),
    } : {},
  };
}

export function addonsCard(input: {
  readonly subs: TenantSubscriptions;
  readonly page: number;
  readonly canChange: boolean;
  readonly now: Date;
  readonly cloud: Cloud;
  readonly language: Language;
}): AddonsCardData {
  const { subs, language } = input;
  const t = texts(language);
  const pages = addonPages(subs);
  const page = clampPage(input.page, pages.length);
  const groups = (pages[page] ?? []).map((part): SubscriptionGroup => {
    const base = part.base;
    return {
      title: base ? subscriptionTitle(base, language) : t.addons.otherGroup,
      subtitle: base ? text(MANAGE_TEXTS, language, 'baseSubtitle', {
        assigned: base.assigned, frequency: CARD_TEXTS[language].frequencies[base.frequency],
      }) : '',
      addons: part.addons.map((a) => addonRow(a, base ?? subs.baseById.get(a.baseSubscriptionId ?? ''), input.canChange, input.now, language)),
      empty: t.addons.noAddons,
    };
  });
  return {
    title: t.addons.title,
    intro: subs.bases.length === 0 && subs.addons.length === 0 ? t.addons.empty : input.canChange ? t.addons.intro : t.addons.introReadOnly,
    groups,
    note: input.canChange ? '' : t.addons.readOnlyNote,
    pager: listPager(page, pages.length, language),
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { previous: t.common.previous, next: t.common.next, orders: t.addons.orders },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// My orders (keyset-paged by the domain: Next carries the store's cursor)
// ---------------------------------------------------------------------------------------------------------------

export function ordersCard(input: {
  readonly orders: readonly Order[];
  /** Display names of the users who placed them, by user id (the id is shown when a name is unknown). */
  readonly names: ReadonlyMap<string, string>;
  readonly page: number;
  readonly nextCursor: string | null;
  readonly cloud: Cloud;
  readonly language: Language;
}): OrdersCardData {
  const { language } = input;
  const t = texts(language);
  const c = t.common;
  return {
    title: t.orders.title,
    intro: input.orders.length === 0 ? t.orders.empty : t.orders.intro,
    orders: input.orders.map((o) => ({
      title: fill(t.orders.orderTitle, { orderId: o.id, date: formatDate(o.placedAt, language) }),
      facts: [
        { title: c.addon, value: addonName(o.addonId, language) },
        { title: c.quantity, value: addonQuantity(o.addonId, o.quantity, language) },
        { title: t.orders.amount, value: text(MANAGE_TEXTS, language, 'amountPerPeriod', {
          amount: money(o.firstCharge, language), period: text(WORDS, language, o.frequency === 'yearly' ? 'perYear' : 'perMonth'),
        }) },
        { title: t.orders.placedBy, value: input.names.get(o.placedBy) ?? o.placedBy },
      ],
    })),
    pager: {
      previousPage: input.page > 0 ? input.page - 1 : null,
      nextPage: input.nextCursor !== null ? input.page + 1 : null,
      ...(input.nextCursor !== null ? { nextCursor: input.nextCursor } : {}),
      summary: input.page > 0 || input.nextCursor !== null ? fill(t.orders.pageSummary, { page: input.page + 1 }) : '',
    },
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { previous: c.previous, next: c.next, addons: t.orders.addons },
  };
}
