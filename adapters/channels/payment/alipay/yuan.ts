import { PAYMENT_ERROR } from '../../../../domain/payment/errors.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { Money } from '../../../../domain/shared/money.js';

/** Alipay takes and tells amounts in yuan with two decimals ("12.30"), and CNY only. */
const YUAN = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** "12.30" for 12.30 CNY: exact (decimal, never a float); another currency or part of a fen is refused. */
export function toYuan(amount: Money): string {
  if (amount.currency !== 'CNY') {
    throw DomainError.invalid(PAYMENT_ERROR.INVALID_PAYMENT, `Alipay takes CNY, not ${amount.currency}`, { reason: 'CURRENCY', channel: 'alipay' });
  }
  if (!amount.isWholeMinorUnits()) throw new RangeError(`${amount.toString()} is not whole fen`);
  return amount.amount.toFixed(2);
}

/** 12.30 CNY for "12.30" (or "12.3", "12"): exact; anything else is not an Alipay amount (`null`). */
export function fromYuan(text: string): Money | null {
  return YUAN.test(text) ? Money.of(text, 'CNY') : null;
}

/** A yuan amount of a notification or an answer, or `PAYMENT.INVALID_CALLBACK`. */
export function yuanOf(text: unknown, field: string): Money {
  const m = typeof text === 'string' ? fromYuan(text) : null;
  if (!m) throw DomainError.invalid(PAYMENT_ERROR.INVALID_CALLBACK, `Alipay's ${field} is not an amount in yuan`, { channel: 'alipay', field });
  return m;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const BEIJING = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** "yyyy-MM-dd HH:mm:ss" in Beijing time (+08:00, no daylight saving), as Alipay writes times. */
export function beijingTime(at: Date): string {
  const b = new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString();
  return `${b.slice(0, 10)} ${b.slice(11, 19)}`;
}

/** The instant of a Beijing time "yyyy-MM-dd HH:mm:ss" (`null` when it is not one). */
export function fromBeijingTime(text: string): Date | null {
  const m = BEIJING.exec(text);
  if (!m) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(at.getTime()) || beijingTime(at) !== text ? null : at;
}
