// Every dialog id in one place.

export const MAIN_DIALOG = 'mainDialog';
export const MAIN_WATERFALL = 'mainDialog.waterfall';

export const BUY_ADDON_DIALOG = 'buyAddonDialog';
export const BUY_WATERFALL = 'buyAddonDialog.waterfall';
export const ASK_SUBSCRIPTION = 'buyAddonDialog.askSubscription';
export const ASK_ADDON = 'buyAddonDialog.askAddon';
export const ASK_DETAILS = 'buyAddonDialog.askDetails';
export const ASK_CHECKOUT = 'buyAddonDialog.askCheckout';
