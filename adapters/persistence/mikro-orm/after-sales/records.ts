import { EntitySchema } from '@mikro-orm/core';
import type { RequestSnapshot, RequestStatus, RequestType } from '../../../../domain/after-sales/index.js';
import { decodeSnapshot, encodeSnapshot, type StoredJson } from '../records/snapshot-json.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

/** One row of `after_sales_request`: the request as jsonb, with the columns its queries select on. */
export class AfterSalesRequestRecord {
  id!: string;
  orderId!: string;
  memberId!: string;
  shopId!: string;
  type!: RequestType;
  status!: RequestStatus;
  openedAt!: Date;
  snapshot!: StoredJson;
  version!: number;
}

export const AfterSalesRequestSchema = new EntitySchema<AfterSalesRequestRecord>({
  class: AfterSalesRequestRecord,
  tableName: 'after_sales_request',
  properties: {
    id: { type: 'text', primary: true },
    orderId: { type: 'text' },
    memberId: { type: 'text' },
    shopId: { type: 'text' },
    type: { type: 'text' },
    status: { type: 'text' },
    openedAt: { ...timestamptz },
    snapshot: { type: 'json' },
    version: { type: 'integer' },
  },
  indexes: [
    { name: 'after_sales_request_order_index', properties: ['orderId'] },
    { name: 'after_sales_request_member_opened_index', columns: [{ name: 'member_id' }, { name: 'opened_at', sort: 'desc' }] },
    { name: 'after_sales_request_opened_index', columns: [{ name: 'opened_at', sort: 'desc' }] },
  ],
  checks: [
    {
      name: 'after_sales_request_status_check',
      expression: `status in ('pending_review', 'awaiting_customer_shipment', 'awaiting_return_receipt', 'awaiting_refund', 'awaiting_exchange_shipment', 'succeeded', 'closed')`,
    },
    { name: 'after_sales_request_version_check', expression: 'version >= 0' },
  ],
});

export interface AfterSalesRequestRow {
  snapshot: StoredJson;
  version: number;
}

/** The row to write for a snapshot, at its next version. */
export function afterSalesRequestRecord(s: RequestSnapshot, version: number): AfterSalesRequestRecord {
  return {
    id: s.id,
    orderId: s.orderId,
    memberId: s.memberId,
    shopId: s.shopId,
    type: s.type,
    status: s.status,
    openedAt: s.openedAt,
    snapshot: encodeSnapshot({ ...s, version }),
    version,
  };
}

export function afterSalesRequestFromRow(row: AfterSalesRequestRow): RequestSnapshot {
  const s = decodeSnapshot<RequestSnapshot>(row.snapshot);
  // Requests stored before their timeline was kept have none.
  return { ...s, history: s.history ?? [], version: row.version };
}

/** One row of `after_sales_setting`: a shop's window after completion (AFS-1: 7 or 15 days). */
export class AfterSalesSettingRecord {
  shopId!: string;
  windowDays!: number;
}

export const AfterSalesSettingSchema = new EntitySchema<AfterSalesSettingRecord>({
  class: AfterSalesSettingRecord,
  tableName: 'after_sales_setting',
  properties: {
    shopId: { type: 'text', primary: true },
    windowDays: { type: 'integer' },
  },
  checks: [{ name: 'after_sales_setting_window_check', expression: 'window_days in (7, 15)' }],
});
