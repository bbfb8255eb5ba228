import { readFileSync } from 'node:fs';

/** What the Stripe channel needs: the account's secret key, the webhook endpoint's signing secret, and how to reach the API. */
export interface StripeConfig {
  /** The secret (`sk_…`) or restricted (`rk_…`) API key: the bearer of every API request. */
  readonly secretKey: string;
  /** The webhook endpoint's signing secret (`whsec_…`): `Stripe-Signature` is an HMAC-SHA256 with it. */
  readonly webhookSecret: string;
  /**
   * The signing secret of the endpoint that receives refund events (`refund.updated` …), when it is
   * another endpoint than the payment callbacks' (Stripe gives each endpoint its own); default `webhookSecret`.
   */
  readonly refundWebhookSecret?: string;
  /** Another API than api.stripe.com:443 over https (tests point it at a local fake; stripe-mock in CI). */
  readonly api?: { readonly host?: string; readonly port?: number; readonly protocol?: 'http' | 'https' };
  /** One request's time limit, ms (default 10 000; the SDK's own is 80 000). */
  readonly timeoutMs?: number;
  /** Retries of a request that could not reach Stripe, timed out, or met a 409 lock timeout or a 5xx (default 2), by the SDK with backoff and the same idempotency key. */
  readonly maxNetworkRetries?: number;
  /** How old a signed webhook may be, seconds (default 300, Stripe's): an older one is a replay and refused. */
  readonly webhookToleranceSeconds?: number;
  /** The time webhooks are judged by (default the system clock). */
  readonly now?: () => Date;
}

export const STRIPE_DEFAULTS = { timeoutMs: 10_000, maxNetworkRetries: 2, webhookToleranceSeconds: 300 } as const;

/** The configuration, each setting checked: an Error that names the setting — never its value — when one is wrong. */
export function checkedStripeConfig(config: StripeConfig): Required<Omit<StripeConfig, 'api'>> & Pick<StripeConfig, 'api'> {
  if (typeof config.secretKey !== 'string' || !/^(sk|rk)_(test|live)_\S+$/.test(config.secretKey)) {
    throw new Error('the Stripe secret key is not an API secret key (sk_test_…, sk_live_…, rk_…)');
  }
  if (typeof config.webhookSecret !== 'string' || !/^whsec_\S+$/.test(config.webhookSecret)) {
    throw new Error('the Stripe webhook signing secret is not one (whsec_…)');
  }
  if (config.refundWebhookSecret !== undefined && !/^whsec_\S+$/.test(config.refundWebhookSecret)) {
    throw new Error('the Stripe refund webhook signing secret is not one (whsec_…)');
  }
  const api = config.api;
  if (api?.port !== undefined && !(Number.isInteger(api.port) && api.port > 0 && api.port < 65_536)) throw new Error('the Stripe API port is 1 to 65535');
  if (api?.protocol !== undefined && api.protocol !== 'http' && api.protocol !== 'https') throw new Error('the Stripe API protocol is http or https');
  if (api?.host !== undefined && !/^[A-Za-z0-9.-]{1,253}$/.test(api.host)) throw new Error('the Stripe API host is a host name or an IPv4 address');
  const whole = (name: string, v: number | undefined, min: number, max: number, fallback: number) => {
    if (v === undefined) return fallback;
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`the Stripe ${name} is a whole number from ${min} to ${max}`);
    return v;
  };
  return {
    secretKey: config.secretKey,
    webhookSecret: config.webhookSecret,
    refundWebhookSecret: config.refundWebhookSecret ?? config.webhookSecret,
    ...(api ? { api } : {}),
    timeoutMs: whole('timeout (ms)', config.timeoutMs, 1, 600_000, STRIPE_DEFAULTS.timeoutMs),
    maxNetworkRetries: whole('network retries', config.maxNetworkRetries, 0, 10, STRIPE_DEFAULTS.maxNetworkRetries),
    webhookToleranceSeconds: whole('webhook tolerance (s)', config.webhookToleranceSeconds, 1, 86_400, STRIPE_DEFAULTS.webhookToleranceSeconds),
    now: config.now ?? (() => new Date()),
  };
}

/**
 * The configuration from the environment:
 * - `ZHONGTAI_STRIPE_SECRET_KEY` or `ZHONGTAI_STRIPE_SECRET_KEY_FILE` (a file holding it: a mounted secret);
 * - `ZHONGTAI_STRIPE_WEBHOOK_SECRET` or `ZHONGTAI_STRIPE_WEBHOOK_SECRET_FILE`;
 * - optionally `ZHONGTAI_STRIPE_REFUND_WEBHOOK_SECRET` or `…_FILE`, when refund events go to an endpoint of their own;
 * - `ZHONGTAI_STRIPE_API_HOST`, `ZHONGTAI_STRIPE_API_PORT`, `ZHONGTAI_STRIPE_API_PROTOCOL` (default api.stripe.com, 443, https);
 * - `ZHONGTAI_STRIPE_TIMEOUT_MS`, `ZHONGTAI_STRIPE_MAX_NETWORK_RETRIES`, `ZHONGTAI_STRIPE_WEBHOOK_TOLERANCE_SECONDS`.
 * Throws an Error naming the variable on a missing or bad setting; a secret's value is never in it.
 */
export function stripeConfigFromEnv(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): StripeConfig {
  const secret = (name: string, optional = false): string | undefined => {
    const inline = env[name];
    const file = env[`${name}_FILE`];
    if (inline !== undefined && file !== undefined) throw new Error(`set ${name} or ${name}_FILE, not both`);
    if (optional && inline === undefined && file === undefined) return undefined;
    if (file !== undefined) {
      let text: string;
      try {
        text = readFile(file);
      } catch (e) {
        throw new Error(`${name}_FILE cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      const value = text.trim();
      if (value === '') throw new Error(`${name}_FILE names an empty file`);
      return value;
    }
    if (inline === undefined || inline.trim() === '') throw new Error(`${name} (or ${name}_FILE) is not set`);
    return inline.trim();
  };
  const number = (name: string): number | undefined => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return undefined;
    if (!/^\d{1,9}$/.test(text.trim())) throw new Error(`${name} is not a whole number`);
    return Number(text.trim());
  };
  const protocol = env.ZHONGTAI_STRIPE_API_PROTOCOL?.trim();
  if (protocol !== undefined && protocol !== '' && protocol !== 'http' && protocol !== 'https')
    throw new Error('ZHONGTAI_STRIPE_API_PROTOCOL is http or https');
  const host = env.ZHONGTAI_STRIPE_API_HOST?.trim();
  const port = number('ZHONGTAI_STRIPE_API_PORT');
  const api = {
    ...(host ? { host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(protocol ? { protocol: protocol as 'http' | 'https' } : {}),
  };
  const timeoutMs = number('ZHONGTAI_STRIPE_TIMEOUT_MS');
  const maxNetworkRetries = number('ZHONGTAI_STRIPE_MAX_NETWORK_RETRIES');
  const webhookToleranceSeconds = number('ZHONGTAI_STRIPE_WEBHOOK_TOLERANCE_SECONDS');
  const refundWebhookSecret = secret('ZHONGTAI_STRIPE_REFUND_WEBHOOK_SECRET', true);
  const config: StripeConfig = {
    secretKey: secret('ZHONGTAI_STRIPE_SECRET_KEY')!,
    webhookSecret: secret('ZHONGTAI_STRIPE_WEBHOOK_SECRET')!,
    ...(refundWebhookSecret !== undefined ? { refundWebhookSecret } : {}),
    ...(Object.keys(api).length > 0 ? { api } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxNetworkRetries !== undefined ? { maxNetworkRetries } : {}),
    ...(webhookToleranceSeconds !== undefined ? { webhookToleranceSeconds } : {}),
  };
  checkedStripeConfig(config);
  return config;
}
