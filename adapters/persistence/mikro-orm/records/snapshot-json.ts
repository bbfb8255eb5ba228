import { Money } from '../../../../domain/shared/money.js';
import { requiredTimestamp } from './timestamp.js';

/**
 * A snapshot as stored in jsonb: Money as `{"$money": "12.30", "$currency": "CNY"}` (the exact decimal
 * string, never a JS number), Date as `{"$date": ISO 8601}`, everything else as is. Decoding gives back
 * the same values; jsonb keeps no key order, so objects come back with their keys in jsonb's order.
 */
export type StoredJson = null | boolean | number | string | StoredJson[] | { [key: string]: StoredJson };

export function encodeSnapshot(value: unknown): StoredJson {
  if (value === null || value === undefined) return null;
  if (value instanceof Money) return { $money: value.toString(), $currency: value.currency };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encodeSnapshot);
  if (typeof value === 'object') {
    const out: Record<string, StoredJson> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeSnapshot(v);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  throw new TypeError(`cannot store ${typeof value} in a snapshot`);
}

export function decodeSnapshot<T>(value: StoredJson): T {
  return decode(value) as T;
}

function decode(value: StoredJson): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value.$money === 'string' && typeof value.$currency === 'string') return Money.of(value.$money, value.$currency);
  if (typeof value.$date === 'string') return requiredTimestamp(value.$date);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = decode(v);
  return out;
}
