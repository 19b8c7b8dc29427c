// Production id source: random, unguessable ids; order numbers readable enough to quote over the phone.
import { randomBytes } from 'node:crypto';
import type { IdGenerator, IdPrefix } from '../domain/ports.js';

// Crockford's base32 without I, L, O, U: no look-alike characters in an order number.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % 32];
  return out;
}

export class RandomIds implements IdGenerator {
  next(prefix: IdPrefix): string {
    const bytes = randomBytes(16);
    // 12 base32 characters = 60 bits: collisions are out of reach for any tenant's lifetime of orders.
    const body = base32(bytes, 12);
    return `${prefix}-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}`;
  }
}
