import { parse } from 'csv-parse/sync';
import type { StatementRecord } from '../../../../domain/payment/reconciliation.js';
import { Money } from '../../../../domain/shared/money.js';
import { fromStripeAmount, stripeDecimalsOf } from './amounts.js';
import { invalidStatement } from './errors.js';

/** Balance transaction types that are a payment taken (card charges; other payment methods) and money given back. */
const PAYMENT_TYPES = new Set(['charge', 'payment']);
const REFUND_TYPES = new Set(['refund', 'payment_refund']);

const record = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
/** A refund's fee is the fee given back: negative (zero stays zero). */
const givenBack = (fee: Money): Money => (fee.isZero() ? fee : fee.abs().negate());
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The UTC day `day` (YYYY-MM-DD) as Unix seconds [from, to). */
export function utcDay(day: string): { readonly gte: number; readonly lt: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const start = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== day) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return { gte: start / 1000, lt: start / 1000 + 86_400 };
}

/**
 * One balance transaction (its source expanded) as a statement line: a charge or payment → the payment
 * (number = the intent's metadata.payment_number, which `intentNumber` finds when the charge lacks it),
 * a refund → the refund (number = its metadata.refund_id); other types (payouts, fees, transfers …)
 * and lines without our metadata are not ours: none. Amount |amount|, fee as Stripe kept it (a
 * refund's given back: negative), at = created, the transaction id the line's source (ch_/py_ for a
 * payment, re_ for a refund), as the dashboard export names it. With a currency conversion, the amount is the source's
 * own (what the payment was for) and the fee stays in the settlement currency.
 */
export async function recordOfBalanceTransaction(
  bt: Record<string, unknown>,
  intentNumber: (intentId: string) => Promise<string | undefined>,
): Promise<StatementRecord | null> {
  const type = str(bt.type) ?? '';
  const kind = PAYMENT_TYPES.has(type) ? 'payment' : REFUND_TYPES.has(type) ? 'refund' : null;
  if (!kind) return null;
  const source = record(bt.source);
  const metadata = record(source?.metadata);
  let number = kind === 'refund' ? str(metadata?.refund_id) : str(metadata?.payment_number);
  if (!number && kind === 'payment') {
    const intent = source?.payment_intent;
    number = str(record(record(intent)?.metadata)?.payment_number) ?? (typeof intent === 'string' ? await intentNumber(intent) : undefined);
  }
  if (!number) return null;
  const converted = typeof bt.exchange_rate === 'number' && source !== null;
  const amount = converted
    ? fromStripeAmount(kind === 'payment' ? (source.amount_captured ?? source.amount) : source.amount, source.currency)
    : fromStripeAmount(Math.abs(Number(bt.amount)), bt.currency);
  const fee = fromStripeAmount(Math.abs(Number(bt.fee)), bt.currency);
  const at = typeof bt.created === 'number' ? new Date(bt.created * 1000) : null;
  if (!amount || !fee || !at || !str(source?.id ?? bt.source)) {
    throw invalidStatement(`balance transaction ${String(bt.id)} has no amount, fee, time or source Stripe describes`);
  }
  return {
    kind,
    number,
    at,
    amount: amount.abs(),
    fee: kind === 'refund' ? givenBack(fee) : fee,
    channelTransactionId: str(source?.id ?? bt.source)!,
  };
}

/** A major-unit amount of the export ("123.45", "-10.00", "1235" for JPY) as Money, exact. */
function exportAmount(text: string | undefined, currency: string, line: number, column: string): Money {
  const t = (text ?? '').trim();
  const decimals = t.split('.')[1]?.length ?? 0;
  if (!/^-?\d{1,15}(\.\d+)?$/.test(t) || decimals > stripeDecimalsOf(currency)) {
    throw invalidStatement(`line ${line}: ${column} is not an amount in ${currency}`, { line, column });
  }
  return Money.of(t, currency);
}

/** "2026-03-02 10:00:05" (UTC, as the dashboard writes it), or ISO 8601. */
function exportTime(text: string | undefined, line: number): Date {
  const t = (text ?? '').trim();
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:Z|\+00:00)?$/.exec(t);
  const at = m ? new Date(`${m[1]}T${m[2]!.length === 5 ? `${m[2]}:00` : m[2]}Z`) : null;
  if (!at || Number.isNaN(at.getTime())) throw invalidStatement(`line ${line}: Created (UTC) is not a time`, { line });
  return at;
}

/**
 * The dashboard's "Balance transactions" export (itemized CSV): columns `id`, `Type`, `Source`,
 * `Amount`, `Fee`, `Net`, `Currency`, `Created (UTC)`, `Description` and the metadata columns
 * `payment_number (metadata)` / `refund_id (metadata)`, amounts in major units. The same records as
 * `statement` (payment lines name the charge as source, so the transaction id is the charge's). A file
 * without those columns or with a line that is not read is PAYMENT.INVALID_STATEMENT.
 */
export function parseBalanceTransactionsCsv(file: Uint8Array): StatementRecord[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(new TextDecoder('utf-8', { fatal: true }).decode(file), { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch {
    throw invalidStatement('the statement is not a UTF-8 CSV file');
  }
  const first = rows[0];
  const needed = ['id', 'Type', 'Source', 'Amount', 'Fee', 'Currency', 'Created (UTC)'];
  if (first && needed.some((c) => !(c in first))) {
    throw invalidStatement(`the statement is not a balance transactions export: it needs the columns ${needed.join(', ')}`);
  }
  const out: StatementRecord[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const type = row.Type ?? '';
    const kind = PAYMENT_TYPES.has(type) ? 'payment' : REFUND_TYPES.has(type) ? 'refund' : null;
    if (!kind) return;
    const number = kind === 'payment' ? row['payment_number (metadata)'] : row['refund_id (metadata)'];
    if (!number) return;
    const currency = (row.Currency ?? '').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw invalidStatement(`line ${line}: Currency is not a currency`, { line });
    const fee = exportAmount(row.Fee, currency, line, 'Fee').abs();
    out.push({
      kind,
      number,
      at: exportTime(row['Created (UTC)'], line),
      amount: exportAmount(row.Amount, currency, line, 'Amount').abs(),
      fee: kind === 'refund' ? givenBack(fee) : fee,
      channelTransactionId: row.Source || row.id!,
    });
  });
  return out;
}
