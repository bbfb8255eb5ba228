import { EntitySchema } from '@mikro-orm/core';
import { LIVE_BLUE_STATUSES, type InvoiceKind, type InvoiceSettings, type InvoiceSnapshot, type InvoiceStatus } from '../../../../domain/invoice/index.js';
import { decodeSnapshot, encodeSnapshot, type StoredJson } from '../records/snapshot-json.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;
const quoted = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/** One row of `invoice`: the invoice as jsonb, with the columns its queries and its one guard select on. */
export class InvoiceRecord {
  id!: string;
  orderId!: string;
  memberId!: string;
  shopId!: string;
  kind!: InvoiceKind;
  status!: InvoiceStatus;
  requestedAt!: Date;
  snapshot!: StoredJson;
  version!: number;
}

export const InvoiceSchema = new EntitySchema<InvoiceRecord>({
  class: InvoiceRecord,
  tableName: 'invoice',
  properties: {
    id: { type: 'text', primary: true },
    orderId: { type: 'text' },
    memberId: { type: 'text' },
    shopId: { type: 'text' },
    kind: { type: 'text' },
    status: { type: 'text' },
    requestedAt: { ...timestamptz },
    snapshot: { type: 'json' },
    version: { type: 'integer' },
  },
  indexes: [
    { name: 'invoice_order_index', properties: ['orderId'] },
    { name: 'invoice_member_requested_index', columns: [{ name: 'member_id' }, { name: 'requested_at', sort: 'desc' }] },
    { name: 'invoice_requested_index', columns: [{ name: 'requested_at', sort: 'desc' }] },
  ],
  uniques: [
    // Spec §14: never two blue invoices for one order — one live at a time (a red-flushed or cancelled one is not).
    { name: 'invoice_live_blue_unique', properties: ['orderId'], where: `kind = 'blue' and status in (${quoted(LIVE_BLUE_STATUSES)})` },
  ],
  checks: [
    { name: 'invoice_kind_check', expression: `kind in ('blue', 'red')` },
    { name: 'invoice_status_check', expression: `status in ('requested', 'issuing', 'issued', 'failed', 'flushing', 'red_flushed', 'cancelled')` },
    { name: 'invoice_version_check', expression: 'version >= 0' },
  ],
});

export interface InvoiceRow {
  snapshot: StoredJson;
  version: number;
}

/** The row to write for a snapshot, at its next version. */
export function invoiceRecord(s: InvoiceSnapshot, version: number): InvoiceRecord {
  return {
    id: s.id,
    orderId: s.orderId,
    memberId: s.memberId,
    shopId: s.shopId,
    kind: s.kind,
    status: s.status,
    requestedAt: s.requestedAt,
    snapshot: encodeSnapshot({ ...s, version }),
    version,
  };
}

export function invoiceFromRow(row: InvoiceRow): InvoiceSnapshot {
  return { ...decodeSnapshot<InvoiceSnapshot>(row.snapshot), version: row.version };
}

/** One row of `invoice_settings`: a shop's settings (`*`: the default) as jsonb. */
export class InvoiceSettingsRecord {
  shopId!: string;
  settings!: StoredJson;
}

export const InvoiceSettingsSchema = new EntitySchema<InvoiceSettingsRecord>({
  class: InvoiceSettingsRecord,
  tableName: 'invoice_settings',
  properties: {
    shopId: { type: 'text', primary: true },
    settings: { type: 'json' },
  },
});

export const settingsFromRow = (row: { settings: StoredJson }): InvoiceSettings => decodeSnapshot<InvoiceSettings>(row.settings);
