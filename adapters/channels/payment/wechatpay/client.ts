import { PAYMENT_ERROR } from '../../../../domain/payment/errors.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { ResolvedWechatPayConfig } from './config.js';
import { authorization, nonceStr, signatureFault } from './signing.js';

export const CHANNEL_NAME = 'wechatpay';

/** What the channel takes from its surroundings; tests replace the clock, the waits and the randomness. */
export interface WechatPayRuntime {
  readonly now?: () => Date;
  /** Waits between attempts (real time unless given). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** [0, 1), for the jitter of the waits. */
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
}

/** An answer WeChat Pay gave, its signature checked (except a bill file's, which WeChat Pay does not sign). */
export interface WechatPayAnswer {
  readonly status: number;
  readonly bytes: Uint8Array;
  readonly text: string;
}

/**
 * A 4xx answer: WeChat Pay refused the request (`code` like `PARAM_ERROR`, `ORDER_NOT_EXIST`,
 * `SIGN_ERROR`). Not retried — the same request would be refused again. The caller decides what it means.
 */
export class WechatPayRefusal extends Error {
  override readonly name = 'WechatPayRefusal';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly vendorMessage: string,
  ) {
    super(`WeChat Pay refused the request: ${status} ${code}`);
  }
}

/** `PAYMENT.CHANNEL_UNAVAILABLE`: the caller may try again later (a durable job, the payer). */
export function channelUnavailable(message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.conflict(PAYMENT_ERROR.CHANNEL_UNAVAILABLE, message, { channel: CHANNEL_NAME, retryable: true, ...details });
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Signed HTTP to WeChat Pay with bounded retries. Network errors, timeouts and 5xx answers are tried
 * again after an exponentially growing, jittered wait — with the same body, so the request number in it
 * (out_trade_no, out_refund_no) lets WeChat Pay answer a repeat with the first result instead of acting
 * twice. Each attempt is signed anew (a fresh timestamp and nonce). 4xx answers are not retried.
 */
export class WechatPayClient {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly config: ResolvedWechatPayConfig,
    runtime: WechatPayRuntime = {},
  ) {
    this.now = runtime.now ?? (() => new Date());
    this.sleep = runtime.sleep ?? realSleep;
    this.random = runtime.random ?? Math.random;
    this.fetch = runtime.fetch ?? globalThis.fetch;
  }

  /**
   * Calls `pathAndQuery` (or the absolute `url` WeChat Pay gave, on its own origin). `signed: false` for
   * a bill file, whose answer carries no signature (its hash is checked instead).
   */
  async call(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body?: unknown,
    o: { readonly url?: string; readonly signed?: boolean } = {},
  ): Promise<WechatPayAnswer> {
    const url = o.url ?? `${this.config.baseUrl}${pathAndQuery}`;
    const text = body === undefined ? '' : JSON.stringify(body);
    let fault = '';
    for (let attempt = 1; attempt <= this.config.attempts; attempt++) {
      if (attempt > 1) await this.sleep(this.delayBefore(attempt));
      const headers: Record<string, string> = {
        Accept: 'application/json',
        // WeChat Pay refuses requests without a User-Agent.
        'User-Agent': 'zhongtai-wechatpay',
        Authorization: authorization({
          mchid: this.config.mchid,
          serialNo: this.config.merchantSerialNo,
          privateKey: this.config.privateKey,
          method,
          pathAndQuery,
          body: text,
          timestamp: String(Math.floor(this.now().getTime() / 1000)),
          nonce: nonceStr(),
        }),
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let status: number;
      let bytes: Uint8Array;
      let answerHeaders: Record<string, string>;
      try {
        // The timeout covers the body too: a server that sends headers and then stalls is as good as down.
        const res = await this.fetch(url, {
          method,
          headers,
          ...(body === undefined ? {} : { body: text }),
          signal: AbortSignal.timeout(this.config.timeoutMs),
        });
        status = res.status;
        answerHeaders = Object.fromEntries(res.headers);
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        fault = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError') ? 'timeout' : 'network';
        continue;
      }
      if (status >= 500) {
        fault = `status ${status}`;
        continue;
      }
      const answer = Buffer.from(bytes).toString('utf8');
      if (o.signed !== false) {
        const wrong = signatureFault(this.config.platformKeys, answerHeaders, answer, this.now());
        // An answer we cannot attribute to WeChat Pay is not acted on; it is not retried either (a
        // wrong key or a party in between does not go away by asking again now).
        if (wrong)
          throw channelUnavailable(`WeChat Pay's answer to ${method} ${pathOf(pathAndQuery)} is refused: ${wrong.replace('_', ' ')}`, {
            reason: 'ANSWER_NOT_VERIFIED',
            fault: wrong,
          });
      }
      if (status >= 400) throw refusalOf(status, answer);
      return { status, bytes, text: answer };
    }
    throw channelUnavailable(`WeChat Pay could not be reached for ${method} ${pathOf(pathAndQuery)} after ${this.config.attempts} attempts (${fault})`, {
      reason: 'UNREACHABLE',
      attempts: this.config.attempts,
      fault,
    });
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random, so retries of many callers spread out. */
  private delayBefore(attempt: number): number {
    const step = this.config.backoffMs * 2 ** (attempt - 2);
    return Math.round(step / 2 + (step / 2) * this.random());
  }
}

/** The path without its query (a query can hold a bill's download token). */
const pathOf = (pathAndQuery: string): string => pathAndQuery.split('?')[0]!;

function refusalOf(status: number, text: string): WechatPayRefusal {
  try {
    const b = JSON.parse(text) as { code?: unknown; message?: unknown };
    return new WechatPayRefusal(status, typeof b.code === 'string' ? b.code : 'UNKNOWN', typeof b.message === 'string' ? b.message : '');
  } catch {
    return new WechatPayRefusal(status, 'UNKNOWN', '');
  }
}
