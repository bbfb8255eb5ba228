import { PAYMENT_ERROR } from '../../../../domain/payment/errors.js';
import type { PaymentCallback } from '../../../../domain/payment/payment.js';
import type { ChannelRequest, VerifiedCallback, VerifiedRefundCallback } from '../../../../domain/payment/ports.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { AlipayGateway } from './gateway.js';
import { fromBeijingText } from '../beijing-time.js';
import { yuanOf } from './yuan.js';

const CHANNEL = 'alipay';
/** A notification is a few dozen short fields; anything far larger is not one. */
const MAX_BODY = 64 * 1024;

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  DomainError.invalid(PAYMENT_ERROR.INVALID_CALLBACK, message, { channel: CHANNEL, ...details });

/**
 * The fields of a notification (异步通知, `application/x-www-form-urlencoded`): read from the exact body
 * when there is one, else from the fields the HTTP layer parsed (an object of strings). A field given
 * twice, or a body that is no form, is `PAYMENT.INVALID_CALLBACK`.
 */
export function notificationFields(body: unknown, request?: ChannelRequest): Record<string, string> {
  const fields: Record<string, string> = Object.create(null);
  if (request && typeof request.rawBody === 'string' && request.rawBody !== '') {
    if (request.rawBody.length > MAX_BODY) throw invalid('an Alipay notification is a form of at most 64 KiB');
    for (const [k, v] of new URLSearchParams(request.rawBody)) {
      if (k in fields) throw invalid(`an Alipay notification names ${k} twice`, { reason: 'DUPLICATE_FIELD' });
      fields[k] = v;
    }
    return fields;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid('an Alipay notification is a form of fields');
  for (const [k, v] of Object.entries(body)) {
    if (typeof v !== 'string') throw invalid('the fields of an Alipay notification are strings', { field: k });
    fields[k] = v;
  }
  return fields;
}

/**
 * Checks a notification: its RSA2 signature first (`PAYMENT.INVALID_SIGNATURE`, nothing else read),
 * then that it is for our app (`PAYMENT.INVALID_CALLBACK`, reason `APP_ID`).
 */
export function verifiedFields(gateway: AlipayGateway, body: unknown, request?: ChannelRequest): Record<string, string> {
  const fields = notificationFields(body, request);
  if (!gateway.verifyNotification(fields)) {
    throw new DomainError(PAYMENT_ERROR.INVALID_SIGNATURE, 'the signature of the Alipay notification does not hold', 'unauthenticated', {
      channel: CHANNEL,
    });
  }
  if (fields.app_id !== gateway.appId) throw invalid('the Alipay notification is for another app', { reason: 'APP_ID' });
  return fields;
}

const required = (fields: Readonly<Record<string, string>>, name: string): string => {
  const v = fields[name];
  if (v === undefined || v === '' || v.length > 128) throw invalid(`an Alipay notification has ${name}`, { field: name });
  return v;
};

const timeOf = (fields: Readonly<Record<string, string>>, name: string): Date => {
  // gmt_refund carries milliseconds ("2026-12-08 10:00:00.320"); they are dropped.
  const at = fromBeijingText(required(fields, name).replace(/\.\d{1,3}$/, ''));
  if (!at) throw invalid(`Alipay's ${name} is a "yyyy-MM-dd HH:mm:ss" time`, { field: name });
  return at;
};

/** A trade's success as Alipay tells it, in a notification or a query answer. */
export function paidCallback(fields: Readonly<Record<string, string>>, paidAtField: string): PaymentCallback {
  return {
    channel: CHANNEL,
    channelTransactionId: required(fields, 'trade_no'),
    amount: yuanOf(fields.total_amount, 'total_amount'),
    paidAt: timeOf(fields, paidAtField),
  };
}

/**
 * A payment notification (`trade_status_sync`): TRADE_SUCCESS or TRADE_FINISHED is a success (a
 * partial refund's notification keeps TRADE_SUCCESS: it tells the same success again). Any other
 * status (WAIT_BUYER_PAY, TRADE_CLOSED) is no success: `PAYMENT.INVALID_CALLBACK`, reason `TRADE_STATUS`.
 */
export function verifiedPayment(fields: Readonly<Record<string, string>>): VerifiedCallback {
  const status = fields.trade_status;
  if (status !== 'TRADE_SUCCESS' && status !== 'TRADE_FINISHED') {
    throw invalid(`an Alipay notification with trade status ${String(status)} reports no payment`, { reason: 'TRADE_STATUS', tradeStatus: status ?? null });
  }
  return { paymentNumber: required(fields, 'out_trade_no'), callback: paidCallback(fields, 'gmt_payment') };
}

/**
 * A refund's notification: the trade's notification with `out_biz_no` (our refund id, the refund's
 * out_request_no) and `refund_fee`. Alipay sends it once the money went back, so its outcome is
 * `succeeded`. `refund_fee` is what the trade has refunded in all (`amountIs: 'refunded_so_far'`): the
 * amount of this refund only for the trade's first refund.
 */
export function verifiedRefund(fields: Readonly<Record<string, string>>): VerifiedRefundCallback {
  const refundId = required(fields, 'out_biz_no');
  if (fields.refund_fee === undefined) throw invalid('an Alipay refund notification has refund_fee', { field: 'refund_fee' });
  timeOf(fields, 'gmt_refund');
  return {
    paymentNumber: required(fields, 'out_trade_no'),
    refundId,
    refundTransactionId: required(fields, 'trade_no'),
    amount: yuanOf(fields.refund_fee, 'refund_fee'),
    amountIs: 'refunded_so_far',
    outcome: 'succeeded',
  };
}
