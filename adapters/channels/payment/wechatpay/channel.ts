import { createHash } from 'node:crypto';
import { invalidPayment, PAYMENT_ERRORS } from '../../../../domain/payment/errors.js';
import type {
  ChannelCharge,
  ChannelPaymentStatus,
  ChannelRequest,
  ChargeRequest,
  PaymentChannel,
  VerifiedCallback,
  VerifiedRefundCallback,
} from '../../../../domain/payment/ports.js';
import type { StatementRecord } from '../../../../domain/payment/reconciliation.js';
import type { Money } from '../../../../domain/shared/money.js';
import { beijingRfc3339 } from '../beijing-time.js';
import { fenOf, WECHATPAY_CURRENCY } from './amounts.js';
import { CHANNEL_NAME, channelUnavailable, type WechatPayAnswer, WechatPayClient, WechatPayRefusal, type WechatPayRuntime } from './client.js';
import { type ResolvedWechatPayConfig, resolveWechatPayConfig, type WechatPayConfig } from './config.js';
import { openNotification, refundOutcomeOf, successOf, type WechatRefund, type WechatTransaction } from './notifications.js';
import { jsapiPayParams, nonceStr } from './signing.js';
import { parseTradeBill } from './statement.js';

/** The ways a payer pays (`ChargeRequest.method`), each its own 下单 endpoint. */
export const WECHATPAY_METHODS = ['native', 'jsapi', 'h5'] as const;
export type WechatPayMethod = (typeof WECHATPAY_METHODS)[number];

/** WeChat Pay's limit on `description` (characters). */
const MAX_DESCRIPTION = 127;

/** A refund as the port asks for it, and — when the caller knows it — the whole payment's amount (saves asking WeChat Pay for it). */
export interface WechatPayRefundRequest {
  readonly paymentNumber: string;
  readonly refundId: string;
  readonly channelTransactionId: string | null;
  readonly amount: Money;
  readonly paymentAmount?: Money;
}

/**
 * The WeChat Pay API v3 channel (直连商户), configured by name (decision 0019):
 * `createZhongtai({ ordering: { channels: [wechatPayChannel(config)] } })`. Keys are checked when it is
 * made (`WechatPayConfigError`).
 */
export function wechatPayChannel(config: WechatPayConfig, runtime: WechatPayRuntime = {}): WechatPayChannel {
  return new WechatPayChannel(resolveWechatPayConfig(config), runtime);
}

/** WeChat Pay v3 on node:crypto (decision 0034): Native, JSAPI and H5 payments, notifications, refunds, 查询/关闭订单 and the trade bill. */
export class WechatPayChannel implements PaymentChannel {
  readonly name = CHANNEL_NAME;
  private readonly client: WechatPayClient;
  private readonly now: () => Date;

  constructor(
    private readonly config: ResolvedWechatPayConfig,
    runtime: WechatPayRuntime = {},
  ) {
    this.client = new WechatPayClient(config, runtime);
    this.now = runtime.now ?? (() => new Date());
  }

  /** 下单: Native answers a QR-code URL, H5 a page URL, JSAPI the signed parameters the payer's WeChat needs. */
  async charge(p: ChargeRequest): Promise<ChannelCharge> {
    const method = (p.method ?? 'native') as WechatPayMethod;
    if (!WECHATPAY_METHODS.includes(method)) {
      throw invalidPayment('UNKNOWN_METHOD', `WeChat Pay pays by ${WECHATPAY_METHODS.join(', ')}, not ${String(p.method).slice(0, 32)}`, {
        channel: this.name,
      });
    }
    if (method === 'jsapi' && !p.payer?.openId)
      throw invalidPayment('OPENID_REQUIRED', "a WeChat Pay JSAPI payment needs the payer's openid", { channel: this.name });
    if (method === 'h5' && !p.payer?.ip)
      throw invalidPayment('PAYER_IP_REQUIRED', "a WeChat Pay H5 payment needs the payer's IP address", { channel: this.name });
    const body = {
      appid: this.config.appid,
      mchid: this.config.mchid,
      description: [...p.description].slice(0, MAX_DESCRIPTION).join(''),
      out_trade_no: p.paymentNumber,
      ...(p.expiresAt ? { time_expire: beijingRfc3339(p.expiresAt) } : {}),
      notify_url: this.config.notifyUrl,
      amount: { total: fenOf(p.amount), currency: WECHATPAY_CURRENCY },
      ...(method === 'jsapi' ? { payer: { openid: p.payer!.openId } } : {}),
      ...(method === 'h5' ? { scene_info: { payer_client_ip: p.payer!.ip, h5_info: { type: 'Wap' } } } : {}),
    };
    const answer = json<{ code_url?: unknown; h5_url?: unknown; prepay_id?: unknown }>(
      await this.refusedAs('charge', () => this.client.call('POST', `/v3/pay/transactions/${method}`, body)),
    );
    if (method === 'native' && typeof answer.code_url === 'string') return { channel: this.name, payUrl: answer.code_url };
    if (method === 'h5' && typeof answer.h5_url === 'string') return { channel: this.name, payUrl: answer.h5_url };
    if (method === 'jsapi' && typeof answer.prepay_id === 'string') {
      const timeStamp = String(Math.floor(this.now().getTime() / 1000));
      return { channel: this.name, payUrl: null, params: jsapiPayParams(this.config.appid, answer.prepay_id, this.config.privateKey, timeStamp, nonceStr()) };
    }
    throw channelUnavailable(`WeChat Pay answered the ${method} order without what the payer needs`, { reason: 'UNEXPECTED_ANSWER' });
  }

  verifyCallback(_body: unknown, request?: ChannelRequest): VerifiedCallback {
    const { resource } = openNotification(this.config, this.now(), request, ['TRANSACTION.SUCCESS']);
    const t = resource as WechatTransaction;
    if (t.trade_state !== 'SUCCESS') {
      throw PAYMENT_ERRORS.raise('INVALID_CALLBACK', 'a WeChat Pay TRANSACTION.SUCCESS notification whose trade_state is not SUCCESS', {
        channel: this.name,
        reason: 'NOT_PAID',
      });
    }
    return successOf(t);
  }

  verifyRefundCallback(_body: unknown, request?: ChannelRequest): VerifiedRefundCallback {
    const { eventType, resource } = openNotification(this.config, this.now(), request, ['REFUND.SUCCESS', 'REFUND.ABNORMAL', 'REFUND.CLOSED']);
    return refundOutcomeOf(eventType, resource as WechatRefund);
  }

  /**
   * 申请退款, idempotent at WeChat Pay by out_refund_no (our refund id). WeChat Pay wants the payment's
   * whole amount beside the refund's; the port does not carry it, so unless the caller gives
   * `paymentAmount` it is asked of WeChat Pay (查询订单) first.
   */
  async refund(r: WechatPayRefundRequest): Promise<{ readonly refundTransactionId: string; readonly processing?: boolean }> {
    const total = r.paymentAmount ? fenOf(r.paymentAmount) : await this.paymentTotal(r.paymentNumber);
    const body = {
      out_trade_no: r.paymentNumber,
      out_refund_no: r.refundId,
      notify_url: this.config.refundNotifyUrl,
      amount: { refund: fenOf(r.amount), total, currency: WECHATPAY_CURRENCY },
    };
    const answer = json<{ refund_id?: unknown; status?: unknown }>(
      await this.refusedAs('refund', () => this.client.call('POST', '/v3/refund/domestic/refunds', body)),
    );
    if (typeof answer.refund_id !== 'string' || typeof answer.status !== 'string') {
      throw channelUnavailable('WeChat Pay answered the refund without refund_id or status', { reason: 'UNEXPECTED_ANSWER' });
    }
    // PROCESSING (and ABNORMAL, CLOSED): the refund notification tells the outcome.
    return { refundTransactionId: answer.refund_id, processing: answer.status !== 'SUCCESS' };
  }

  /** 查询订单. An order WeChat Pay does not know (never placed there) is unpaid. */
  async query(paymentNumber: string): Promise<ChannelPaymentStatus> {
    let answer: WechatPayAnswer;
    try {
      answer = await this.client.call('GET', this.transactionPath(paymentNumber));
    } catch (e) {
      if (e instanceof WechatPayRefusal && e.code === 'ORDER_NOT_EXIST') return { state: 'unpaid' };
      throw this.unavailableOn('query', e);
    }
    const t = json<WechatTransaction>(answer);
    switch (t.trade_state) {
      case 'SUCCESS':
        return { state: 'paid', callback: successOf(t, (message, reason) => channelUnavailable(`WeChat Pay's paid order: ${message}`, { reason })).callback };
      case 'NOTPAY':
      case 'USERPAYING':
        return { state: 'unpaid' };
      case 'CLOSED':
      case 'REVOKED':
        return { state: 'closed' };
      case 'REFUND':
        return { state: 'refunded' };
      case 'PAYERROR':
        return { state: 'failed' };
      default:
        throw channelUnavailable(`WeChat Pay answered an unknown trade_state ${String(t.trade_state).slice(0, 32)}`, { reason: 'UNEXPECTED_ANSWER' });
    }
  }

  /** 关闭订单: 204. One closed already, or never placed, takes no more payment either: no error; one paid is PAYMENT.INVALID_TRANSITION (reason PAID_AT_CHANNEL). */
  async close(paymentNumber: string): Promise<void> {
    try {
      await this.client.call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(paymentNumber)}/close`, { mchid: this.config.mchid });
    } catch (e) {
      if (e instanceof WechatPayRefusal && (e.code === 'ORDER_CLOSED' || e.code === 'ORDER_NOT_EXIST')) return;
      // The payer paid meanwhile: not closed here, but completed (PAY-2 asks the channel, then PAY-1 refunds it).
      if (e instanceof WechatPayRefusal && e.code === 'ORDERPAID') {
        throw PAYMENT_ERRORS.raise('INVALID_TRANSITION', `WeChat Pay's order ${paymentNumber} was paid: it does not close`, {
          channel: this.name,
          from: 'paid',
          to: 'closed',
          reason: 'PAID_AT_CHANNEL',
          vendorCode: e.code,
        });
      }
      throw this.unavailableOn('close', e);
    }
  }

  /**
   * 申请交易账单 then 下载账单: the file is fetched on WeChat Pay's own origin (our signature goes nowhere
   * else), and its SHA1 must be the one the signed answer named — the file itself is not signed.
   */
  async statement(day: string): Promise<StatementRecord[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`a statement day is YYYY-MM-DD: ${day.slice(0, 32)}`);
    let bill: { download_url?: unknown; hash_type?: unknown; hash_value?: unknown };
    try {
      bill = json(await this.client.call('GET', `/v3/bill/tradebill?bill_date=${day}&bill_type=ALL`));
    } catch (e) {
      // No bill for a day without a payment or a refund.
      if (e instanceof WechatPayRefusal && e.code === 'NO_STATEMENT_EXIST') return [];
      throw this.unavailableOn('statement', e);
    }
    if (typeof bill.download_url !== 'string' || bill.hash_type !== 'SHA1' || typeof bill.hash_value !== 'string') {
      throw channelUnavailable('WeChat Pay answered the trade bill without a download_url and its SHA1', { reason: 'UNEXPECTED_ANSWER' });
    }
    const url = new URL(bill.download_url);
    if (url.origin !== new URL(this.config.baseUrl).origin) {
      throw channelUnavailable('the trade bill is offered on another origin than WeChat Pay', { reason: 'UNEXPECTED_ANSWER' });
    }
    const file = await this.refusedAs('statement', () =>
      this.client.call('GET', `${url.pathname}${url.search}`, undefined, { url: url.toString(), signed: false }),
    );
    const hash = createHash('sha1').update(file.bytes).digest('hex');
    if (hash !== bill.hash_value.toLowerCase()) {
      throw channelUnavailable(`the trade bill of ${day} does not have the SHA1 WeChat Pay named: it changed on the way`, { reason: 'BILL_HASH_MISMATCH' });
    }
    return parseTradeBill(file.bytes);
  }

  parseStatement(file: Uint8Array): StatementRecord[] {
    return parseTradeBill(file);
  }

  private transactionPath(paymentNumber: string): string {
    return `/v3/pay/transactions/out-trade-no/${encodeURIComponent(paymentNumber)}?mchid=${encodeURIComponent(this.config.mchid)}`;
  }

  private async paymentTotal(paymentNumber: string): Promise<number> {
    const t = json<WechatTransaction>(await this.refusedAs('refund', () => this.client.call('GET', this.transactionPath(paymentNumber))));
    const total = t.amount?.total;
    if (typeof total !== 'number' || !Number.isSafeInteger(total) || total <= 0) {
      throw channelUnavailable(`WeChat Pay answered payment ${paymentNumber} without its amount`, { reason: 'UNEXPECTED_ANSWER' });
    }
    return total;
  }

  private async refusedAs(what: string, call: () => Promise<WechatPayAnswer>): Promise<WechatPayAnswer> {
    try {
      return await call();
    } catch (e) {
      throw this.unavailableOn(what, e);
    }
  }

  /** A refusal (4xx) as `PAYMENT.CHANNEL_UNAVAILABLE`, not retryable: asking again the same way is refused again. */
  private unavailableOn(what: string, e: unknown): unknown {
    if (!(e instanceof WechatPayRefusal)) return e;
    return channelUnavailable(`WeChat Pay refused the ${what}: ${e.status} ${e.code}`, {
      retryable: false,
      reason: 'REFUSED',
      status: e.status,
      vendorCode: e.code,
    });
  }
}

function json<T>(answer: WechatPayAnswer): T {
  try {
    const v = JSON.parse(answer.text) as unknown;
    if (v !== null && typeof v === 'object') return v as T;
  } catch {
    // fall through
  }
  throw channelUnavailable('WeChat Pay answered something that is not a JSON object', { reason: 'UNEXPECTED_ANSWER' });
}
