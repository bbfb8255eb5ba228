import { createDecipheriv, createSign, createVerify, type KeyObject, randomBytes } from 'node:crypto';

/**
 * WeChat Pay API v3 signatures (签名生成 / 签名验证 / 回调报文解密), on node:crypto (decision 0034).
 * Requests are signed RSA-SHA256 (PKCS#1 v1.5) with the merchant key; answers and notifications are
 * signed by WeChat Pay the same way over `timestamp\nnonce\nbody\n`; notification resources are
 * AEAD_AES_256_GCM under the API v3 key.
 */

/** How far an answer's or a notification's `Wechatpay-Timestamp` may be from our clock: 5 minutes, as WeChat Pay advises (replays older than that are refused). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

/** What the merchant signs for a request: method, path with query, timestamp, nonce and body, each line ended by `\n` (the body empty for GET). */
export function requestMessage(method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** What WeChat Pay signs for an answer or a notification. */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** Base64 RSA-SHA256 (PKCS#1 v1.5) of a message. */
export function rsaSign(privateKey: KeyObject, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

/** Whether a base64 RSA-SHA256 signature of the message holds under the key (a malformed signature does not). */
export function rsaVerify(publicKey: KeyObject, message: string, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** A request nonce: 32 random upper-case hex characters (WeChat Pay takes up to 32). */
export function nonceStr(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export interface SignedRequest {
  readonly mchid: string;
  readonly serialNo: string;
  readonly privateKey: KeyObject;
  readonly method: string;
  readonly pathAndQuery: string;
  readonly body: string;
  readonly timestamp: string;
  readonly nonce: string;
}

/** The `Authorization` header of a request. */
export function authorization(r: SignedRequest): string {
  const signature = rsaSign(r.privateKey, requestMessage(r.method, r.pathAndQuery, r.timestamp, r.nonce, r.body));
  return `${AUTH_SCHEMA} mchid="${r.mchid}",nonce_str="${r.nonce}",signature="${signature}",timestamp="${r.timestamp}",serial_no="${r.serialNo}"`;
}

/** A header by name, whatever its case (the HTTP edge lower-cases; WeChat Pay's documents capitalise). */
export function header(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** Why a signed message is refused: no signature headers, an unknown serial, a signature that does not hold, or a timestamp too far off. */
export type SignatureFault = 'missing_headers' | 'unknown_serial' | 'bad_signature' | 'stale_timestamp';

/**
 * Checks WeChat Pay's signature of an answer or a notification: `Wechatpay-Serial` picks the key,
 * `Wechatpay-Signature` must hold over `timestamp\nnonce\nbody\n`, and the timestamp be within 5
 * minutes of `now`. Null when it holds; the fault otherwise. Nothing of the body is read.
 */
export function signatureFault(
  keys: ReadonlyMap<string, KeyObject>,
  headers: Readonly<Record<string, string | undefined>>,
  body: string,
  now: Date,
): SignatureFault | null {
  const timestamp = header(headers, 'Wechatpay-Timestamp');
  const nonce = header(headers, 'Wechatpay-Nonce');
  const signature = header(headers, 'Wechatpay-Signature');
  const serial = header(headers, 'Wechatpay-Serial');
  if (!timestamp || !nonce || !signature || !serial || !/^\d{1,12}$/.test(timestamp)) return 'missing_headers';
  // Certificate serials are hex, compared in upper case; public key ids are taken as they are.
  const key = keys.get(serial) ?? keys.get(serial.toUpperCase());
  if (!key) return 'unknown_serial';
  if (!rsaVerify(key, responseMessage(timestamp, nonce, body), signature)) return 'bad_signature';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'stale_timestamp';
  return null;
}

/** An encrypted notification resource (`resource` of a notification). */
export interface EncryptedResource {
  readonly algorithm?: string;
  readonly ciphertext: string;
  readonly nonce: string;
  readonly associated_data?: string;
}

const GCM_TAG_BYTES = 16;

/**
 * Decrypts a resource: AES-256-GCM under the 32-byte API v3 key, the resource's 12-character nonce and
 * associated data; the base64 ciphertext ends with the 16-byte tag. Throws when the tag does not hold
 * (another key, nonce, associated data or a changed ciphertext).
 */
export function decryptResource(apiV3Key: Buffer, r: EncryptedResource): string {
  if (apiV3Key.length !== 32) throw new RangeError('the API v3 key is 32 bytes (AEAD_AES_256_GCM)');
  const data = Buffer.from(r.ciphertext, 'base64');
  if (data.length <= GCM_TAG_BYTES) throw new Error('the ciphertext is shorter than its tag');
  const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(r.nonce, 'utf8'), { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - GCM_TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
}

/**
 * The parameters a JSAPI (公众号 / 小程序) page hands to `WeixinJSBridge.invoke('getBrandWCPayRequest')`
 * / `wx.requestPayment`: signed by the merchant over `appId\ntimeStamp\nnonceStr\npackage\n`.
 */
export function jsapiPayParams(appId: string, prepayId: string, privateKey: KeyObject, timeStamp: string, nonce: string): Record<string, string> {
  const pkg = `prepay_id=${prepayId}`;
  return {
    appId,
    timeStamp,
    nonceStr: nonce,
    package: pkg,
    signType: 'RSA',
    paySign: rsaSign(privateKey, `${appId}\n${timeStamp}\n${nonce}\n${pkg}\n`),
  };
}
