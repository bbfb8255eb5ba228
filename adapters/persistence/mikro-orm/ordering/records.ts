import { EntitySchema } from '@mikro-orm/core';
import { orderAmounts, type OrderKind, type OrderSnapshot, type OrderStatus } from '../../../../domain/ordering/index.js';
import { decodeSnapshot, encodeSnapshot, type StoredJson } from '../records/snapshot-json.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

/** One row of `order`: the Order aggregate as jsonb, with the columns queries select on. */
export class OrderRecord {
  id!: string;
  number!: string;
  memberId!: string;
  parentId!: string | null;
  status!: OrderStatus;
  payBy!: Date;
  snapshot!: StoredJson;
  version!: number;
  // The query columns (Migration20261122130000_order_queries), derived from the snapshot on every save.
  // Nullable types with a CHECK that they are set: see `sales_order_summary_check`.
  kind!: OrderKind;
  shopId!: string | null;
  placedAt!: Date;
  /** When the order was paid (null: unpaid, or a split parent, which is paid through its children). */
  paidAt!: Date | null;
  /** ORD-1 payable, as the exact decimal string. */
  payable!: string;
  /** No children: an unsplit order or a child order (members see and pay leaf orders). */
  isLeaf!: boolean;
}

export const OrderSchema = new EntitySchema<OrderRecord>({
  class: OrderRecord,
  tableName: 'sales_order',
  properties: {
    id: { type: 'text', primary: true },
    number: { type: 'text' },
    memberId: { type: 'text' },
    parentId: { type: 'text', nullable: true },
    status: { type: 'text' },
    payBy: { ...timestamptz },
    snapshot: { type: 'json' },
    version: { type: 'integer' },
    kind: { type: 'text', nullable: true },
    shopId: { type: 'text', nullable: true },
    placedAt: { ...timestamptz, nullable: true },
    paidAt: { ...timestamptz, nullable: true },
    payable: { type: 'decimal', precision: 20, scale: 2, nullable: true },
    isLeaf: { type: 'boolean', nullable: true },
  },
  uniques: [{ name: 'sales_order_number_unique', properties: ['number'] }],
  indexes: [
    { name: 'sales_order_parent_index', properties: ['parentId'] },
    { name: 'sales_order_status_pay_by_index', properties: ['status', 'payBy'] },
    { name: 'sales_order_member_placed_index', columns: [{ name: 'member_id' }, { name: 'placed_at', sort: 'desc' }] },
    { name: 'sales_order_placed_index', properties: ['placedAt'] },
    { name: 'sales_order_shop_placed_index', columns: [{ name: 'shop_id' }, { name: 'placed_at', sort: 'desc' }] },
  ],
  checks: [
    {
      name: 'sales_order_status_check',
      expression: `status in ('pending_payment', 'pending_shipment', 'pending_redemption', 'shipped', 'completed', 'cancelled', 'closed')`,
    },
    { name: 'sales_order_version_check', expression: 'version >= 0' },
    // A CHECK rather than NOT NULL: evaluated after the status check (PostgreSQL runs CHECKs by name),
    // so a bad status is still reported as such by rows written behind the adapter's back.
    {
      name: 'sales_order_summary_check',
      expression: `kind is not null and placed_at is not null and payable is not null and is_leaf is not null and kind in ('goods', 'service') and payable >= 0`,
    },
  ],
});

/** The row to write for a snapshot, at its next version. */
export function orderRecord(s: OrderSnapshot, version: number): OrderRecord {
  return {
    id: s.id,
    number: s.number,
    memberId: s.common.memberId,
    parentId: s.parentId,
    status: s.status,
    payBy: s.payBy,
    snapshot: encodeSnapshot({ ...s, version }),
    version,
    kind: s.kind,
    shopId: s.shopId,
    placedAt: s.placedAt,
    paidAt: s.payment?.paidAt ?? null,
    payable: orderAmounts(s.lines, s.freight, s.freightCouponDiscount).payable.toString(),
    isLeaf: s.childIds.length === 0,
  };
}

/** An `order` row as native SQL returns it. */
export interface OrderRow {
  id: string;
  snapshot: StoredJson;
  version: number;
}

export function orderFromRow(r: OrderRow): OrderSnapshot {
  return { ...decodeSnapshot<OrderSnapshot>(r.snapshot), version: r.version };
}
