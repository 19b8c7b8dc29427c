// Every card by name: its data interface, and how that data becomes the template's $root (defaults for optional
// fields, paging).
import { prepareChoice, prepareNotice, type ChoiceCardData, type NoticeCardData } from './common.js';
import {
  prepareApproval, prepareRequestApproval, prepareRequests, type ApprovalCardData, type RequestApprovalCardData,
  type RequestsCardData,
} from './data/approvals.js';
import { prepareAvailability, type AvailabilityCardData } from './data/availability.js';
import {
  prepareCheckout, prepareOrderPlaced, preparePurchaseDetails, type CheckoutCardData, type OrderPlacedCardData,
  type PurchaseDetailsCardData,
} from './data/buy.js';
import { prepareHelp, prepareWelcome, type HelpCardData, type WelcomeCardData } from './data/conversation.js';
import { prepareGlance, type GlanceCardData } from './data/glance.js';
import { prepareAddons, prepareOrders, type AddonsCardData, type OrdersCardData } from './data/lists.js';
import { prepareChangeQuantity, prepareConfirmChange, type ChangeQuantityCardData, type ConfirmChangeCardData } from './data/manage.js';

export const CARD_NAMES = [
  'welcome', 'help', 'choice', 'purchaseDetails', 'checkout', 'orderPlaced', 'notice',
  'addons', 'orders', 'changeQuantity', 'confirmChange', 'availability',
  'approval', 'requestApproval', 'requests', 'glance',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

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
  glance: GlanceCardData;
}

export type Prepare<K extends CardName> = (data: CardDataMap[K]) => object;

export const PREPARE: { readonly [K in CardName]: Prepare<K> } = {
  welcome: prepareWelcome,
  help: prepareHelp,
  choice: prepareChoice,
  purchaseDetails: preparePurchaseDetails,
  checkout: prepareCheckout,
  orderPlaced: prepareOrderPlaced,
  notice: prepareNotice,
  addons: prepareAddons,
  orders: prepareOrders,
  changeQuantity: prepareChangeQuantity,
  confirmChange: prepareConfirmChange,
  availability: prepareAvailability,
  approval: prepareApproval,
  requestApproval: prepareRequestApproval,
  requests: prepareRequests,
  glance: prepareGlance,
};
