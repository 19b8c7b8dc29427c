// The card renderer: every template in cards/*.json is read, parsed and turned into an adaptivecards-templating
// `Template` ONCE, at load; a render is one expansion with the caller's data as `$root` (about 80 µs for a checkout
// card, against 1,250 µs when the Template is built per call).
//
// The data interfaces below are the whole input of each card: every string is already localized and formatted by
// the caller (see ./text.ts for the fixed texts in English and French), so one template serves both languages.
// Optional fields are filled with neutral defaults here, so an expansion never meets an undefined field (which the
// library would render as a literal "${field}").
//
// Templates declare only `Action.Execute` (verb + ids); after each expansion the renderer puts the verb into the
// action's data and gives every Execute its `Action.Submit` fallback with the same title and data, so the two can
// never drift apart and the templates carry fewer expressions to parse and evaluate.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Template } from 'adaptivecards-templating';
import type { UnitKind } from '../domain/catalog.data.js';
import type { Frequency } from '../domain/ids.js';
import { CHOICE_VERB, type ChoiceKind, type Verb } from './verbs.js';
import {
  prepareApproval, prepareRequestApproval, prepareRequests, type ApprovalCardData, type RequestApprovalCardData, type RequestsCardData,
} from './approvalCardData.js';

export const CARD_NAMES = [
  'welcome', 'help', 'choice', 'purchaseDetails', 'checkout', 'orderPlaced', 'notice',
  'addons', 'orders', 'changeQuantity', 'confirmChange', 'availability',
  'approval', 'requestApproval', 'requests',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** A choice card shows at most this many options; longer lists are paged with a "show more" action. */
export const CHOICE_PAGE_SIZE = 25;

// ---------------------------------------------------------------------------------------------------------------
// Data of each card
// ---------------------------------------------------------------------------------------------------------------

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

export interface WelcomeCardData {
  readonly title: string;
  /** What the bot does. */
  readonly intro: string;
  readonly examplesHeading: string;
  /** Things to type, shown as a list. */
  readonly examples: readonly string[];
  /** E.g. "Type help at any time…"; omitted or '' hides it. */
  readonly footer?: string;
  readonly labels: { readonly buy: string; readonly addons: string; readonly help: string };
}

export interface HelpSection {
  readonly heading: string;
  readonly lines: readonly string[];
}

export interface HelpCardData {
  readonly title: string;
  readonly intro?: string;
  /** "What you can say", grouped (buy; change or remove; ask). */
  readonly sections: readonly HelpSection[];
  /** Cancel / back / help hints. */
  readonly hintsHeading: string;
  readonly hints: readonly string[];
  readonly languageHint: string;
  readonly labels: { readonly buy: string; readonly addons: string };
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

export interface PurchaseDetailsCardData {
  readonly flowId: string;
  /** E.g. "Buy Phone System". */
  readonly title: string;
  /** E.g. "For Office 365 E3 (25 licenses)". */
  readonly subtitle: string;
  /** Decides the unit shown and whether the auto-assign toggle appears (per-license add-ons only). */
  readonly unit: UnitKind;
  readonly quantity: {
    readonly label: string;
    /** "licenses", "GB", "USD"… */
    readonly unitLabel: string;
    readonly min: number;
    readonly max: number;
    /** Prefilled when the utterance gave it. */
    readonly value?: number;
    readonly placeholder: string;
    readonly errorMessage: string;
  };
  readonly frequency: {
    readonly label: string;
    /** Prefilled when the utterance gave it. */
    readonly value?: Frequency;
    /** Choice titles with their per-period price, e.g. "Monthly — $9.60 per license per month". */
    readonly monthly: string;
    readonly yearly: string;
    readonly errorMessage: string;
  };
  /** Used only when unit is 'license'. */
  readonly autoAssign: { readonly title: string; readonly value: boolean };
  readonly labels: { readonly next: string; readonly cancel: string };
}

export interface CheckoutCardData {
  readonly flowId: string;
  readonly quoteId: string;
  readonly title: string;
  /** E.g. "Review your order. Prices are valid until 10:45 AM." */
  readonly intro?: string;
  /** Formatted values; `autoAssign` omitted hides its fact (storage, credits). */
  readonly facts: {
    readonly addon: string;
    readonly baseSubscription: string;
    readonly unitPrice: string;
    /** Quantity with its unit: "10 licenses", "100 GB". */
    readonly quantity: string;
    readonly frequency: string;
    readonly totalPerPeriod: string;
    readonly firstCharge: string;
    readonly autoAssign?: string;
  };
  /** Saved, usable methods: "Visa •••• 4242, expires 12/2029", "Invoice"; value = payment method id. */
  readonly paymentMethods: readonly ChoiceOption[];
  readonly selectedPaymentMethodId?: string;
  /** The admin center's payment methods page for the tenant's cloud: cards are added there, never in chat. */
  readonly addCard: AdminCenterAction;
  readonly adminCenter: AdminCenterAction;
  readonly labels: {
    readonly addon: string;
    readonly baseSubscription: string;
    readonly unitPrice: string;
    readonly quantity: string;
    readonly frequency: string;
    readonly totalPerPeriod: string;
    readonly firstCharge: string;
    readonly autoAssign: string;
    readonly paymentMethod: string;
    readonly paymentPlaceholder: string;
    /** Shown instead of the list when there is no saved method. */
    readonly noPaymentMethods: string;
    /** Where a new card is added (the admin center) and that Refresh then shows it here. */
    readonly newCardNote: string;
    readonly placeOrder: string;
    readonly cancel: string;
    readonly addCard: string;
    readonly refresh: string;
  };
}

export interface OrderPlacedCardData {
  readonly title: string;
  /** E.g. "Your order is complete. Phone System is ready to assign." */
  readonly message: string;
  readonly facts: {
    readonly orderNumber: string;
    readonly addon: string;
    readonly baseSubscription: string;
    readonly quantity: string;
    readonly frequency: string;
    readonly totalPerPeriod: string;
    readonly firstCharge: string;
    readonly paymentMethod: string;
    readonly autoAssign?: string;
    readonly placedBy: string;
    readonly placedAt: string;
  };
  readonly adminCenter: AdminCenterAction;
  readonly labels: {
    readonly orderNumber: string;
    readonly addon: string;
    readonly baseSubscription: string;
    readonly quantity: string;
    readonly frequency: string;
    readonly totalPerPeriod: string;
    readonly firstCharge: string;
    readonly paymentMethod: string;
    readonly autoAssign: string;
    readonly placedBy: string;
    readonly placedAt: string;
  };
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

export interface CardDataMap {
  welcome: WelcomeCardData;
  help: HelpCardData;
  choice: ChoiceCardData;
  purchaseDetails: PurchaseDetailsCardData;
  checkout: CheckoutCardData;
  orderPlaced: OrderPlacedCardData;
  notice: NoticeCardData;
  addons: AddonsCardData;
  orders: OrdersCardData;
  changeQuantity: ChangeQuantityCardData;
  confirmChange: ConfirmChangeCardData;
  availability: AvailabilityCardData;
  approval: ApprovalCardData;
  requestApproval: RequestApprovalCardData;
  requests: RequestsCardData;
}

// ---------------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------------

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [key: string]: unknown;
}

/** Assignable to botbuilder's `Attachment`; `content` is also what an adaptiveCard/action invoke response returns. */
export interface AdaptiveCardAttachment {
  readonly contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  readonly content: AdaptiveCard;
}

// ---------------------------------------------------------------------------------------------------------------
// From card data to the template's $root (defaults for optional fields, paging)
// ---------------------------------------------------------------------------------------------------------------

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

type Prepare<K extends CardName> = (data: CardDataMap[K]) => object;

const PREPARE: { readonly [K in CardName]: Prepare<K> } = {
  welcome: (d) => ({ ...d, footer: d.footer ?? '' }),
  help: (d) => ({ ...d, intro: d.intro ?? '' }),
  choice: (d) => {
    const page = pageOf(d.options, d.page ?? 0);
    const selected = d.selected !== undefined && page.items.some((o) => o.value === d.selected) ? d.selected : '';
    const paged = page.total > CHOICE_PAGE_SIZE;
    const pageSummary = paged
      ? d.labels.pageSummary.replace('{from}', String(page.from)).replace('{to}', String(page.to)).replace('{total}', String(page.total))
      : '';
    const submitVerb: Verb = CHOICE_VERB[d.kind];
    return {
      ...d, note: d.note ?? '', options: page.items, selected, submitVerb, pageSummary,
      hasMore: page.nextPage !== null, nextPage: page.nextPage ?? 0, ...adminCenterOf(d.adminCenter),
    };
  },
  purchaseDetails: (d) => ({
    ...d,
    hasQuantity: d.quantity.value !== undefined,
    quantity: { ...d.quantity, value: d.quantity.value ?? 0 },
    frequency: { ...d.frequency, value: d.frequency.value ?? '' },
    autoAssignValue: d.unit === 'license' && d.autoAssign.value ? 'true' : 'false',
  }),
  checkout: (d) => ({
    ...d,
    intro: d.intro ?? '',
    facts: { ...d.facts, autoAssign: d.facts.autoAssign ?? '' },
    selectedPaymentMethodId: d.selectedPaymentMethodId !== undefined && d.paymentMethods.some((m) => m.value === d.selectedPaymentMethodId)
      ? d.selectedPaymentMethodId : '',
  }),
  orderPlaced: (d) => ({ ...d, facts: { ...d.facts, autoAssign: d.facts.autoAssign ?? '' } }),
  notice: (d) => ({
    ...d,
    facts: d.facts ?? [],
    hasAdminCenter: d.adminCenter !== undefined,
    adminCenter: d.adminCenter ?? { title: '', tooltip: '', url: '' },
  }),
  addons: (d) => ({
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
  }),
  orders: (d) => ({ ...d, intro: d.intro ?? '', pager: pagerOf(d.pager) }),
  changeQuantity: (d) => ({
    ...d,
    subtitle: d.subtitle ?? '',
    note: d.note ?? '',
    hasQuantity: d.quantity.value !== undefined,
    quantity: { ...d.quantity, value: d.quantity.value ?? 0 },
  }),
  confirmChange: (d) => ({ ...d, intro: d.intro ?? '', note: d.note ?? '' }),
  availability: (d) => ({
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
  }),
  approval: prepareApproval,
  requestApproval: prepareRequestApproval,
  requests: prepareRequests,
};

/** An optional admin center button as the templates read it: a flag and a value that is never undefined. */
function adminCenterOf(action: AdminCenterAction | undefined): { hasAdminCenter: boolean; adminCenter: AdminCenterAction } {
  return { hasAdminCenter: action !== undefined, adminCenter: action ?? { title: '', tooltip: '', url: '' } };
}

/** A pager as the templates read it: flags, and numbers and strings that are never undefined. */
function pagerOf(p: ListPager) {
  return {
    hasPrevious: p.previousPage !== null, previousPage: p.previousPage ?? 0,
    hasNext: p.nextPage !== null, nextPage: p.nextPage ?? 0,
    hasCursor: p.nextCursor !== undefined && p.nextCursor !== '', nextCursor: p.nextCursor ?? '',
    summary: p.summary ?? '',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Loading and rendering
// ---------------------------------------------------------------------------------------------------------------

export interface CardRendererOptions {
  /** Reads a template file as UTF-8 text; tests inject a counting reader. */
  readonly readFile?: (file: string) => string;
}

/**
 * The repository's cards/ directory, relative to this module: dist/src/cards/render.js → ../../../cards, and
 * src/cards/render.ts → ../../cards when run from source. Independent of the working directory.
 */
export function defaultCardsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../../cards'), path.resolve(here, '../../cards')];
  return candidates.find((dir) => existsSync(path.join(dir, 'welcome.json'))) ?? candidates[0] ?? here;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * For every Action.Execute in the expanded card: data becomes { verb, ...data }, and `fallback` an Action.Submit
 * with the same title, style, associatedInputs and data, for clients without universal actions.
 */
function addSubmitFallbacks(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) addSubmitFallbacks(item);
    return;
  }
  if (!isRecord(node)) return;
  if (node.type === 'Action.Execute') {
    const { type: _type, verb, fallback: _fallback, data, ...rest } = node;
    const payload = { verb, ...(isRecord(data) ? data : {}) };
    node.data = payload;
    node.fallback = { type: 'Action.Submit', ...rest, data: { ...payload } };
    return;
  }
  for (const key in node) {
    const value = node[key];
    if (typeof value === 'object' && value !== null) addSubmitFallbacks(value);
  }
}

/**
 * Template strings repeat across cards ("${title}", "${flowId}", "${labels.cancel}"…: about 390 strings, 180 distinct)
 * and the library parses each one with a fresh ANTLR parser (about 0.6 ms each, most of the renderer's share of the
 * cold start). While a Template is built, its static string parser is memoized (in `parsed`, one per renderer), so
 * each distinct string is parsed once. Sharing a parsed expression between nodes is what the library already does
 * between expansions of one template: evaluating an expression does not change it.
 */
type ParsedString = ReturnType<typeof Template.parseInterpolatedString>;
const parseInterpolatedString = Template.parseInterpolatedString.bind(Template);

function prepareTemplate(payload: AdaptiveCard, parsed: Map<string, ParsedString>): Template {
  Template.parseInterpolatedString = (text: string) => {
    let known = parsed.get(text);
    if (known === undefined) {
      known = parseInterpolatedString(text);
      parsed.set(text, known);
    }
    return known;
  };
  try {
    return new Template(payload);
  } finally {
    Template.parseInterpolatedString = parseInterpolatedString;
  }
}

function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'AdaptiveCard' &&
    typeof (value as { version?: unknown }).version === 'string';
}

/**
 * Every template is read, parsed as JSON and checked at load. Building a template's expressions (the ANTLR parses) is
 * done once per template, on its first render or by `prepare`: the first answer after a start then pays for its own
 * card only (the first template built also warms the parser: about 65 ms, then about 10 ms each), and the app
 * prepares the others once that answer is out.
 */
export class CardRenderer {
  private readonly templates = new Map<CardName, Template>();
  private readonly parsed = new Map<string, ParsedString>();

  private constructor(private readonly payloads: ReadonlyMap<CardName, AdaptiveCard>, readonly dir: string) {}

  /** Reads and checks every template once. Throws, naming the file, if one is missing or malformed. */
  static load(dir: string = defaultCardsDir(), options: CardRendererOptions = {}): CardRenderer {
    const readFile = options.readFile ?? ((file: string) => readFileSync(file, 'utf8'));
    const payloads = new Map<CardName, AdaptiveCard>();
    for (const name of CARD_NAMES) {
      const file = path.join(dir, `${name}.json`);
      let payload: unknown;
      try {
        payload = JSON.parse(readFile(file));
      } catch (error) {
        throw new Error(`Card template ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!isAdaptiveCard(payload) || payload.version !== '1.5') {
        throw new Error(`Card template ${file}: not an AdaptiveCard of version 1.5`);
      }
      payloads.set(name, payload);
    }
    return new CardRenderer(payloads, dir);
  }

  /** The cards whose template is not built yet. */
  unprepared(): CardName[] {
    return CARD_NAMES.filter((name) => !this.templates.has(name));
  }

  /** Builds the named template now if it is not built yet. */
  prepare(name: CardName): void {
    this.templateOf(name);
  }

  /** Expands the named template with `data` as $root. */
  render<K extends CardName>(name: K, data: CardDataMap[K]): AdaptiveCardAttachment {
    const template = this.templateOf(name);
    const prepare = PREPARE[name] as Prepare<K>;
    const expanded: unknown = template.expand({ $root: prepare(data) });
    if (!isAdaptiveCard(expanded)) throw new Error(`Card ${name} did not expand to an AdaptiveCard`);
    // A top-level property whose `$when` was false expands to null (e.g. no `refresh` on a final approval card).
    const card = expanded as Record<string, unknown>;
    for (const key of Object.keys(card)) if (card[key] === null) delete card[key];
    addSubmitFallbacks(expanded);
    return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: expanded };
  }

  private templateOf(name: CardName): Template {
    const built = this.templates.get(name);
    if (built) return built;
    const payload = this.payloads.get(name);
    if (!payload) throw new Error(`Unknown card ${name}`);
    const template = prepareTemplate(payload, this.parsed);
    this.templates.set(name, template);
    return template;
  }
}
