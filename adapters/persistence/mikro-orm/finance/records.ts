import { EntitySchema } from '@mikro-orm/core';
import { POSTING_KINDS, type PostingKind, type PostingSnapshot } from '../../../../domain/finance/index.js';
import { Money } from '../../../../domain/shared/money.js';
import { ledgerTriggers } from './triggers.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;
const quoted = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/** One row of `ledger_posting`: a posting's header; its lines are `ledger_line` rows. Never updated or deleted. */
export class LedgerPostingRecord {
  id!: string;
  source!: string;
  kind!: PostingKind;
  at!: Date;
  recordedAt!: Date;
  memo!: string;
  reverses!: string | null;
  by!: string | null;
}

export const LedgerPostingSchema = new EntitySchema<LedgerPostingRecord>({
  class: LedgerPostingRecord,
  tableName: 'ledger_posting',
  triggers: ledgerTriggers('ledger_posting'),
  properties: {
    id: { type: 'text', primary: true },
    source: { type: 'text' },
    kind: { type: 'text' },
    at: { ...timestamptz },
    recordedAt: { ...timestamptz },
    memo: { type: 'text' },
    reverses: { type: 'text', nullable: true },
    by: { type: 'text', nullable: true },
  },
  indexes: [{ name: 'ledger_posting_at_index', properties: ['at'] }],
  // A source posts once (a redelivered event finds its posting); a posting is reversed once.
  uniques: [
    { name: 'ledger_posting_source_unique', properties: ['source'] },
    { name: 'ledger_posting_reverses_unique', properties: ['reverses'] },
  ],
  checks: [{ name: 'ledger_posting_kind_check', expression: `kind in (${quoted(POSTING_KINDS)})` }],
});

/** One row of `ledger_line`: an amount on one side of an account, for an order's 分户 or none. */
export class LedgerLineRecord {
  postingId!: string;
  lineNo!: number;
  account!: string;
  side!: 'debit' | 'credit';
  amount!: string;
  currency!: string;
  orderId!: string | null;
}

export const LedgerLineSchema = new EntitySchema<LedgerLineRecord>({
  class: LedgerLineRecord,
  tableName: 'ledger_line',
  triggers: ledgerTriggers('ledger_line'),
  properties: {
    postingId: { type: 'text', primary: true },
    lineNo: { type: 'integer', primary: true },
    account: { type: 'text' },
    side: { type: 'text' },
    amount: { type: 'decimal', precision: 20, scale: 2 },
    currency: { type: 'text' },
    orderId: { type: 'text', nullable: true },
  },
  indexes: [
    { name: 'ledger_line_account_index', properties: ['account'] },
    { name: 'ledger_line_order_index', properties: ['orderId', 'account'] },
  ],
  checks: [
    { name: 'ledger_line_side_check', expression: `side in ('debit', 'credit')` },
    { name: 'ledger_line_amount_check', expression: 'amount > 0' },
  ],
});

/** A posting as SQL returns it: the header's columns and its lines as a json array (numeric and times as text). */
export interface PostingRow {
  id: string;
  source: string;
  kind: PostingKind;
  at: Date | string;
  recorded_at: Date | string;
  memo: string;
  reverses: string | null;
  by: string | null;
  lines: { account: string; side: 'debit' | 'credit'; amount: string | number; currency: string; order_id: string | null }[];
}

export function postingFromRow(r: PostingRow): PostingSnapshot {
  return {
    id: r.id,
    source: r.source,
    kind: r.kind,
    at: new Date(r.at),
    recordedAt: new Date(r.recorded_at),
    memo: r.memo,
    reverses: r.reverses,
    by: r.by,
    lines: r.lines.map((l) => ({ account: l.account, side: l.side, amount: Money.of(String(l.amount), l.currency), orderId: l.order_id })),
  };
}
