// The intents the recognizer tells apart (SPEC section 7): the stable ids the bot, the `understand` command and the
// tests share.
export const INTENTS = [
  'buy', 'change_quantity', 'remove', 'recurring_billing_off', 'recurring_billing_on', 'availability', 'list_addons',
  'list_orders', 'list_requests', 'renewals', 'spend', 'reminders_off', 'reminders_on', 'help', 'cancel', 'back',
  'set_language', 'greeting', 'none',
] as const;
export type Intent = (typeof INTENTS)[number];
