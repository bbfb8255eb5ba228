import { PAYMENT_ERROR } from '../../../../domain/payment/errors.js';
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
import { DomainError, isDomainError } from '../../../../domain/shared/domain-error.js';
import type { Money } from '../../../../domain/shared/money.js';
import type { AlipayConfig } from './config.js';
import { type AlipayAnswer, AlipayGateway, SUCCESS } from './gateway.js';
import { notificationFields, paidCallback, verifiedFields, verifiedPayment, verifiedRefund } from './notification.js';
import { parseAlipayStatement } from './statement.js';
import { beijingText } from '../beijing-time.js';
import { toYuan } from './yuan.js';

const CHANNEL = 'alipay';

/** How the payer pays (`ChargeRequest.method`): the API and its product code. */
const METHODS = {
  page: { api: 'alipay.trade.page.pay', product: 'FAST_INSTANT_TRADE_PAY' },
  wap: { api: 'alipay.trade.wap.pay', product: 'QUICK_WAP_WAY' },
  app: { api: 'alipay.trade.app.pay', product: 'QUICK_MSECURITY_PAY' },
} as const;
export type AlipayMethod = keyof typeof METHODS;

/** Alipay refused a call (a business failure, code 40004 …): not a network matter, so trying again as it is will not help. */
const refused = (api: string, a: AlipayAnswer) =>
  DomainError.conflict(PAYMENT_ERROR.CHANNEL_UNAVAILABLE, `Alipay refused ${api}: ${a.sub_code ?? a.code} ${a.sub_msg ?? a.msg ?? ''}`.trim(), {
    channel: CHANNEL,
    retryable: false,
    method: api,
    reason: 'REFUSED',
    code: a.code,
    subCode: a.sub_code ?? null,
  });

/** The string fields of an answer, as a notification has them. */
const stringFields = (a: AlipayAnswer): Record<string, string> =>
  Object.fromEntries(Object.entries(a).filter((e): e is [string, string] => typeof e[1] === 'string'));

/**
 * The Alipay channel (支付宝, OpenAPI v2 on the official `alipay-sdk`, decision 0035). Pays by page
 * (电脑网站), wap (手机网站) or app; checks notifications' RSA2 signatures; refunds at once (fund_change
 * Y) or settles an unclear refund by asking (退款查询); queries and closes trades; reads the trade bill.
 */
export class AlipayPaymentChannel implements PaymentChannel {
  readonly name = CHANNEL;
  readonly acknowledgement = { contentType: 'text/plain; charset=utf-8', body: 'success' } as const;
  readonly gateway: AlipayGateway;

  constructor(private readonly config: AlipayConfig) {
    this.gateway = new AlipayGateway(config);
  }

  /**
   * page / wap: the signed GET URL of the gateway's cashier; app: the signed order string (`params.orderString`).
   * Nothing is sent to Alipay: the trade exists there once the payer opens it.
   */
  async charge(p: ChargeRequest): Promise<ChannelCharge> {
    const method = p.method ?? 'page';
    if (!Object.hasOwn(METHODS, method)) {
      throw DomainError.invalid(PAYMENT_ERROR.INVALID_PAYMENT, `Alipay pays by page, wap or app, not ${method}`, { reason: 'METHOD', channel: CHANNEL });
    }
    const { api, product } = METHODS[method as AlipayMethod];
    const biz: Record<string, string> = {
      out_trade_no: p.paymentNumber,
      total_amount: toYuan(p.amount),
      // Alipay refuses / = & in a subject, and takes at most 256 characters.
      subject: p.description.replace(/[/=&]/g, ' ').slice(0, 256),
      product_code: product,
      ...(p.expiresAt ? { time_expire: beijingText(p.expiresAt) } : {}),
      ...(method === 'wap' && this.config.returnUrl ? { quit_url: this.config.returnUrl } : {}),
    };
    const notify = this.config.notifyUrl ? { notifyUrl: this.config.notifyUrl } : {};
    if (method === 'app') {
      return { channel: CHANNEL, payUrl: null, params: { orderString: this.gateway.orderString(api, biz, notify) } };
    }
    const back = this.config.returnUrl ? { returnUrl: this.config.returnUrl } : {};
    return { channel: CHANNEL, payUrl: this.gateway.pageUrl(api, biz, { ...notify, ...back }) };
  }

  verifyCallback(body: unknown, request?: ChannelRequest): VerifiedCallback {
    return verifiedPayment(verifiedFields(this.gateway, body, request));
  }

  verifyRefundCallback(body: unknown, request?: ChannelRequest): VerifiedRefundCallback {
    return verifiedRefund(verifiedFields(this.gateway, body, request));
  }

  /** Alipay sends a refund's notification to the trade's notify URL: it is the one that names the refund (`out_biz_no`) and `refund_fee`. */
  isRefundNotification(body: unknown, request?: ChannelRequest): boolean {
    try {
      const fields = notificationFields(body, request);
      return fields.out_biz_no !== undefined && fields.refund_fee !== undefined;
    } catch {
      return false; // not a form: the payment path refuses it with its reason
    }
  }

  /**
   * 统一收单交易退款, out_request_no = the refund id (Alipay takes it once). `fund_change: Y` is done at
   * once. An unclear outcome — `fund_change: N` (a repeated request, or money not moved yet) or no
   * answer after every try — is settled by 退款查询: REFUND_SUCCESS is done; otherwise
   * `PAYMENT.CHANNEL_UNAVAILABLE` (retryable), and asking again with the same refund id is safe.
   * Alipay gives a refund no id of its own: its transaction id is the trade's (trade_no).
   */
  async refund(r: {
    readonly paymentNumber: string;
    readonly refundId: string;
    readonly channelTransactionId: string | null;
    readonly amount: Money;
  }): Promise<{ readonly refundTransactionId: string; readonly processing?: boolean }> {
    const api = 'alipay.trade.refund';
    const keys = { out_trade_no: r.paymentNumber, out_request_no: r.refundId };
    let answer: AlipayAnswer | null = null;
    try {
      answer = await this.gateway.call(api, {
        ...keys,
        ...(r.channelTransactionId ? { trade_no: r.channelTransactionId } : {}),
        refund_amount: toYuan(r.amount),
      });
    } catch (error) {
      if (!(isDomainError(error) && error.details.retryable === true)) throw error;
    }
    if (answer && answer.code !== SUCCESS) throw refused(api, answer);
    if (answer?.fund_change === 'Y') return { refundTransactionId: String(answer.trade_no ?? r.channelTransactionId ?? r.paymentNumber) };
    const query = 'alipay.trade.fastpay.refund.query';
    const q = await this.gateway.call(query, keys);
    if (q.code !== SUCCESS) throw refused(query, q);
    if (q.refund_status === 'REFUND_SUCCESS') {
      if (q.refund_amount !== undefined && q.refund_amount !== toYuan(r.amount)) {
        throw DomainError.conflict(
          PAYMENT_ERROR.CHANNEL_UNAVAILABLE,
          `Alipay refunded ${String(q.refund_amount)} under refund ${r.refundId}, not ${toYuan(r.amount)}`,
          {
            channel: CHANNEL,
            retryable: false,
            reason: 'REFUND_AMOUNT_DIFFERS',
          },
        );
      }
      return { refundTransactionId: String(q.trade_no ?? r.channelTransactionId ?? r.paymentNumber) };
    }
    throw DomainError.conflict(PAYMENT_ERROR.CHANNEL_UNAVAILABLE, `Alipay has not settled refund ${r.refundId} yet; it is asked again with the same id`, {
      channel: CHANNEL,
      retryable: true,
      reason: 'REFUND_UNSETTLED',
    });
  }

  /**
   * 统一收单交易查询: TRADE_SUCCESS / TRADE_FINISHED paid (with the success a notification carries),
   * WAIT_BUYER_PAY or no trade yet (ACQ.TRADE_NOT_EXIST: the payer never opened it) unpaid,
   * TRADE_CLOSED closed — or refunded when it had been paid (a full refund closes the trade).
   */
  async query(paymentNumber: string): Promise<ChannelPaymentStatus> {
    const api = 'alipay.trade.query';
    const a = await this.gateway.call(api, { out_trade_no: paymentNumber });
    if (a.code !== SUCCESS) {
      if (a.sub_code === 'ACQ.TRADE_NOT_EXIST') return { state: 'unpaid' };
      throw refused(api, a);
    }
    switch (a.trade_status) {
      case 'TRADE_SUCCESS':
      case 'TRADE_FINISHED':
        return { state: 'paid', callback: paidCallback(stringFields(a), 'send_pay_date') };
      case 'WAIT_BUYER_PAY':
        return { state: 'unpaid' };
      case 'TRADE_CLOSED':
        return { state: typeof a.send_pay_date === 'string' && a.send_pay_date !== '' ? 'refunded' : 'closed' };
      default:
        throw refused(api, { ...a, sub_msg: `unknown trade status ${String(a.trade_status)}` });
    }
  }

  /**
   * 统一收单交易关闭. No trade at Alipay (never opened) or one closed already is done; a trade Alipay
   * has paid cannot close: `PAYMENT.INVALID_TRANSITION` (its success comes by notification or query).
   */
  async close(paymentNumber: string): Promise<void> {
    const api = 'alipay.trade.close';
    const a = await this.gateway.call(api, { out_trade_no: paymentNumber });
    if (a.code === SUCCESS || a.sub_code === 'ACQ.TRADE_NOT_EXIST') return;
    if (a.sub_code !== 'ACQ.TRADE_STATUS_ERROR') throw refused(api, a);
    const now = await this.query(paymentNumber);
    if (now.state === 'closed') return;
    throw DomainError.conflict(PAYMENT_ERROR.INVALID_TRANSITION, `Alipay's trade ${paymentNumber} is ${now.state}: it does not close`, {
      channel: CHANNEL,
      from: now.state,
      to: 'closed',
      reason: 'PAID_AT_CHANNEL',
    });
  }

  /** 查询对账单下载地址 (trade bill of `day`, Beijing time), then the zip it names; no bill that day is no records. */
  async statement(day: string): Promise<StatementRecord[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`a statement day is YYYY-MM-DD, not ${day}`);
    const api = 'alipay.data.dataservice.bill.downloadurl.query';
    const a = await this.gateway.call(api, { bill_type: 'trade', bill_date: day });
    if (a.code !== SUCCESS) {
      if (a.sub_code === 'isp.bill_not_exist') return [];
      throw refused(api, a);
    }
    if (typeof a.bill_download_url !== 'string' || !URL.canParse(a.bill_download_url)) throw refused(api, { ...a, sub_msg: 'no bill_download_url' });
    const url = a.bill_download_url;
    const zip = await this.gateway.retrying<Uint8Array>('the bill download', async () => {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(this.config.downloadTimeoutMs ?? 30_000) });
        if (res.status >= 500) return { failure: `HTTP ${res.status}` };
        if (res.status !== 200) throw refused('the bill download', { code: String(res.status), msg: 'the bill URL answered no bill' });
        return { value: new Uint8Array(await res.arrayBuffer()) };
      } catch (error) {
        if (isDomainError(error)) throw error;
        return { failure: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network error' };
      }
    });
    return parseAlipayStatement(zip);
  }

  parseStatement(file: Uint8Array): StatementRecord[] {
    return parseAlipayStatement(file);
  }
}

/** The Alipay channel for `createZhongtai({ ordering: { channels: [alipayPaymentChannel(config)] } })`. */
export function alipayPaymentChannel(config: AlipayConfig): AlipayPaymentChannel {
  return new AlipayPaymentChannel(config);
}
