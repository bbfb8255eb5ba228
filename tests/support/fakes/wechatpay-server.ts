import { createCipheriv, createHash, createSign, createVerify, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of WeChat Pay's API v3 server (直连商户), written from WeChat Pay's documents and
 * independent of the adapter's code: it checks the merchant's `Authorization` signature as WeChat Pay
 * does (401 SIGN_ERROR otherwise), signs every answer with its own platform key (微信支付公钥 mode),
 * keeps transactions and refunds (idempotent by out_trade_no / out_refund_no), serves the trade bill
 * with its SHA1, and makes signed, encrypted notifications. Faults on demand: 5xx, hanging, a wrong signature.
 */

export interface FakeWechatPayKeys {
  readonly mchid: string;
  readonly appid: string;
  readonly merchantSerialNo: string;
  readonly merchantPrivateKeyPem: string;
  readonly merchantPublicKey: KeyObject;
  readonly apiV3Key: string;
  readonly platformKeyId: string;
  readonly platformPrivateKey: KeyObject;
  readonly platformPublicKeyPem: string;
}

/** Fresh keys for a test: a merchant RSA-2048 key, a platform RSA-2048 key and a 32-byte API v3 key. */
export function fakeWechatPayKeys(): FakeWechatPayKeys {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    mchid: '1230000109',
    appid: 'wxd678efh567hg6787',
    merchantSerialNo: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKeyPem: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    merchantPublicKey: merchant.publicKey,
    apiV3Key: randomBytes(16).toString('hex'),
    platformKeyId: 'PUB_KEY_ID_0112300001092026030200000000001',
    platformPrivateKey: platform.privateKey,
    platformPublicKeyPem: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface FakeTransaction {
  readonly outTradeNo: string;
  readonly method: string;
  readonly prepayId: string;
  readonly request: string;
  total: number;
  state: 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'CLOSED' | 'REVOKED' | 'REFUND' | 'PAYERROR';
  transactionId: string | null;
  successTime: Date | null;
}

export interface FakeRefund {
  readonly outRefundNo: string;
  readonly outTradeNo: string;
  readonly refundId: string;
  readonly refund: number;
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
  readonly createdAt: Date;
}

/** One row of a trade bill, as the fake's bill writer takes it (amounts in fen; fee in 1/100000 yuan). */
export interface BillRow {
  readonly kind: 'payment' | 'refund';
  readonly at: Date;
  readonly transactionId: string;
  readonly outTradeNo: string;
  readonly totalFen: bigint;
  readonly refundId?: string;
  readonly outRefundNo?: string;
  readonly refundFen?: bigint;
  readonly feeMicroYuan10: bigint;
}

const HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const SUMMARY = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

const yuan = (fen: bigint, places = 2): string => {
  const neg = fen < 0n;
  const d = (neg ? -fen : fen).toString().padStart(places + 1, '0');
  return `${neg ? '-' : ''}${d.slice(0, -places)}.${d.slice(-places)}`;
};
const beijing = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** A trade bill (ALL) as WeChat Pay writes it: header, backticked rows, summary header and totals; UTF-8 with a BOM. */
export function writeTradeBill(rows: readonly BillRow[], o: { appid?: string; mchid?: string } = {}): Buffer {
  const lines = [HEADER];
  for (const r of rows) {
    const refund = r.kind === 'refund';
    const fee = refund ? -r.feeMicroYuan10 : r.feeMicroYuan10;
    const fields = [
      beijing(r.at),
      o.appid ?? 'wxd678efh567hg6787',
      o.mchid ?? '1230000109',
      '0',
      '',
      r.transactionId,
      r.outTradeNo,
      'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      'NATIVE',
      refund ? 'REFUND' : 'SUCCESS',
      'OTHERS',
      'CNY',
      refund ? '0.00' : yuan(r.totalFen),
      '0.00',
      refund ? r.refundId! : '0',
      refund ? r.outRefundNo! : '0',
      refund ? yuan(r.refundFen!) : '0.00',
      '0.00',
      refund ? 'ORIGINAL' : '',
      refund ? 'SUCCESS' : '',
      'zhongtai',
      '',
      yuan(fee, 5),
      '0.60%',
      refund ? '0.00' : yuan(r.totalFen),
      refund ? yuan(r.refundFen!) : '0.00',
      '',
    ];
    lines.push(fields.map((f) => `\`${f}`).join(','));
  }
  const sum = (f: (r: BillRow) => bigint) => rows.reduce((a, r) => a + f(r), 0n);
  const paid = sum((r) => (r.kind === 'payment' ? r.totalFen : 0n));
  const refunded = sum((r) => r.refundFen ?? 0n);
  const fees = sum((r) => (r.kind === 'refund' ? -r.feeMicroYuan10 : r.feeMicroYuan10));
  lines.push(SUMMARY, [String(rows.length), yuan(paid), yuan(refunded), '0.00', yuan(fees, 5), yuan(paid), yuan(refunded)].map((f) => `\`${f}`).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

/** AEAD_AES_256_GCM as WeChat Pay seals a notification resource: base64 of ciphertext then 16-byte tag. */
export function sealResource(apiV3Key: string, nonce: string, associatedData: string, plaintext: string): string {
  const c = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  c.setAAD(Buffer.from(associatedData, 'utf8'));
  return Buffer.concat([c.update(plaintext, 'utf8'), c.final(), c.getAuthTag()]).toString('base64');
}

const sign = (key: KeyObject, message: string) => createSign('RSA-SHA256').update(message).sign(key, 'base64');

export class FakeWechatPay {
  readonly transactions = new Map<string, FakeTransaction>();
  readonly refunds = new Map<string, FakeRefund>();
  /** Every request that reached the fake: method, path with query, and whether its signature held. */
  readonly requests: { method: string; url: string; body: string; signed: boolean }[] = [];
  /** Answer 500 SYSTEM_ERROR to the next n requests (before doing anything). */
  failNext = 0;
  /** Do the next n requests, then never answer them (the answer is lost: the caller times out). */
  hangNext = 0;
  /** Sign the next n answers with a key that is not the platform key. */
  signWrongNext = 0;
  /** Serve the next bill with a byte changed after its hash was taken. */
  corruptBill = false;
  /** The status a new refund has at once (WeChat Pay: usually PROCESSING). */
  refundStatus: FakeRefund['status'] = 'PROCESSING';
  now: () => Date = () => new Date();
  private readonly server: Server;
  private readonly bills = new Map<string, Buffer>();
  private readonly rogue = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private seq = 0;
  url = '';

  constructor(readonly keys: FakeWechatPayKeys) {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  static async start(keys: FakeWechatPayKeys = fakeWechatPayKeys()): Promise<FakeWechatPay> {
    const fake = new FakeWechatPay(keys);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  hits(method: string, pathPrefix: string): number {
    return this.requests.filter((r) => r.method === method && r.url.startsWith(pathPrefix)).length;
  }

  /** The payer pays: the transaction succeeds with a transaction id at `at`. */
  pay(outTradeNo: string, at: Date = this.now()): FakeTransaction {
    const t = this.transactions.get(outTradeNo);
    if (!t) throw new Error(`the fake has no transaction ${outTradeNo}`);
    t.state = 'SUCCESS';
    t.transactionId ??= `42000000002026${String(++this.seq).padStart(14, '0')}`;
    t.successTime = at;
    return t;
  }

  /** A signed, encrypted TRANSACTION.SUCCESS notification of a paid transaction, as `{ rawBody, headers }` (lower-case names). */
  transactionNotification(outTradeNo: string, o: { timestamp?: Date } = {}) {
    const t = this.transactions.get(outTradeNo);
    if (!t?.transactionId) throw new Error(`the fake's transaction ${outTradeNo} is not paid`);
    return this.notification('TRANSACTION.SUCCESS', '支付成功', 'transaction', this.transactionView(t), o.timestamp);
  }

  /** A refund's outcome and its signed, encrypted notification (REFUND.SUCCESS / ABNORMAL / CLOSED). */
  refundNotification(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED' = 'SUCCESS') {
    const r = this.refunds.get(outRefundNo);
    if (!r) throw new Error(`the fake has no refund ${outRefundNo}`);
    r.status = status;
    const t = this.transactions.get(r.outTradeNo)!;
    const resource = {
      mchid: this.keys.mchid,
      out_trade_no: r.outTradeNo,
      transaction_id: t.transactionId,
      out_refund_no: r.outRefundNo,
      refund_id: r.refundId,
      refund_status: status,
      ...(status === 'SUCCESS' ? { success_time: rfc3339(this.now()) } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: t.total, refund: r.refund, payer_total: t.total, payer_refund: r.refund },
    };
    return this.notification(`REFUND.${status}`, '退款成功', 'refund', resource);
  }

  private notification(eventType: string, summary: string, type: string, resource: object, at: Date = this.now()) {
    const nonce = randomBytes(6).toString('hex');
    const rawBody = JSON.stringify({
      id: `EV-${randomBytes(8).toString('hex')}`,
      create_time: rfc3339(at),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: {
        original_type: type,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: sealResource(this.keys.apiV3Key, nonce, type, JSON.stringify(resource)),
        associated_data: type,
        nonce,
      },
    });
    return { rawBody, headers: this.signatureHeaders(rawBody, at, this.keys.platformPrivateKey) };
  }

  private signatureHeaders(body: string, at: Date, key: KeyObject): Record<string, string> {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const nonce = randomBytes(16).toString('hex');
    return {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': sign(key, `${timestamp}\n${nonce}\n${body}\n`),
      'wechatpay-serial': this.keys.platformKeyId,
    };
  }

  private transactionView(t: FakeTransaction) {
    return {
      mchid: this.keys.mchid,
      appid: this.keys.appid,
      out_trade_no: t.outTradeNo,
      trade_type: t.method.toUpperCase() === 'H5' ? 'MWEB' : t.method.toUpperCase(),
      trade_state: t.state,
      trade_state_desc: t.state,
      ...(t.transactionId
        ? { transaction_id: t.transactionId, bank_type: 'OTHERS', success_time: rfc3339(t.successTime!), payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } }
        : {}),
      amount: { total: t.total, currency: 'CNY', ...(t.transactionId ? { payer_total: t.total, payer_currency: 'CNY' } : {}) },
    };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const signed = this.authorized(method, url, body, req.headers.authorization);
    this.requests.push({ method, url, body, signed });
    if (this.failNext > 0) {
      this.failNext--;
      return this.answer(res, 500, { code: 'SYSTEM_ERROR', message: '系统繁忙' });
    }
    const hang = this.hangNext > 0;
    if (hang) this.hangNext--;
    if (!signed) return this.answer(res, 401, { code: 'SIGN_ERROR', message: '签名错误' });
    const [status, answer, raw] = this.route(method, new URL(url, this.url), body);
    // The work is done; the answer is lost on the way (the socket stays open until the caller gives up).
    if (hang) return;
    if (raw) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(raw);
      return;
    }
    this.answer(res, status, answer);
  }

  private answer(res: ServerResponse, status: number, answer: unknown): void {
    const body = answer === undefined ? '' : JSON.stringify(answer);
    const wrong = this.signWrongNext > 0;
    if (wrong) this.signWrongNext--;
    const headers = this.signatureHeaders(body, this.now(), wrong ? this.rogue : this.keys.platformPrivateKey);
    res.writeHead(status, { ...headers, 'Request-ID': randomBytes(8).toString('hex'), ...(body ? { 'Content-Type': 'application/json' } : {}) }).end(body);
  }

  /** WeChat Pay's check of a request: the scheme, the merchant, its certificate serial, a fresh timestamp and the signature over METHOD\nURL\ntimestamp\nnonce\nbody\n. */
  private authorized(method: string, url: string, body: string, auth: string | undefined): boolean {
    const m = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(auth ?? '');
    if (!m) return false;
    const p = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1]!, x[2]!]));
    if (p.mchid !== this.keys.mchid || p.serial_no !== this.keys.merchantSerialNo || !p.nonce_str || !p.signature || !/^\d+$/.test(p.timestamp ?? ''))
      return false;
    if (Math.abs(this.now().getTime() / 1000 - Number(p.timestamp)) > 300) return false;
    const message = `${method}\n${url}\n${p.timestamp}\n${p.nonce_str}\n${body}\n`;
    return createVerify('RSA-SHA256').update(message).verify(this.keys.merchantPublicKey, p.signature, 'base64');
  }

  private route(method: string, url: URL, text: string): [number, unknown, Buffer?] {
    // The fake reads request fields loosely, as a server reading untrusted JSON field by field; its checks below are the point.
    const body = (text ? JSON.parse(text) : {}) as Record<string, any>;
    const bad = (message: string): [number, unknown] => [400, { code: 'PARAM_ERROR', message }];
    const pay = /^\/v3\/pay\/transactions\/(jsapi|native|h5)$/.exec(url.pathname);
    if (method === 'POST' && pay) {
      const kind = pay[1]!;
      if (body.appid !== this.keys.appid || body.mchid !== this.keys.mchid) return bad('appid和mchid不匹配');
      if (!body.out_trade_no || !body.description || !body.notify_url || !Number.isInteger(body.amount?.total) || body.amount.total <= 0)
        return bad('参数错误');
      if (kind === 'jsapi' && !body.payer?.openid) return bad('缺少参数payer.openid');
      if (kind === 'h5' && (!body.scene_info?.payer_client_ip || !body.scene_info?.h5_info?.type)) return bad('缺少参数scene_info');
      const existing = this.transactions.get(body.out_trade_no);
      if (existing && existing.state === 'SUCCESS') return [400, { code: 'ORDERPAID', message: '该订单已支付' }];
      if (existing && (existing.method !== kind || existing.total !== body.amount.total)) return [400, { code: 'INVALID_REQUEST', message: '商户订单号重复' }];
      const t = existing ?? {
        outTradeNo: body.out_trade_no,
        method: kind,
        prepayId: `wx${randomBytes(14).toString('hex')}`,
        request: text,
        total: body.amount.total,
        state: 'NOTPAY' as const,
        transactionId: null,
        successTime: null,
      };
      this.transactions.set(t.outTradeNo, t);
      if (kind === 'native') return [200, { code_url: `weixin://wxpay/bizpayurl?pr=${t.prepayId.slice(2, 12)}` }];
      if (kind === 'h5') return [200, { h5_url: `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${t.prepayId}` }];
      return [200, { prepay_id: t.prepayId }];
    }
    const order = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(url.pathname);
    if (order) {
      const t = this.transactions.get(decodeURIComponent(order[1]!));
      if (!t) return [404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }];
      if (method === 'GET' && !order[2] && url.searchParams.get('mchid') === this.keys.mchid) return [200, this.transactionView(t)];
      if (method === 'POST' && order[2] && body.mchid === this.keys.mchid) {
        if (t.state === 'SUCCESS' || t.state === 'REFUND') return [400, { code: 'ORDERPAID', message: '订单已支付' }];
        t.state = 'CLOSED';
        return [204, undefined];
      }
      return bad('mchid');
    }
    if (method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
      const done = this.refunds.get(body.out_refund_no);
      const t = this.transactions.get(body.out_trade_no);
      if (!t) return [404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' }];
      if (!done) {
        if (t.state !== 'SUCCESS' && t.state !== 'REFUND') return [400, { code: 'INVALID_REQUEST', message: '订单未支付' }];
        if (body.amount?.total !== t.total || !Number.isInteger(body.amount?.refund) || body.amount.refund <= 0) return bad('amount');
        const refunded = [...this.refunds.values()].filter((r) => r.outTradeNo === t.outTradeNo).reduce((a, r) => a + r.refund, 0);
        if (refunded + body.amount.refund > t.total) return [400, { code: 'INVALID_REQUEST', message: '退款金额超过订单金额' }];
        const r: FakeRefund = {
          outRefundNo: body.out_refund_no,
          outTradeNo: t.outTradeNo,
          refundId: `50300000002026${String(++this.seq).padStart(16, '0')}`,
          refund: body.amount.refund,
          status: this.refundStatus,
          createdAt: this.now(),
        };
        this.refunds.set(r.outRefundNo, r);
      }
      const r = this.refunds.get(body.out_refund_no)!;
      return [
        200,
        {
          refund_id: r.refundId,
          out_refund_no: r.outRefundNo,
          transaction_id: t.transactionId,
          out_trade_no: r.outTradeNo,
          status: r.status,
          amount: { total: t.total, refund: r.refund, currency: 'CNY' },
        },
      ];
    }
    if (method === 'GET' && url.pathname === '/v3/bill/tradebill') {
      const day = url.searchParams.get('bill_date') ?? '';
      const rows = this.billRows().filter((r) => beijing(r.at).startsWith(day));
      if (rows.length === 0) return [400, { code: 'NO_STATEMENT_EXIST', message: '账单不存在' }];
      const file = writeTradeBill(rows, this.keys);
      const token = randomBytes(8).toString('hex');
      const served = Buffer.from(file);
      if (this.corruptBill) served[served.length - 3] = served[served.length - 3]! ^ 1;
      this.bills.set(token, served);
      return [
        200,
        { hash_type: 'SHA1', hash_value: createHash('sha1').update(file).digest('hex'), download_url: `${this.url}/v3/billdownload/file?token=${token}` },
      ];
    }
    if (method === 'GET' && url.pathname === '/v3/billdownload/file') {
      const file = this.bills.get(url.searchParams.get('token') ?? '');
      return file ? [200, undefined, file] : [404, { code: 'RESOURCE_NOT_EXISTS', message: '账单已过期' }];
    }
    return [404, { code: 'NOT_FOUND', message: 'no such API' }];
  }

  /** What the fake's bill holds: every paid transaction and every refund, fee 0.6 % (in 1/100000 yuan: fen × 6). */
  billRows(): BillRow[] {
    const rows: BillRow[] = [];
    for (const t of this.transactions.values()) {
      if (!t.transactionId) continue;
      rows.push({
        kind: 'payment',
        at: t.successTime!,
        transactionId: t.transactionId,
        outTradeNo: t.outTradeNo,
        totalFen: BigInt(t.total),
        feeMicroYuan10: BigInt(t.total) * 6n,
      });
      for (const r of this.refunds.values()) {
        if (r.outTradeNo !== t.outTradeNo) continue;
        rows.push({
          kind: 'refund',
          at: r.createdAt,
          transactionId: t.transactionId,
          outTradeNo: t.outTradeNo,
          totalFen: BigInt(t.total),
          refundId: r.refundId,
          outRefundNo: r.outRefundNo,
          refundFen: BigInt(r.refund),
          feeMicroYuan10: BigInt(r.refund) * 6n,
        });
      }
    }
    return rows;
  }
}

/** RFC 3339 in Beijing time, as WeChat Pay writes times. */
export const rfc3339 = (at: Date): string => `${new Date(Math.floor(at.getTime() / 1000) * 1000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
