// What every card shares: facts, choices, notices, pagers, admin center buttons, and paging of long lists.
import { CHOICE_VERB, type ChoiceKind, type Verb } from '../conversation/verbs.js';
import { fillTemplate } from '../i18n/text.js';

/** A choice card shows at most this many options; longer lists are paged with a "show more" action. */
export const CHOICE_PAGE_SIZE = 25;

/** An "Open in admin center" button: `url` from adminCenterLink(cloud); title and tooltip localized. */
export interface AdminCenterAction {
  readonly title: string;
  /** The admin center page's name ("Buy services", "Your products", "Subscriptions"). */
  readonly tooltip: string;
  readonly url: string;
}

export interface Fact {
  readonly title: string;
  readonly value: string;
}

export interface ChoiceOption {
  readonly title: string;
  /** An id (subscription id, add-on id, payment method id): sent back as the input's value. */
  readonly value: string;
}

export interface ChoiceCardData {
  /** Which question: decides the submit verb (buy.chooseSubscription / buy.chooseAddon). */
  readonly kind: ChoiceKind;
  /** The buy flow's id (kept in dialog state): a card from another flow is stale. */
  readonly flowId: string;
  readonly question: string;
  /** E.g. "Only subscriptions that support this add-on are shown"; omitted or '' hides it. */
  readonly note?: string;
  /**
   * ALL the options: the renderer shows page `page` of them (CHOICE_PAGE_SIZE per page) and, when more follow,
   * a "show more" action asking for the next page (verb buy.showMore with { kind, page }).
   */
  readonly options: readonly ChoiceOption[];
  /** 0-based page to show; out-of-range pages are clamped. */
  readonly page?: number;
  /** Value preselected, if it is on the page shown. */
  readonly selected?: string;
  readonly labels: {
    /**
     * The choice set's label, naming what is chosen ("Subscription", "Add-on", "Add-on to change"). Without it the
     * question is the label too, so the input is never unlabeled.
     */
    readonly choice?: string;
    readonly placeholder: string;
    readonly required: string;
    readonly submit: string;
    readonly cancel: string;
    readonly showMore: string;
    /** Shown only when the list is paged: "{from}–{to} of {total}" with those three placeholders. */
    readonly pageSummary: string;
  };
  /** Optional "Open in admin center" button (the change flows show it). */
  readonly adminCenter?: AdminCenterAction;
}

export type NoticeTone = 'default' | 'good' | 'warning' | 'attention';

export interface NoticeCardData {
  /** The title band's container style (tinted background, default text color, readable in Teams' light and dark
   *  themes): 'good' (done), 'warning' (already placed, expired), 'attention' (error, canceled). */
  readonly tone: NoticeTone;
  readonly title: string;
  readonly message: string;
  readonly facts?: readonly Fact[];
  readonly adminCenter?: AdminCenterAction;
}

/** Where a paged list card is: the pages before and after (0-based), and e.g. "Showing 11–20 of 42". */
export interface ListPager {
  readonly previousPage: number | null;
  readonly nextPage: number | null;
  /** For keyset-paged lists (orders): the store's cursor of the next page, sent back with Next. */
  readonly nextCursor?: string;
  readonly summary?: string;
}

/** One page of a list, with what a pager needs to say where it is. */
export interface Page<T> {
  readonly items: readonly T[];
  /** 0-based page actually shown (clamped). */
  readonly page: number;
  /** 1-based positions of the first and last item shown; 0 and 0 for an empty list. */
  readonly from: number;
  readonly to: number;
  readonly total: number;
  readonly nextPage: number | null;
}

export function pageOf<T>(items: readonly T[], page = 0, size = CHOICE_PAGE_SIZE): Page<T> {
  const total = items.length;
  const lastPage = Math.max(0, Math.ceil(total / size) - 1);
  const p = Number.isInteger(page) ? Math.min(Math.max(page, 0), lastPage) : 0;
  const start = p * size;
  const shown = items.slice(start, start + size);
  return {
    items: shown,
    page: p,
    from: shown.length === 0 ? 0 : start + 1,
    to: start + shown.length,
    total,
    nextPage: start + shown.length < total ? p + 1 : null,
  };
}

export function prepareChoice(d: ChoiceCardData): object {
  const page = pageOf(d.options, d.page ?? 0);
  const selected = d.selected !== undefined && page.items.some((o) => o.value === d.selected) ? d.selected : '';
  const paged = page.total > CHOICE_PAGE_SIZE;
  const pageSummary = paged
    ? fillTemplate(d.labels.pageSummary, { from: page.from, to: page.to, total: page.total })
    : '';
  const submitVerb: Verb = CHOICE_VERB[d.kind];
  return {
    ...d, note: d.note ?? '', options: page.items, selected, submitVerb, pageSummary, choiceLabel: d.labels.choice ?? d.question,
    hasMore: page.nextPage !== null, nextPage: page.nextPage ?? 0, ...adminCenterOf(d.adminCenter),
  };
}

export function notice(tone: NoticeTone, title: string, message: string, facts?: readonly Fact[]): NoticeCardData {
  return facts ? { tone, title, message, facts } : { tone, title, message };
}

export function prepareNotice(d: NoticeCardData): object {
  return {
    ...d,
    facts: d.facts ?? [],
    hasAdminCenter: d.adminCenter !== undefined,
    adminCenter: d.adminCenter ?? { title: '', tooltip: '', url: '' },
  };
}

/** An optional admin center button as the templates read it: a flag and a value that is never undefined. */
export function adminCenterOf(action: AdminCenterAction | undefined): { hasAdminCenter: boolean; adminCenter: AdminCenterAction } {
  return { hasAdminCenter: action !== undefined, adminCenter: action ?? { title: '', tooltip: '', url: '' } };
}

/** A pager as the templates read it: flags, and numbers and strings that are never undefined. */
export function pagerOf(p: ListPager) {
  return {
    hasPrevious: p.previousPage !== null, previousPage: p.previousPage ?? 0,
    hasNext: p.nextPage !== null, nextPage: p.nextPage ?? 0,
    hasCursor: p.nextCursor !== undefined && p.nextCursor !== '', nextCursor: p.nextCursor ?? '',
    summary: p.summary ?? '',
  };
}
