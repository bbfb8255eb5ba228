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
