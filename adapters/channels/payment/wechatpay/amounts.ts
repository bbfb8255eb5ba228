import { invalidPayment } from '../../../../domain/payment/errors.js';
import { Money } from '../../../../domain/shared/money.js';

/** WeChat Pay (domestic) takes and reports renminbi only. */
export const WECHATPAY_CURRENCY = 'CNY';

/**
 * An amount as WeChat Pay's JSON wants it: whole fen, a JSON integer. Exact — through `toMinor()`
 * (decimal to bigint), never a float multiplication — and refused past 2^53 − 1 fen, where a JSON
 * number stops being exact (no payment comes near: that is 90 trillion yuan).
 */
export function fenOf(amount: Money): number {
  if (amount.currency !== WECHATPAY_CURRENCY) {
    throw invalidPayment('CURRENCY_NOT_TAKEN', `WeChat Pay takes ${WECHATPAY_CURRENCY} only, not ${amount.currency}`, { channel: 'wechatpay' });
  }
  if (!amount.isWholeMinorUnits()) throw invalidPayment('NOT_WHOLE_FEN', `${amount.toString()} is not a whole number of fen`, { channel: 'wechatpay' });
  const fen = amount.toMinor();
  if (fen <= 0n || fen > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidPayment('AMOUNT_OUT_OF_RANGE', `${amount.toString()} is not an amount WeChat Pay takes`, { channel: 'wechatpay' });
  }
  return Number(fen);
}

/** An amount WeChat Pay sent in fen (a JSON integer), as money; null when it is not a whole, non-negative, exact number. */
export function moneyOfFen(fen: unknown, currency: string = WECHATPAY_CURRENCY): Money | null {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen) || fen < 0) return null;
  return Money.fromMinor(BigInt(fen), currency);
}

/** Yuan as a statement writes it (`"123.45"`, a fee `"0.74000"`), as exact money; null when it is not such a number. */
export function moneyOfYuan(text: string, currency: string = WECHATPAY_CURRENCY): Money | null {
  if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(text)) return null;
  return Money.of(text, currency);
}
