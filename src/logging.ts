// Structured JSON logs (pino). Secrets, tokens and card numbers never reach a log line: known secret fields are
// redacted, and turn logs carry only ids, the intent, the duration and an outcome code.
import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';

export const REDACTED_PATHS = [
  'password', '*.password', 'MicrosoftAppPassword', '*.MicrosoftAppPassword', 'authorization', '*.authorization',
  'headers.authorization', 'req.headers.authorization', 'token', '*.token', 'cardNumber', '*.cardNumber',
  'AZURE_STORAGE_CONNECTION_STRING', '*.AZURE_STORAGE_CONNECTION_STRING', 'connectionString', '*.connectionString',
];

export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'addon-assistant' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
