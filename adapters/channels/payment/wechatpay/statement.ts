import { parse } from 'csv-parse/sync';
import { PAYMENT_ERRORS } from '../../../../domain/payment/errors.js';
import type { StatementRecord } from '../../../../domain/payment/reconciliation.js';
import type { Money } from '../../../../domain/shared/money.js';
import { fromBeijingText } from '../beijing-time.js';
import { moneyOfYuan, WECHATPAY_CURRENCY } from './amounts.js';

/**
 * WeChat Pay's trade bill (交易账单, bill_type ALL) as statement records. The file: a header row, one
 * row per payment or refund whose every field starts with a backtick (so a spreadsheet keeps long
 * numbers as text), then a summary header (总交易单数 …) and its row. Amounts are yuan; fees have up to
 * 5 decimals and are kept exact; times are Beijing time (+08:00) without an offset.
 */

/** The columns read, by the names of the header row (their order is WeChat Pay's to change). */
export const BILL_COLUMNS = {
  time: '交易时间',
  transactionId: '微信订单号',
  outTradeNo: '商户订单号',
  state: '交易状态',
  currency: '货币种类',
  settlementTotal: '应结订单金额',
  refundId: '微信退款单号',
  outRefundNo: '商户退款单号',
  refund: '退款金额',
  fee: '手续费',
  total: '订单金额',
  requestedRefund: '申请退款金额',
} as const;

const SUMMARY_FIRST_COLUMN = '总交易单数';

export function parseTradeBill(file: Uint8Array): StatementRecord[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(file);
  } catch {
    throw malformed('the file is not UTF-8 text', 0);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch {
    throw malformed('the file is not comma-separated values', 0);
  }
  if (rows.length === 0) return [];
  const head = rows[0]!.map((h) => h.trim());
  const at = (name: string, needed: boolean): number => {
    const i = head.indexOf(name);
    if (i < 0 && needed) throw malformed(`the header has no column ${name}`, 1);
    return i;
  };
  const col = {
    time: at(BILL_COLUMNS.time, true),
    transactionId: at(BILL_COLUMNS.transactionId, true),
    outTradeNo: at(BILL_COLUMNS.outTradeNo, true),
    state: at(BILL_COLUMNS.state, true),
    currency: at(BILL_COLUMNS.currency, false),
    settlementTotal: at(BILL_COLUMNS.settlementTotal, true),
    refundId: at(BILL_COLUMNS.refundId, true),
    outRefundNo: at(BILL_COLUMNS.outRefundNo, true),
    refund: at(BILL_COLUMNS.refund, true),
    fee: at(BILL_COLUMNS.fee, true),
    total: at(BILL_COLUMNS.total, false),
    requestedRefund: at(BILL_COLUMNS.requestedRefund, false),
  };
  const records: StatementRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const raw = rows[r]!;
    // The summary closes the details: its header and its one row of totals are not records.
    if (raw[0]?.trim() === SUMMARY_FIRST_COLUMN) break;
    const line = r + 1;
    if (raw.length !== head.length) throw malformed(`row ${line} has ${raw.length} fields, the header ${head.length}`, line);
    const field = (i: number): string => (i < 0 ? '' : raw[i]!.trim().replace(/^`/, ''));
    const currency = field(col.currency) || WECHATPAY_CURRENCY;
    const money = (i: number, name: string): Money => {
      const m = /^[A-Z]{3}$/.test(currency) ? moneyOfYuan(field(i), currency) : null;
      if (!m) throw malformed(`row ${line}: ${name} is not an amount`, line);
      return m;
    };
    const state = field(col.state);
    const at = fromBeijingText(field(col.time));
    if (!at) throw malformed(`row ${line}: ${BILL_COLUMNS.time} is not yyyy-MM-dd HH:mm:ss`, line);
    const fee = money(col.fee, BILL_COLUMNS.fee);
    if (state === 'SUCCESS') {
      const number = field(col.outTradeNo);
      if (!number) throw malformed(`row ${line}: a payment without ${BILL_COLUMNS.outTradeNo}`, line);
      records.push({
        kind: 'payment',
        number,
        at,
        // 订单金额 (the order amount, what the payment asked for) rather than 应结订单金额, which leaves
        // out free coupons (免充值券) WeChat Pay funded: reconciliation compares with the payment's own
        // amount, as the notification's amount.total does. Older bills have no 订单金额.
        amount: col.total >= 0 ? money(col.total, BILL_COLUMNS.total) : money(col.settlementTotal, BILL_COLUMNS.settlementTotal),
        channelTransactionId: field(col.transactionId),
        fee,
      });
    } else if (state === 'REFUND') {
      const number = field(col.outRefundNo);
      if (!number) throw malformed(`row ${line}: a refund without ${BILL_COLUMNS.outRefundNo}`, line);
      records.push({
        kind: 'refund',
        number,
        // For a refund, 交易时间 is when the refund was taken (发起退款成功时间), not when the money arrived.
        at,
        // 申请退款金额 (what we asked to refund) for the same reason as 订单金额 above; 退款金额 where it is absent.
        amount: col.requestedRefund >= 0 ? money(col.requestedRefund, BILL_COLUMNS.requestedRefund) : money(col.refund, BILL_COLUMNS.refund),
        channelTransactionId: field(col.refundId),
        // The fee given back: negative, whether or not the bill writes the sign.
        fee: fee.isPositive() ? fee.negate() : fee,
      });
    }
    // Other states (REVOKED: a code payment revoked the same day) move no money to reconcile.
  }
  return records;
}

function malformed(message: string, line: number) {
  // No code of its own: a bill that is not WeChat Pay's shape is refused like a notification that is not.
  return PAYMENT_ERRORS.raise('INVALID_STATEMENT', `not a WeChat Pay trade bill: ${message}`, { channel: 'wechatpay', reason: 'MALFORMED_STATEMENT', line });
}
