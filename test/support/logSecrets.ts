// What must never appear in a log line (SPEC section 5): card numbers, secrets and tokens. The resilience suites run
// the bot with LOG_LEVEL=debug into files under test-output/resilience/ and grep every line for these.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Test card numbers the suites put into fuzzed payloads (an old "Add a card" form) and typed text. */
export const TEST_CARD_NUMBERS = ['4242424242424242', '4111111111111111', '5555555555554444', '378282246310005'] as const;

/** A card number as a user may type it: bare, or grouped by spaces or dashes. */
function spellings(cardNumber: string): string[] {
  const groups = cardNumber.match(/.{1,4}/g) ?? [cardNumber];
  return [cardNumber, groups.join(' '), groups.join('-')];
}

/** The AccountKey of a storage connection string. */
export function accountKeyOf(connectionString: string): string {
  const key = /AccountKey=([^;]+)/.exec(connectionString)?.[1];
  if (!key) throw new Error('no AccountKey in the connection string');
  return key;
}

export interface Leak {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/**
 * Every place one of these strings, a test card number (in any usual spelling) or an "Authorization: Bearer" value
 * appears in the given log lines. `secrets` are the values of this run: the storage account key, the app password,
 * the tokens sent.
 */
export function findLeaks(files: ReadonlyArray<{ file: string; lines: readonly string[] }>, secrets: readonly string[]): Leak[] {
  const needles = [
    ...TEST_CARD_NUMBERS.flatMap((n) => spellings(n).map((s) => ({ what: `card number ${n.slice(0, 4)}…`, s }))),
    ...secrets.filter((s) => s.length >= 8).map((s) => ({ what: `secret ${s.slice(0, 3)}…`, s })),
    { what: 'a bearer token', s: 'Bearer ' },
    { what: 'an AccountKey', s: 'AccountKey=' },
  ];
  const leaks: Leak[] = [];
  for (const { file, lines } of files) {
    lines.forEach((line, i) => {
      for (const { what, s } of needles) {
        if (line.includes(s)) leaks.push({ file, line: i + 1, what });
      }
    });
  }
  return leaks;
}

/**
 * A fresh directory for one run of a suite's logs, test-output/resilience/<name>-XXXXXX/ under the project root (runs
 * on one checkout at once do not mix); a suite removes it with removeLogs once its logs passed, else it stays to read.
 */
export function logDirectory(name: string): string {
  const parent = resolve('test-output', 'resilience');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${name}-`));
}

export function removeLogs(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every line of every file of a log directory. */
export function readLogs(dir: string): Array<{ file: string; lines: string[] }> {
  return readdirSync(dir).map((name) => ({ file: join(dir, name), lines: readFileSync(join(dir, name), 'utf8').split('\n') }));
}
