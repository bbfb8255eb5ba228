import { PAYMENT_ERROR, PAYMENT_ERRORS } from '../../../../domain/payment/errors.js';
import type { PaymentCallback } from '../../../../domain/payment/payment.js';
import type { ChannelRequest, VerifiedRefundCallback } from '../../../../domain/payment/ports.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { moneyOfFen, WECHATPAY_CURRENCY } from './amounts.js';
import { CHANNEL_NAME } from './client.js';
import type { ResolvedWechatPayConfig } from './config.js';
import { decryptResource, signatureFault } from './signing.js';

/** A transaction as WeChat Pay describes it (the decrypted TRANSACTION.SUCCESS resource, and 查询订单's answer). */
export interface WechatTransaction {
  readonly mchid?: string;
  readonly appid?: string;
  readonly out_trade_no?: string;
  readonly transaction_id?: string;
  readonly trade_state?: string;
  readonly success_time?: string;
  readonly amount?: { readonly total?: number; readonly payer_total?: number; readonly currency?: string };
}

/** A refund as a refund notification's decrypted resource describes it. */
export interface WechatRefund {
  readonly mchid?: string;
  readonly out_trade_no?: string;
  readonly out_refund_no?: string;
  readonly refund_id?: string;
  readonly refund_status?: string;
  readonly amount?: { readonly total?: number; readonly refund?: number };
}

const invalid = (message: string, reason: string): DomainError =>
  PAYMENT_ERRORS.raise('INVALID_CALLBACK', `a WeChat Pay notification: ${message}`, { channel: CHANNEL_NAME, reason });

const unauthenticated = (message: string, fault: string): DomainError =>
  new DomainError(PAYMENT_ERROR.INVALID_SIGNATURE, `the WeChat Pay notification is refused: ${message}`, 'unauthenticated', { channel: CHANNEL_NAME, fault });

/**
 * Opens a notification: the signature over the exact body with its headers first (nothing of the body
 * is read before it holds, and a timestamp more than 5 minutes off is a replay), then the envelope,
 * its event type, and the decrypted resource. `body` as the HTTP layer parsed it is not used: only the
 * signed bytes are.
 */
export function openNotification(
  config: ResolvedWechatPayConfig,
  now: Date,
  request: ChannelRequest | undefined,
  events: readonly string[],
): { readonly eventType: string; readonly resource: Record<string, unknown> } {
  if (!request || typeof request.rawBody !== 'string' || request.headers === null || typeof request.headers !== 'object') {
    throw invalid('it is verified over its exact body and headers, which were not handed over', 'NO_REQUEST');
  }
  const fault = signatureFault(config.platformKeys, request.headers, request.rawBody, now);
  if (fault) throw unauthenticated(fault.replace('_', ' '), fault);
  let envelope: { event_type?: unknown; resource_type?: unknown; resource?: Record<string, unknown> };
  try {
    envelope = JSON.parse(request.rawBody) as typeof envelope;
  } catch {
    throw invalid('the body is not JSON', 'NOT_JSON');
  }
  if (envelope === null || typeof envelope !== 'object' || typeof envelope.event_type !== 'string') throw invalid('no event_type', 'NO_EVENT_TYPE');
  if (!events.includes(envelope.event_type)) throw invalid(`event ${envelope.event_type.slice(0, 64)} is not one of ${events.join(', ')}`, 'UNEXPECTED_EVENT');
  const r = envelope.resource;
  if (envelope.resource_type !== 'encrypt-resource' || r === null || typeof r !== 'object') throw invalid('no encrypted resource', 'NO_RESOURCE');
  if (r.algorithm !== 'AEAD_AES_256_GCM' || typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string') {
    throw invalid('the resource is not AEAD_AES_256_GCM with a ciphertext and a nonce', 'BAD_RESOURCE');
  }
  let plain: string;
  try {
    plain = decryptResource(config.apiV3Key, {
      ciphertext: r.ciphertext,
      nonce: r.nonce,
      associated_data: typeof r.associated_data === 'string' ? r.associated_data : '',
    });
  } catch {
    // The GCM tag is an authenticator too: a resource it does not hold for was not sealed with our key.
    throw unauthenticated('the resource does not decrypt under the API v3 key', 'resource_tag');
  }
  let resource: unknown;
  try {
    resource = JSON.parse(plain);
  } catch {
    throw invalid('the resource is not JSON', 'RESOURCE_NOT_JSON');
  }
  if (resource === null || typeof resource !== 'object') throw invalid('the resource is not an object', 'RESOURCE_NOT_JSON');
  const mchid = (resource as { mchid?: unknown }).mchid;
  if (mchid !== config.mchid) throw invalid('it is for another merchant', 'OTHER_MERCHANT');
  return { eventType: envelope.event_type, resource: resource as Record<string, unknown> };
}

const text = (v: unknown, max = 64): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** The success a paid transaction reports (from a notification or from 查询订单): PAY-1 treats both alike. */
export function successOf(
  t: WechatTransaction,
  fail: (message: string, reason: string) => DomainError = invalid,
): { paymentNumber: string; callback: PaymentCallback } {
  if (!text(t.out_trade_no, 32) || !text(t.transaction_id, 32)) throw fail('no out_trade_no or transaction_id', 'NO_TRANSACTION');
  const currency = t.amount?.currency ?? WECHATPAY_CURRENCY;
  // amount.total is the order amount — what the payment asked for, which PAY-1 compares with. Not
  // payer_total: that is what the payer's own money covered, less a WeChat Pay coupon or discount, and
  // would read as a short payment where the shop is paid in full.
  const amount = /^[A-Z]{3}$/.test(currency) ? moneyOfFen(t.amount?.total, currency) : null;
  if (!amount) throw fail('amount.total is not a whole number of fen', 'BAD_AMOUNT');
  const paidAt = new Date(typeof t.success_time === 'string' && /[+-]\d{2}:\d{2}$|Z$/.test(t.success_time) ? t.success_time : 'invalid');
  if (Number.isNaN(paidAt.getTime())) throw fail('success_time is not an RFC 3339 time', 'BAD_TIME');
  return {
    paymentNumber: t.out_trade_no,
    callback: { channel: CHANNEL_NAME, channelTransactionId: t.transaction_id, amount, paidAt },
  };
}

/** A refund notification's resource as the port has it: SUCCESS → succeeded; ABNORMAL (the payer's account cannot take it) and CLOSED → failed. */
export function refundOutcomeOf(eventType: string, r: WechatRefund): VerifiedRefundCallback {
  if (!text(r.out_trade_no, 32) || !text(r.out_refund_no, 64) || !text(r.refund_id, 32))
    throw invalid('no out_trade_no, out_refund_no or refund_id', 'NO_REFUND');
  const status = r.refund_status;
  if (status !== 'SUCCESS' && status !== 'ABNORMAL' && status !== 'CLOSED') throw invalid('refund_status is not SUCCESS, ABNORMAL or CLOSED', 'BAD_STATUS');
  if (eventType !== `REFUND.${status}`) throw invalid(`event ${eventType} does not match refund_status ${status}`, 'BAD_STATUS');
  const amount = moneyOfFen(r.amount?.refund);
  if (!amount) throw invalid('amount.refund is not a whole number of fen', 'BAD_AMOUNT');
  return {
    paymentNumber: r.out_trade_no,
    refundId: r.out_refund_no,
    refundTransactionId: r.refund_id,
    amount,
    outcome: status === 'SUCCESS' ? 'succeeded' : 'failed',
  };
}
