import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Alipay's OpenAPI gateway (the sandbox is `https://openapi-sandbox.dl.alipaydev.com/gateway.do`). */
export const ALIPAY_GATEWAY = 'https://openapi.alipay.com/gateway.do';

/** How often and how long a call is tried again (network errors, timeouts, 5xx, `20000`, `ACQ.SYSTEM_ERROR`). */
export interface AlipayRetryPolicy {
  /** Tries in all, the first included (default 3). */
  readonly attempts: number;
  /** The first wait; each further one doubles, up to `maxDelayMs`, and a random part of it is waited (full jitter). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Waits (tests pass one that does not wait). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) (tests pass a fixed one). */
  readonly random?: () => number;
}

/**
 * The Alipay channel's settings (public-key mode: the app's private key signs requests, Alipay's
 * public key checks answers and notifications). Certificate mode: give `certificates` as well, the
 * Alipay public key then comes from Alipay's certificate.
 */
export interface AlipayConfig {
  readonly appId: string;
  /** The app's RSA private key: PEM (PKCS#1 or PKCS#8) or the bare base64 the Alipay key tool prints. */
  readonly privateKey: string;
  /** Alipay's RSA public key: PEM or bare base64 (not needed in certificate mode). */
  readonly alipayPublicKey?: string;
  /** Certificate mode (公钥证书): the three certificates' PEM text. */
  readonly certificates?: { readonly appCert: string; readonly alipayPublicCert: string; readonly alipayRootCert: string };
  /** The gateway (default Alipay's own; tests give a local fake). */
  readonly gateway?: string;
  /** Where Alipay posts its notifications (异步通知). */
  readonly notifyUrl?: string;
  /** Where the payer's browser comes back to after paying on a page (同步跳转). */
  readonly returnUrl?: string;
  /** One call's time limit (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Time limit of the bill download (default 30000 ms). */
  readonly downloadTimeoutMs?: number;
  readonly retry?: Partial<AlipayRetryPolicy>;
}

export const DEFAULT_RETRY: AlipayRetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

/**
 * The channel's settings from `ZHONGTAI_ALIPAY_*`: `APP_ID`; `PRIVATE_KEY` (the app's) and `PUBLIC_KEY`
 * (Alipay's), each inline or read from the file named by `*_FILE`; or certificate mode with `APP_CERT`,
 * `PUBLIC_CERT` and `ROOT_CERT` (inline or `*_FILE`); `GATEWAY`, `NOTIFY_URL`, `RETURN_URL`,
 * `TIMEOUT_MS`, `RETRIES`. Throws naming the variable on a bad setting, never showing a key.
 */
export function alipayConfigFromEnv(env: NodeJS.ProcessEnv): AlipayConfig {
  const appId = env.ZHONGTAI_ALIPAY_APP_ID?.trim();
  if (!appId) throw new Error('ZHONGTAI_ALIPAY_APP_ID is not set');
  if (!/^\d{16}$/.test(appId)) throw new Error('ZHONGTAI_ALIPAY_APP_ID is the 16-digit app id of the Alipay open platform');
  const privateKey = secret(env, 'ZHONGTAI_ALIPAY_PRIVATE_KEY');
  if (privateKey === undefined) throw new Error('ZHONGTAI_ALIPAY_PRIVATE_KEY (or ZHONGTAI_ALIPAY_PRIVATE_KEY_FILE) is not set');
  named('ZHONGTAI_ALIPAY_PRIVATE_KEY', () => appPrivateKey(privateKey));
  const appCert = secret(env, 'ZHONGTAI_ALIPAY_APP_CERT');
  const alipayPublicCert = secret(env, 'ZHONGTAI_ALIPAY_PUBLIC_CERT');
  const alipayRootCert = secret(env, 'ZHONGTAI_ALIPAY_ROOT_CERT');
  const certMode = appCert !== undefined || alipayPublicCert !== undefined || alipayRootCert !== undefined;
  if (certMode && (appCert === undefined || alipayPublicCert === undefined || alipayRootCert === undefined)) {
    throw new Error('certificate mode needs ZHONGTAI_ALIPAY_APP_CERT, ZHONGTAI_ALIPAY_PUBLIC_CERT and ZHONGTAI_ALIPAY_ROOT_CERT (or their *_FILE)');
  }
  const alipayPublicKey = secret(env, 'ZHONGTAI_ALIPAY_PUBLIC_KEY');
  if (!certMode && alipayPublicKey === undefined) throw new Error('ZHONGTAI_ALIPAY_PUBLIC_KEY (or ZHONGTAI_ALIPAY_PUBLIC_KEY_FILE) is not set');
  if (alipayPublicKey !== undefined) named('ZHONGTAI_ALIPAY_PUBLIC_KEY', () => alipayKey(alipayPublicKey));
  const url = (name: string) => {
    const v = env[name]?.trim();
    if (!v) return undefined;
    if (!/^https?:\/\/[^\s]+$/.test(v) || !URL.canParse(v)) throw new Error(`${name} is not an http(s) URL`);
    return v;
  };
  const whole = (name: string, min: number, max: number) => {
    const v = env[name]?.trim();
    if (!v) return undefined;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) throw new Error(`${name} is a whole number from ${min} to ${max}`);
    return n;
  };
  const gateway = url('ZHONGTAI_ALIPAY_GATEWAY');
  const notifyUrl = url('ZHONGTAI_ALIPAY_NOTIFY_URL');
  const returnUrl = url('ZHONGTAI_ALIPAY_RETURN_URL');
  const timeoutMs = whole('ZHONGTAI_ALIPAY_TIMEOUT_MS', 100, 120_000);
  const retries = whole('ZHONGTAI_ALIPAY_RETRIES', 0, 10);
  return {
    appId,
    privateKey,
    ...(alipayPublicKey !== undefined ? { alipayPublicKey } : {}),
    ...(certMode ? { certificates: { appCert: appCert!, alipayPublicCert: alipayPublicCert!, alipayRootCert: alipayRootCert! } } : {}),
    ...(gateway ? { gateway } : {}),
    ...(notifyUrl ? { notifyUrl } : {}),
    ...(returnUrl ? { returnUrl } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(retries !== undefined ? { retry: { attempts: retries + 1 } } : {}),
  };
}

/** A value given inline (`NAME`) or in a file (`NAME_FILE`), not both; the message names the variable, never the value. */
function secret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const inline = env[name];
  const file = env[`${name}_FILE`];
  if (inline?.trim() && file?.trim()) throw new Error(`set ${name} or ${name}_FILE, not both`);
  if (inline?.trim()) return inline.replaceAll('\\n', '\n').trim();
  if (!file?.trim()) return undefined;
  try {
    return readFileSync(file.trim(), 'utf8').trim();
  } catch (error) {
    throw new Error(`${name}_FILE: cannot read ${file.trim()} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function named<T>(variable: string, read: () => T): T {
  try {
    return read();
  } catch {
    // The cause may quote the key: only the variable is named.
    throw new Error(`${variable} is not an RSA key in PEM or base64`);
  }
}

/** The app's private key as PKCS#8 PEM, whatever form it came in; throws (without the key) if it is none. */
export function appPrivateKey(text: string): string {
  return rsa(text, ['PRIVATE KEY', 'RSA PRIVATE KEY'], (pem) => createPrivateKey(pem))
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

/** Alipay's public key as SPKI PEM, whatever form it came in. */
export function alipayKey(text: string): string {
  // A private key would give its public half: refused, it is never what Alipay hands out.
  if (text.includes('PRIVATE KEY')) throw new Error('not a public key');
  return rsa(text, ['PUBLIC KEY', 'RSA PUBLIC KEY'], (pem) => createPublicKey(pem))
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

function rsa(text: string, labels: readonly string[], load: (pem: string) => KeyObject): KeyObject {
  const t = text.trim();
  const candidates = t.startsWith('-----BEGIN') ? [t] : labels.map((label) => `-----BEGIN ${label}-----\n${t.replace(/\s+/g, '')}\n-----END ${label}-----\n`);
  for (const pem of candidates) {
    try {
      const key = load(pem);
      if (key.asymmetricKeyType === 'rsa') return key;
    } catch {
      // the next form
    }
  }
  throw new Error('not an RSA key');
}
