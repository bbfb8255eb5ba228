import { setTimeout as wait } from 'node:timers/promises';
import { AlipayRequestError, AlipaySdk } from 'alipay-sdk';
import { PAYMENT_ERROR } from '../../../../domain/payment/errors.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { ALIPAY_GATEWAY, type AlipayConfig, type AlipayRetryPolicy, alipayKey, appPrivateKey, DEFAULT_RETRY } from './config.js';

/** An answer of the gateway: the `*_response` node, its signature checked, keys as Alipay writes them. */
export interface AlipayAnswer {
  readonly code: string;
  readonly msg?: string;
  readonly sub_code?: string;
  readonly sub_msg?: string;
  readonly [field: string]: unknown;
}

/** Alipay's "call succeeded" code; `20000` is its unknown error (服务不可用), tried again like a 5xx. */
export const SUCCESS = '10000';

/**
 * The gateway through the official SDK: it signs requests (RSA2 over the sorted parameters), checks
 * each answer's signature with Alipay's public key, builds the signed page URL and app order string,
 * and checks notifications. Around it: bounded retries with exponential backoff and full jitter, the
 * same business parameters (so the same out_trade_no / out_request_no) every time.
 */
export class AlipayGateway {
  readonly sdk: AlipaySdk;
  readonly appId: string;
  private readonly retry: AlipayRetryPolicy;

  constructor(config: AlipayConfig) {
    if (!config.alipayPublicKey && !config.certificates) throw new Error("the Alipay channel needs Alipay's public key (or certificate mode)");
    this.appId = config.appId;
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    if (!(this.retry.attempts >= 1)) throw new Error('the Alipay channel tries a call at least once');
    const c = config.certificates;
    this.sdk = new AlipaySdk({
      appId: config.appId,
      privateKey: appPrivateKey(config.privateKey),
      keyType: 'PKCS8',
      signType: 'RSA2',
      ...(c
        ? { appCertContent: c.appCert, alipayPublicCertContent: c.alipayPublicCert, alipayRootCertContent: c.alipayRootCert }
        : { alipayPublicKey: alipayKey(config.alipayPublicKey!) }),
      gateway: config.gateway ?? ALIPAY_GATEWAY,
      timeout: config.timeoutMs ?? 5_000,
      camelcase: false,
    });
  }

  /**
   * Calls an API and answers its `*_response` (a business failure, code 40004 …, is an answer too).
   * Network errors, timeouts, 5xx, `20000` and `ACQ.SYSTEM_ERROR` are tried again; when every try
   * failed, `PAYMENT.CHANNEL_UNAVAILABLE` (retryable). An answer whose signature does not hold is
   * not tried again: `PAYMENT.CHANNEL_UNAVAILABLE`, not retryable.
   */
  async call(method: string, bizContent: Record<string, string>): Promise<AlipayAnswer> {
    return this.retrying(method, () => this.once(method, bizContent));
  }

  /** Tries `once` until it gives a value or every try failed (then `PAYMENT.CHANNEL_UNAVAILABLE`, retryable). */
  async retrying<T>(what: string, once: () => Promise<{ value: T } | { failure: string }>): Promise<T> {
    let failure = '';
    for (let attempt = 1; ; attempt++) {
      const outcome = await once();
      if ('value' in outcome) return outcome.value;
      failure = outcome.failure;
      if (attempt >= this.retry.attempts) break;
      await (this.retry.sleep ?? wait)(this.delay(attempt));
    }
    throw DomainError.conflict(PAYMENT_ERROR.CHANNEL_UNAVAILABLE, `Alipay did not answer ${what} after ${this.retry.attempts} tries (${failure})`, {
      channel: 'alipay',
      retryable: true,
      method: what,
      failure,
    });
  }

  /** The wait before try `attempt + 1`: a random part of base · 2^(attempt−1), at most the maximum. */
  delay(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor((this.retry.random ?? Math.random)() * ceiling);
  }

  private async once(method: string, bizContent: Record<string, string>): Promise<{ value: AlipayAnswer } | { failure: string }> {
    let answer: AlipayAnswer;
    try {
      answer = (await this.sdk.exec(method, { bizContent }, { validateSign: true })) as AlipayAnswer;
    } catch (error) {
      if (!(error instanceof AlipayRequestError)) throw error;
      if (error.message.startsWith('验签失败')) {
        throw DomainError.conflict(PAYMENT_ERROR.CHANNEL_UNAVAILABLE, `the signature of Alipay's answer to ${method} does not hold`, {
          channel: 'alipay',
          retryable: false,
          method,
          reason: 'ANSWER_SIGNATURE',
        });
      }
      return { failure: describe(error) };
    }
    if (answer.code === '20000' || answer.sub_code === 'ACQ.SYSTEM_ERROR') return { failure: `code ${answer.code} ${answer.sub_code ?? ''}`.trim() };
    return { value: answer };
  }

  /** The signed GET URL of a page API (电脑网站支付, 手机网站支付). */
  pageUrl(method: string, bizContent: Record<string, string>, urls: { notifyUrl?: string; returnUrl?: string }): string {
    return this.sdk.pageExecute(method, 'GET', { bizContent, ...urls });
  }

  /** The signed order string an app hands to the Alipay client SDK (APP支付). */
  orderString(method: string, bizContent: Record<string, string>, urls: { notifyUrl?: string }): string {
    return this.sdk.sdkExecute(method, { bizContent, ...urls }, { bizContentAutoSnakeCase: false });
  }

  /**
   * Whether a notification's RSA2 signature holds: over its fields sorted by name, `key=value` joined
   * by `&`, `sign` left out and `sign_type` left out (as Alipay signs trade notifications) or kept (as
   * some older notifications are signed); values as they were form-decoded. Only RSA2.
   */
  verifyNotification(fields: Readonly<Record<string, string>>): boolean {
    if (typeof fields.sign !== 'string' || fields.sign === '') return false;
    if (fields.sign_type !== undefined && fields.sign_type !== 'RSA2') return false;
    try {
      return this.sdk.checkNotifySignV2({ ...fields });
    } catch {
      return false;
    }
  }
}

/** What failed, without anything of the request (the SDK's message quotes the signed URL). */
function describe(error: AlipayRequestError): string {
  const status = /status: (\d{3})/.exec(error.message)?.[1];
  if (status) return `HTTP ${status}`;
  const cause = error.cause as { name?: string; code?: string } | undefined;
  if (cause) return /timeout/i.test(`${cause.name ?? ''} ${cause.code ?? ''}`) ? 'timeout' : `network ${cause.code ?? cause.name ?? 'error'}`;
  return 'malformed answer';
}
