// Every dialog id in one place.

export const MAIN_DIALOG = 'mainDialog';
export const MAIN_WATERFALL = 'mainDialog.waterfall';

export const BUY_ADDON_DIALOG = 'buyAddonDialog';
export const BUY_WATERFALL = 'buyAddonDialog.waterfall';
export const ASK_SUBSCRIPTION = 'buyAddonDialog.askSubscription';
export const ASK_ADDON = 'buyAddonDialog.askAddon';
export const ASK_DETAILS = 'buyAddonDialog.askDetails';
export const ASK_CHECKOUT = 'buyAddonDialog.askCheckout';
/** Instead of checkout for users without purchase rights: the "Request approval" card. */
export const ASK_REQUEST = 'buyAddonDialog.askRequest';

export const CHANGE_QUANTITY_DIALOG = 'changeQuantityDialog';
export const CHANGE_QUANTITY_WATERFALL = 'changeQuantityDialog.waterfall';
export const ASK_QUANTITY_ADDON = 'changeQuantityDialog.askAddon';
export const ASK_NEW_QUANTITY = 'changeQuantityDialog.askQuantity';
export const CONFIRM_QUANTITY = 'changeQuantityDialog.askConfirm';

export const REMOVE_ADDON_DIALOG = 'removeAddonDialog';
export const REMOVE_ADDON_WATERFALL = 'removeAddonDialog.waterfall';
export const ASK_REMOVE_ADDON = 'removeAddonDialog.askAddon';
export const CONFIRM_REMOVAL = 'removeAddonDialog.askConfirm';

export const RECURRING_BILLING_DIALOG = 'recurringBillingDialog';
export const RECURRING_BILLING_WATERFALL = 'recurringBillingDialog.waterfall';
export const ASK_RECURRING_ADDON = 'recurringBillingDialog.askAddon';
export const CONFIRM_RECURRING = 'recurringBillingDialog.askConfirm';
