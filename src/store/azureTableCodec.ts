// How the Azure Table ledger lays out its rows (see azureLedgerStore.ts): escaped keys, an entity's properties and
// JSON chunks, and reading back rows and service errors. No I/O here.
import type { ClaimOutcome } from '../domain/outcomes.js';
import type { Claim, EntityKind, EntityMap, Stored, WriteOp } from '../domain/ports.js';
import type { Position } from './storeSupport.js';

/** Characters (UTF-16 code units) per string property: Azure's limit is 64 KiB, i.e. 32,768. */
export const MAX_STRING_CHARS = 32_000;
/** An entity's JSON may fill this many string properties: 15 × 64 KB stays under Azure's 1 MiB per entity. */
export const MAX_DATA_CHUNKS = 15;
/** PartitionKey and RowKey are at most 1 KiB. */
export const MAX_KEY_CHARS = 1024;
// ---- keys ----

const SAFE_KEY_CHAR = /^[A-Za-z0-9._-]$/;

/**
 * Escapes any string into characters Azure accepts in a key, reversibly: letters, digits, '.', '_' and '-' stay;
 * any other UTF-16 code unit below 0x100 becomes "!hh", any other "~hhhh" (lone surrogates included).
 */
export function encodeKeyPart(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const code = text.charCodeAt(i);
    if (SAFE_KEY_CHAR.test(char)) out += char;
    else if (code < 0x100) out += `!${code.toString(16).padStart(2, '0')}`;
    else out += `~${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

export function decodeKeyPart(encoded: string): string {
  let out = '';
  for (let i = 0; i < encoded.length;) {
    const char = encoded.charAt(i);
    const width = char === '!' ? 2 : char === '~' ? 4 : 0;
    if (width === 0) {
      if (!SAFE_KEY_CHAR.test(char)) throw new RangeError(`Not an encoded key part: ${encoded}`);
      out += char;
      i += 1;
      continue;
    }
    const hex = encoded.slice(i + 1, i + 1 + width);
    if (!/^[0-9a-f]+$/.test(hex) || hex.length !== width) throw new RangeError(`Not an encoded key part: ${encoded}`);
    out += String.fromCharCode(Number.parseInt(hex, 16));
    i += 1 + width;
  }
  return out;
}

export function checkedKey(key: string, what: string): string {
  if (key.length > MAX_KEY_CHARS) throw new RangeError(`${what} is too long for an Azure key once escaped (${key.length} > ${MAX_KEY_CHARS})`);
  return key;
}

export function partitionKeyOf(tenantId: string): string {
  return checkedKey(encodeKeyPart(tenantId), `Tenant id ${tenantId.slice(0, 50)}`);
}

export function entityRowKey(kind: EntityKind, id: string): string {
  return checkedKey(`e|${kind}|${encodeKeyPart(id)}`, `The id of ${kind} ${id.slice(0, 50)}`);
}

export function claimRowKey(key: string): string {
  return checkedKey(`c|${encodeKeyPart(key)}`, `Claim key ${key.slice(0, 50)}`);
}

/** The RowKey range [from, to) of one kind's entities: '}' is the character after the '|' separator. */
export function kindRange(kind: EntityKind): { from: string; to: string } {
  return { from: `e|${kind}|`, to: `e|${kind}}` };
}

// ---- rows ----

export type Properties = Record<string, string | number>;

export function checkedString(value: string, what: string): string {
  if (value.length > MAX_STRING_CHARS) {
    throw new RangeError(`${what} is ${value.length} characters; an Azure string property holds at most ${MAX_STRING_CHARS}`);
  }
  return value;
}

/** Splits text into pieces of at most MAX_STRING_CHARS code units, never between the halves of a surrogate pair. */
export function splitChunks(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length || chunks.length === 0) {
    let end = Math.min(start + MAX_STRING_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

export function entityProperties(op: WriteOp, version: number): Properties {
  const json = JSON.stringify(op.value);
  const chunks = splitChunks(json);
  if (chunks.length > MAX_DATA_CHUNKS) {
    throw new RangeError(`${op.kind} ${op.id} is ${json.length} characters of JSON; the Azure store keeps at most `
      + `${MAX_DATA_CHUNKS * MAX_STRING_CHARS} per entity (1 MiB)`);
  }
  const properties: Properties = {
    kind: op.kind,
    id: checkedString(op.id, `The id of ${op.kind}`),
    version,
    sortKey: checkedString(op.sortKey, `The sort key of ${op.kind} ${op.id}`),
    chunks: chunks.length,
  };
  if (op.owner !== null) properties.owner = checkedString(op.owner, `The owner of ${op.kind} ${op.id}`);
  chunks.forEach((chunk, i) => { properties[`data${i}`] = chunk; });
  return properties;
}

/** A row as the SDK hands it back: its properties are whatever the service stored, so every one is checked. */
export type RawRow = Record<string, unknown> & { etag?: unknown };

export function numberProperty(row: RawRow, name: string): number {
  const value = row[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`Ledger row has no integer ${name}`);
  return value;
}

export function stringProperty(row: RawRow, name: string): string {
  const value = row[name];
  if (typeof value !== 'string') throw new Error(`Ledger row has no string ${name}`);
  return value;
}

export function toStored<K extends EntityKind>(row: RawRow): Stored<EntityMap[K]> {
  const chunks = numberProperty(row, 'chunks');
  let json = '';
  for (let i = 0; i < chunks; i++) json += stringProperty(row, `data${i}`);
  // Our own JSON, written through commit under this kind's RowKey.
  return { value: JSON.parse(json) as EntityMap[K], version: numberProperty(row, 'version') };
}

export function toClaim(row: RawRow): Claim {
  return { key: stringProperty(row, 'key'), outcome: JSON.parse(stringProperty(row, 'outcome')) as ClaimOutcome, at: stringProperty(row, 'at') };
}

// ---- errors ----

interface ServiceError {
  readonly statusCode: number | undefined;
  readonly code: string | undefined;
  readonly message: string;
}

/** The status and service error code of an SDK RestError (the code is in `code` for transactions, else in details). */
export function serviceError(error: unknown): ServiceError | undefined {
  if (!(error instanceof Error) || error.name !== 'RestError') return undefined;
  const fields = error as Error & { statusCode?: unknown; code?: unknown; details?: unknown };
  const details = typeof fields.details === 'object' && fields.details !== null ? fields.details as { errorCode?: unknown } : {};
  const code = typeof fields.code === 'string' ? fields.code : typeof details.errorCode === 'string' ? details.errorCode : undefined;
  return { statusCode: typeof fields.statusCode === 'number' ? fields.statusCode : undefined, code, message: error.message };
}

/** A row that does not exist; not a table that does not exist (TableNotFound), which is an error of its own. */
export function isNotFound(error: unknown): boolean {
  const failure = serviceError(error);
  return failure?.statusCode === 404 && failure.code !== 'TableNotFound';
}

/**
 * Which operation failed a transaction: the service starts the message with its zero-based index ("3:The specified
 * entity already exists."). Undefined when the message does not say.
 */
export function failedOperationIndex(message: string): number | undefined {
  const match = /^\s*(\d+):/.exec(message);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 10);
}

/** Failures of one operation that the port answers with 'duplicate' or 'conflict': exists, missing, changed. */
export const REFUSED_STATUSES = new Set([404, 409, 412]);

// ---- helpers ----

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function mapLimit<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Orders like the SQLite and in-memory stores: UTF-8 bytes of the sort key, then of the id. */
export function comparePositions(a: Position, b: Position): number {
  return Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)) || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));
}

/**
 * True when the service's string comparison must agree with UTF-8 byte order against this string: every code unit
 * below the surrogates, where UTF-16 code unit, code point and UTF-8 byte orders all coincide.
 */
export function comparableOnService(text: string): boolean {
  return !/[\ud800-\uffff]/.test(text);
}

export function isLoopbackHttp(connectionString: string): boolean {
  if (/(^|;)\s*UseDevelopmentStorage=true\s*(;|$)/i.test(connectionString)) return true;
  const endpoint = /(?:^|;)\s*TableEndpoint=([^;]+)/i.exec(connectionString)?.[1];
  if (endpoint === undefined) return false;
  try {
    const url = new URL(endpoint.trim());
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

