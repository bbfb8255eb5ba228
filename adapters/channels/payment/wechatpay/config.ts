import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const WECHATPAY_BASE_URL = 'https://api.mch.weixin.qq.com';

/**
 * A WeChat Pay API v3 merchant (decision 0034). Key material is given as text (PEM, the API v3 key)
 * and never appears in an error message or a log line: a bad setting is named by its field only.
 */
export interface WechatPayConfig {
  /** 商户号: 8 to 10 digits (more for some merchants; digits only). */
  readonly mchid: string;
  /** The AppID the payments are made under (公众号 / 小程序 / 移动应用). */
  readonly appid: string;
  /** The merchant API private key (apiclient_key.pem), PKCS#8 or PKCS#1 PEM. */
  readonly merchantPrivateKey: string;
  /** The serial number of the merchant API certificate that key belongs to (`serial_no` of each request). */
  readonly merchantSerialNo: string;
  /** The API v3 key: exactly 32 bytes; decrypts notifications (AEAD_AES_256_GCM). */
  readonly apiV3Key: string;
  /** 微信支付公钥 mode: the platform public key (PEM) and its id (`PUB_KEY_ID_…`, the `Wechatpay-Serial` it signs under). */
  readonly platformPublicKey?: { readonly id: string; readonly pem: string };
  /** Platform certificate mode: each certificate (PEM) verifies answers signed under its serial (read from the certificate). */
  readonly platformCertificates?: readonly string[];
  /** Where WeChat Pay sends payment notifications (https, no query string, per WeChat Pay). */
  readonly notifyUrl: string;
  /** Where refund notifications go; `notifyUrl` when absent. */
  readonly refundNotifyUrl?: string;
  /** `https://api.mch.weixin.qq.com` unless given (tests point it at a local fake). */
  readonly baseUrl?: string;
  /** Per attempt; 10 s unless given. */
  readonly timeoutMs?: number;
  /** Attempts of one call when the vendor cannot be reached or answers 5xx (3 unless given; 1 = no retry). */
  readonly attempts?: number;
  /** The first retry's delay before jitter; doubles each retry (200 ms unless given). */
  readonly backoffMs?: number;
}

/** A setting that cannot be used; its message names the field, never the value. */
export class WechatPayConfigError extends Error {
  override readonly name = 'WechatPayConfigError';
}

/** The configuration turned into keys, checked once when the channel is made. */
export interface ResolvedWechatPayConfig {
  readonly mchid: string;
  readonly appid: string;
  readonly privateKey: KeyObject;
  readonly merchantSerialNo: string;
  readonly apiV3Key: Buffer;
  /** Verifying keys by the `Wechatpay-Serial` they sign under (public key id or certificate serial). */
  readonly platformKeys: ReadonlyMap<string, KeyObject>;
  readonly notifyUrl: string;
  readonly refundNotifyUrl: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly backoffMs: number;
}

/** Checks every field and loads the keys; throws `WechatPayConfigError` naming the first field that is wrong. */
export function resolveWechatPayConfig(c: WechatPayConfig): ResolvedWechatPayConfig {
  if (!/^\d{6,32}$/.test(c.mchid ?? '')) fail('mchid is the merchant number: digits only');
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(c.appid ?? '')) fail('appid is 1 to 32 letters, digits, "_" or "-"');
  if (!/^[0-9A-Fa-f]{8,64}$/.test(c.merchantSerialNo ?? '')) fail('merchantSerialNo is the merchant certificate serial number in hex');
  // The byte length is told, never the key: a test checks that no key bytes reach the message.
  if (typeof c.apiV3Key !== 'string' || Buffer.byteLength(c.apiV3Key, 'utf8') !== 32)
    fail('apiV3Key must be exactly 32 bytes (the API v3 key set in the merchant console)');
  const privateKey = loadKey('merchantPrivateKey', () => createPrivateKey({ key: c.merchantPrivateKey, format: 'pem' }));
  if (privateKey.asymmetricKeyType !== 'rsa') fail('merchantPrivateKey must be an RSA key');
  const platformKeys = new Map<string, KeyObject>();
  if (c.platformPublicKey) {
    if (!/^PUB_KEY_ID_[0-9A-Za-z]+$/.test(c.platformPublicKey.id ?? '')) fail('platformPublicKey.id is the WeChat Pay public key id (PUB_KEY_ID_…)');
    platformKeys.set(
      c.platformPublicKey.id,
      loadKey('platformPublicKey.pem', () => createPublicKey({ key: c.platformPublicKey!.pem, format: 'pem' })),
    );
  }
  for (const [i, pem] of (c.platformCertificates ?? []).entries()) {
    const cert = loadKey(`platformCertificates[${i}]`, () => new X509Certificate(pem));
    platformKeys.set(cert.serialNumber.toUpperCase(), cert.publicKey);
  }
  if (platformKeys.size === 0)
    fail('a platform public key (platformPublicKey) or platform certificates (platformCertificates) must be given to verify WeChat Pay');
  for (const key of platformKeys.values()) if (key.asymmetricKeyType !== 'rsa') fail('the platform keys must be RSA keys');
  const url = (field: string, text: string | undefined): string => {
    try {
      const u = new URL(text ?? '');
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error();
      return u.toString();
    } catch {
      return fail(`${field} must be an absolute http(s) URL`);
    }
  };
  const notifyUrl = url('notifyUrl', c.notifyUrl);
  const whole = (field: string, value: number | undefined, fallback: number, min: number, max: number): number => {
    const v = value ?? fallback;
    if (!Number.isInteger(v) || v < min || v > max) fail(`${field} must be a whole number from ${min} to ${max}`);
    return v;
  };
  return {
    mchid: c.mchid,
    appid: c.appid,
    privateKey,
    merchantSerialNo: c.merchantSerialNo.toUpperCase(),
    apiV3Key: Buffer.from(c.apiV3Key, 'utf8'),
    platformKeys,
    notifyUrl,
    refundNotifyUrl: c.refundNotifyUrl === undefined ? notifyUrl : url('refundNotifyUrl', c.refundNotifyUrl),
    baseUrl: url('baseUrl', c.baseUrl ?? WECHATPAY_BASE_URL).replace(/\/+$/, ''),
    timeoutMs: whole('timeoutMs', c.timeoutMs, 10_000, 1, 120_000),
    attempts: whole('attempts', c.attempts, 3, 1, 10),
    backoffMs: whole('backoffMs', c.backoffMs, 200, 0, 60_000),
  };
}

function fail(message: string): never {
  throw new WechatPayConfigError(`WeChat Pay configuration: ${message}`);
}

/** Loads a key; the crypto library's own message is dropped (it can quote what it could not parse). */
function loadKey<T>(field: string, load: () => T): T {
  try {
    return load();
  } catch {
    return fail(`${field} is not a readable PEM`);
  }
}

/** The variables `wechatPayConfigFromEnv` reads (a `*_FILE` variant of a key names a file holding it). */
export const WECHATPAY_ENV = {
  mchid: 'ZHONGTAI_WECHATPAY_MCHID',
  appid: 'ZHONGTAI_WECHATPAY_APPID',
  merchantSerialNo: 'ZHONGTAI_WECHATPAY_MERCHANT_SERIAL_NO',
  merchantPrivateKey: 'ZHONGTAI_WECHATPAY_PRIVATE_KEY',
  apiV3Key: 'ZHONGTAI_WECHATPAY_API_V3_KEY',
  platformPublicKey: 'ZHONGTAI_WECHATPAY_PUBLIC_KEY',
  platformPublicKeyId: 'ZHONGTAI_WECHATPAY_PUBLIC_KEY_ID',
  platformCertificates: 'ZHONGTAI_WECHATPAY_PLATFORM_CERTS',
  notifyUrl: 'ZHONGTAI_WECHATPAY_NOTIFY_URL',
  refundNotifyUrl: 'ZHONGTAI_WECHATPAY_REFUND_NOTIFY_URL',
  baseUrl: 'ZHONGTAI_WECHATPAY_BASE_URL',
  timeoutMs: 'ZHONGTAI_WECHATPAY_TIMEOUT_MS',
  attempts: 'ZHONGTAI_WECHATPAY_ATTEMPTS',
} as const;

/**
 * The configuration from `ZHONGTAI_WECHATPAY_*` variables. Keys and certificates are given inline or,
 * by the same name with `_FILE`, as a path (a certificates file may hold several PEM certificates).
 * Checked as `wechatPayChannel` checks it; an error names the variable, never its value.
 */
export function wechatPayConfigFromEnv(env: Readonly<Record<string, string | undefined>>, read: (path: string) => string = readText): WechatPayConfig {
  const V = WECHATPAY_ENV;
  const text = (name: string): string | undefined => (env[name]?.trim() ? env[name] : undefined);
  const secret = (name: string): string | undefined => {
    const inline = text(name);
    const file = text(`${name}_FILE`);
    if (inline !== undefined && file !== undefined) fail(`set ${name} or ${name}_FILE, not both`);
    if (file === undefined) return inline;
    try {
      return read(file.trim());
    } catch {
      return fail(`${name}_FILE names a file that cannot be read`);
    }
  };
  const required = (name: string, value: string | undefined): string => value ?? fail(`${name} is not set`);
  const number = (name: string): number | undefined => {
    const v = text(name);
    if (v === undefined) return undefined;
    if (!/^\d{1,9}$/.test(v.trim())) fail(`${name} must be a whole number`);
    return Number(v.trim());
  };
  const publicKey = secret(V.platformPublicKey);
  const publicKeyId = text(V.platformPublicKeyId)?.trim();
  if ((publicKey === undefined) !== (publicKeyId === undefined)) fail(`${V.platformPublicKey} and ${V.platformPublicKeyId} go together`);
  const certificates = secret(V.platformCertificates);
  const config: WechatPayConfig = {
    mchid: required(V.mchid, text(V.mchid)?.trim()),
    appid: required(V.appid, text(V.appid)?.trim()),
    merchantSerialNo: required(V.merchantSerialNo, text(V.merchantSerialNo)?.trim()),
    merchantPrivateKey: required(V.merchantPrivateKey, secret(V.merchantPrivateKey)),
    // A key file usually ends with a newline that is not part of the key.
    apiV3Key: required(V.apiV3Key, secret(V.apiV3Key)?.replace(/\r?\n$/, '')),
    ...(publicKey !== undefined && publicKeyId !== undefined ? { platformPublicKey: { id: publicKeyId, pem: publicKey } } : {}),
    ...(certificates !== undefined ? { platformCertificates: splitPems(certificates) } : {}),
    notifyUrl: required(V.notifyUrl, text(V.notifyUrl)?.trim()),
    ...optional('refundNotifyUrl', text(V.refundNotifyUrl)?.trim()),
    ...optional('baseUrl', text(V.baseUrl)?.trim()),
    ...optional('timeoutMs', number(V.timeoutMs)),
    ...optional('attempts', number(V.attempts)),
  };
  try {
    resolveWechatPayConfig(config);
  } catch (e) {
    // Say where the setting came from: the operator sets variables, not fields.
    if (e instanceof WechatPayConfigError) throw new WechatPayConfigError(`${e.message} (from the ZHONGTAI_WECHATPAY_* variables)`);
    throw e;
  }
  return config;
}

const optional = <K extends string, T>(key: K, value: T | undefined): Partial<Record<K, T>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, T>>;

const readText = (path: string): string => readFileSync(path, 'utf8');

/** Each PEM certificate of a text holding one or more. */
function splitPems(text: string): string[] {
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (pems.length === 0) fail(`${WECHATPAY_ENV.platformCertificates} holds no PEM certificate`);
  return pems.map((p) => `${p}\n`);
}
