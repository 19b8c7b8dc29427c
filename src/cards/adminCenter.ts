// "Open in admin center" links per cloud (SPEC section 2). Worldwide has a page to buy, one to manage and the
// Billing > Payment methods page (where cards are added: card numbers never travel through chat); Germany and
// 21Vianet have a single "Subscriptions" page for all three.
import type { Cloud } from '../domain/ids.js';

export type AdminCenterPurpose = 'buy' | 'manage' | 'payment';
export type AdminCenterPage = 'buy_services' | 'your_products' | 'payment_methods' | 'subscriptions';

export interface AdminCenterLink {
  readonly cloud: Cloud;
  readonly page: AdminCenterPage;
  readonly url: string;
}

const LINKS: Readonly<Record<Cloud, Readonly<Record<AdminCenterPurpose, AdminCenterLink>>>> = {
  worldwide: {
    buy: { cloud: 'worldwide', page: 'buy_services', url: 'https://go.microsoft.com/fwlink/p/?linkid=868433' },
    manage: { cloud: 'worldwide', page: 'your_products', url: 'https://go.microsoft.com/fwlink/p/?linkid=842054' },
    payment: { cloud: 'worldwide', page: 'payment_methods', url: 'https://admin.microsoft.com/#/billing/paymentmethods' },
  },
  germany: {
    buy: { cloud: 'germany', page: 'subscriptions', url: 'https://go.microsoft.com/fwlink/p/?linkid=847745' },
    manage: { cloud: 'germany', page: 'subscriptions', url: 'https://go.microsoft.com/fwlink/p/?linkid=847745' },
    payment: { cloud: 'germany', page: 'subscriptions', url: 'https://go.microsoft.com/fwlink/p/?linkid=847745' },
  },
  '21vianet': {
    buy: { cloud: '21vianet', page: 'subscriptions', url: 'https://go.microsoft.com/fwlink/p/?linkid=850626' },
    manage: { cloud: '21vianet', page: 'subscriptions', url: 'https://go.microsoft.com/fwlink/p/?linkid=850626' },
    payment: { cloud: '21vianet', page: 'subscriptions', url: 'https://go.microsoft.com/fwlink/p/?linkid=850626' },
  },
};

/** The admin center page for the tenant's cloud: 'buy' for purchase cards, 'manage' for existing add-ons, 'payment' to add a card. */
export function adminCenterLink(cloud: Cloud, purpose: AdminCenterPurpose = 'buy'): AdminCenterLink {
  return LINKS[cloud][purpose];
}
