import { EntitySchema } from '@mikro-orm/core';
import type { CartLineSnapshot, CartOwnerKind, CartSnapshot } from '../../../../domain/cart/cart.js';
import { Money } from '../../../../domain/shared/money.js';
import { requiredTimestamp } from '../records/timestamp.js';

/** A cart line as stored in `cart.lines` (jsonb): times as ISO 8601, the noted price as a decimal string. */
interface StoredCartLine {
  skuId: string;
  quantity: number;
  addedAt: string;
  selected: boolean;
  priceWhenAdded: string | null;
}

/** One row of `cart`: the Cart aggregate, its lines (at most 120) as jsonb. */
export class CartRecord {
  id!: string;
  ownerKind!: CartOwnerKind;
  ownerId!: string;
  lines!: StoredCartLine[];
  mergedInto!: string | null;
  updatedAt!: Date;
  version!: number;
}

export const CartSchema = new EntitySchema<CartRecord>({
  class: CartRecord,
  tableName: 'cart',
  properties: {
    id: { type: 'text', primary: true },
    ownerKind: { type: 'text' },
    ownerId: { type: 'text' },
    lines: { type: 'json' },
    mergedInto: { type: 'text', nullable: true },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
    version: { type: 'integer' },
  },
  uniques: [{ name: 'cart_owner_unique', properties: ['ownerKind', 'ownerId'] }],
  checks: [
    { name: 'cart_owner_kind_check', expression: `owner_kind in ('member', 'guest')` },
    { name: 'cart_lines_check', expression: `jsonb_typeof(lines) = 'array' and jsonb_array_length(lines) <= 120` },
    { name: 'cart_version_check', expression: 'version >= 0' },
  ],
});

/** The row to write for a snapshot, at its next version. */
export function cartRecord(s: CartSnapshot, version: number): CartRecord {
  return {
    id: s.id,
    ownerKind: s.owner.kind,
    ownerId: s.owner.id,
    lines: s.lines.map((l) => ({
      skuId: l.skuId,
      quantity: l.quantity,
      addedAt: l.addedAt.toISOString(),
      selected: l.selected,
      priceWhenAdded: l.priceWhenAdded === null ? null : l.priceWhenAdded.toString(),
    })),
    mergedInto: s.mergedInto,
    updatedAt: s.updatedAt,
    version,
  };
}

/** A `cart` row as native SQL returns it. */
export interface CartRow {
  id: string;
  owner_kind: CartOwnerKind;
  owner_id: string;
  lines: StoredCartLine[];
  merged_into: string | null;
  updated_at: string;
  version: number;
}

export function cartFromRow(r: CartRow): CartSnapshot {
  return {
    id: r.id,
    owner: { kind: r.owner_kind, id: r.owner_id },
    // jsonb keeps no key order: rebuild each line in the domain's field order.
    lines: r.lines.map(
      (l): CartLineSnapshot => ({
        skuId: l.skuId,
        quantity: l.quantity,
        addedAt: requiredTimestamp(l.addedAt),
        selected: l.selected,
        priceWhenAdded: l.priceWhenAdded === null ? null : Money.parse(l.priceWhenAdded),
      }),
    ),
    mergedInto: r.merged_into,
    updatedAt: requiredTimestamp(r.updated_at),
    version: r.version,
  };
}
