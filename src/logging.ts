// Structured JSON logs (pino). Secrets, tokens and card numbers never reach a log line: known secret fields are
// redacted, and turn logs carry only ids, the intent, the duration and an outcome code. Ids and names come from the
// request, so every string field is capped in length: a hostile id cannot blow up a log line.
import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';

/** The longest string a log field keeps, its marker included. */
export const MAX_LOG_FIELD_CHARS = 128;
const CUT_MARKER = '…';

/** `text` cut to MAX_LOG_FIELD_CHARS with a trailing "…" when longer; never between the halves of a surrogate pair. */
export function capLogField(text: string): string {
  if (text.length <= MAX_LOG_FIELD_CHARS) return text;
  let end = MAX_LOG_FIELD_CHARS - CUT_MARKER.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + CUT_MARKER;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * The fields with every long string capped, at the top level and one level down (as far as redaction looks); the same
 * object when nothing is too long, so the usual line allocates nothing more.
 */
function capFields(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  let capped: Record<string, unknown> | undefined;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    const next = typeof value === 'string' ? capLogField(value)
      : depth === 0 && isPlainObject(value) ? capFields(value, 1)
      : value;
    if (next !== value) (capped ??= { ...fields })[key] = next;
  }
  return capped ?? fields;
}

export const REDACTED_PATHS = [
  'password', '*.password', 'MicrosoftAppPassword', '*.MicrosoftAppPassword', 'authorization', '*.authorization',
  'headers.authorization', 'req.headers.authorization', 'token', '*.token', 'cardNumber', '*.cardNumber',
  'AZURE_STORAGE_CONNECTION_STRING', '*.AZURE_STORAGE_CONNECTION_STRING', 'connectionString', '*.connectionString',
];

export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = {
    level, base: { app: 'addon-assistant' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { log: (fields: Record<string, unknown>) => capFields(fields) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The one line logged per turn: ids, the activity type, an intent or verb, a duration and an outcome code. */
export interface TurnLogRecord {
  readonly tenant: string | null;
  readonly conversation: string | null;
  readonly activity: string;
  readonly intent: string;
  readonly durationMs: number;
  readonly outcome: string;
  /** Set on the turn where the conversation switched to the language the admin wrote in. */
  readonly languageSwitch?: string;
}

/**
 * Writes the per-turn line without the redaction pass, which costs about 15 µs a line, four times the rest of the
 * write: a TurnLogRecord holds only ids and codes (never text, a payload or a header), so there is nothing to redact.
 * Every other line goes through the redacting logger. The ids are capped like every field (the child keeps the
 * logger's formatters).
 */
export function createTurnLog(logger: Logger): (record: TurnLogRecord) => void {
  const unredacted = logger.child({}, { redact: [] });
  return (record) => {
    unredacted.info(record, 'turn');
  };
}
