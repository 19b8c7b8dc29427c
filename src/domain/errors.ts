// Every business failure is a DomainError with a stable code. Messages (EN/FR) live in src/i18n, keyed by code.

export const ERROR_CODES = [
  'not_found',
  'forbidden',
  'unknown_tenant',
  'invalid_input',
  'invalid_quantity',
  'not_eligible',
  'not_a_base_subscription',
  'not_an_addon_subscription',
  'not_active',
  'below_assigned',
  'no_change',
  'traditional_not_removable',
  'traditional_follows_base',
  'outside_refund_window',
  'recurring_billing_off',
  'recurring_billing_already',
  'quote_stale',
  'quote_altered',
  'quote_used_elsewhere',
  'payment_method_required',
  'invalid_payment_method',
  'card_expired',
  'currency_not_supported',
  'request_expired',
  'request_decided',
  'price_changed',
  'duplicate',
  'in_progress',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values interpolated into the message: names, dates, amounts already formatted by the caller or raw ids. */
export type ErrorParams = Readonly<Record<string, string | number | readonly string[]>>;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

export function fail(code: ErrorCode, params?: ErrorParams): never {
  throw new DomainError(code, params);
}
