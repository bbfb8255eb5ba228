import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BillLine, billCsv, billZip } from '../../adapters/channels/alipay/bill-writer.js';

/** An RSA key pair as PEM: the app's (it signs requests) or Alipay's (it signs answers and notifications). */
export interface PemPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

export function rsaPair(): PemPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The string Alipay signs: the fields but the left-out ones and the empty ones, sorted by name, `key=value` joined by `&`. */
export function signContent(fields: Readonly<Record<string, string>>, leaveOut: readonly string[]): string {
  return Object.keys(fields)
    .filter((k) => !leaveOut.includes(k) && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
}

export const rsa2 = (text: string, privateKey: string): string => createSign('RSA-SHA256').update(text, 'utf8').sign(privateKey, 'base64');

/** A notification signed as Alipay signs it: `sign` and `sign_type` left out of the signed string. */
export function signNotification(fields: Readonly<Record<string, string>>, privateKey: string): Record<string, string> {
  return { ...fields, sign: rsa2(signContent(fields, ['sign', 'sign_type']), privateKey) };
}

/** Beijing time "yyyy-MM-dd HH:mm:ss". */
export const beijing = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

export interface FakeTrade {
  readonly outTradeNo: string;
  readonly tradeNo: string;
  readonly totalAmount: string;
  readonly subject: string;
  readonly timeExpire: string | null;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
  readonly gmtCreate: string;
  gmtPayment: string | null;
  refundedFen: bigint;
}

export interface FakeRefund {
  readonly outTradeNo: string;
  readonly outRequestNo: string;
  readonly amount: string;
  readonly at: string;
}

type Fault = { kind: '5xx' | 'hang' | '20000'; left: number; method: string | null };
const fen = (yuan: string) => BigInt(yuan.replace('.', '').replace(/^0+(?=\d)/, '')) * (yuan.includes('.') ? 1n : 100n);
const yuan = (f: bigint) => `${f < 0n ? '-' : ''}${(f < 0n ? -f : f) / 100n}.${((f < 0n ? -f : f) % 100n).toString().padStart(2, '0')}`;
/** Its fee: 0.6 % of the amount, half up to the fen. */
const feeOf = (f: bigint) => (f * 6n + 500n) / 1000n;

/**
 * A fake Alipay OpenAPI gateway on 127.0.0.1: it checks every request's RSA2 signature with the app's
 * public key (the sorted parameters, `sign` left out), signs every answer's `*_response` node with
 * Alipay's key, keeps trades and refunds (idempotent by out_trade_no / out_request_no), fails or hangs
 * when told to, serves a zipped GBK trade bill and makes signed notifications.
 */
export class FakeAlipay {
  readonly trades = new Map<string, FakeTrade>();
  readonly refunds = new Map<string, FakeRefund>();
  /** Every request that reached it: the API and whether its signature held. */
  readonly calls: { method: string; signed: boolean }[] = [];
  now: () => Date = () => new Date();
  private faults: Fault[] = [];
  private serial = 0;

  private constructor(
    private readonly server: Server,
    readonly appId: string,
    readonly keys: { readonly app: PemPair; readonly alipay: PemPair },
  ) {}

  static async start(appId: string, keys: { app: PemPair; alipay: PemPair }): Promise<FakeAlipay> {
    let fake: FakeAlipay | null = null;
    const server = createServer((req, res) => void fake!.handle(req, res));
    fake = new FakeAlipay(server, appId, keys);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  get gateway(): string {
    return `${this.origin}/gateway.do`;
  }

  /** The next `times` calls (of `method`, or any) answer HTTP 502, answer code 20000, or are done but never answered. */
  fail(kind: Fault['kind'], times: number, method: string | null = null): void {
    this.faults.push({ kind, left: times, method });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The payer pays an open trade (a page, wap or app trade the payer opened). */
  pay(outTradeNo: string, at: Date = this.now()): FakeTrade {
    const t = this.trades.get(outTradeNo);
    if (t?.status !== 'WAIT_BUYER_PAY') throw new Error(`no open trade ${outTradeNo} at the fake Alipay`);
    t.status = 'TRADE_SUCCESS';
    t.gmtPayment = beijing(at);
    return t;
  }

  /** The app hands the order string to the Alipay client: its signature checked, the trade opened. */
  openOrderString(orderString: string): FakeTrade {
    const params = Object.fromEntries(new URLSearchParams(orderString));
    if (!this.verified(params)) throw new Error('isv.invalid-signature');
    return this.open(params);
  }

  /**
   * The notification Alipay posts for a trade (trade_status_sync), signed: its success, or with
   * `refundId` the one a refund makes (refund_fee the trade's refunded total, out_biz_no the refund).
   */
  notification(outTradeNo: string, o: { refundId?: string } = {}): { fields: Record<string, string>; rawBody: string } {
    const t = this.trades.get(outTradeNo);
    if (!t) throw new Error(`no trade ${outTradeNo} at the fake Alipay`);
    const r = o.refundId === undefined ? undefined : this.refunds.get(`${outTradeNo}|${o.refundId}`);
    if (o.refundId !== undefined && !r) throw new Error(`no refund ${o.refundId} of ${outTradeNo}`);
    const fields: Record<string, string> = {
      gmt_create: t.gmtCreate,
      charset: 'utf-8',
      subject: t.subject,
      buyer_id: '2088102534368455',
      notify_id: `2026${String(++this.serial).padStart(30, '0')}`,
      notify_type: 'trade_status_sync',
      trade_status: t.status,
      sign_type: 'RSA2',
      app_id: this.appId,
      seller_id: '2088531891668739',
      ...(t.gmtPayment ? { gmt_payment: t.gmtPayment } : {}),
      notify_time: beijing(this.now()),
      version: '1.0',
      out_trade_no: t.outTradeNo,
      total_amount: t.totalAmount,
      receipt_amount: t.totalAmount,
      trade_no: t.tradeNo,
      ...(r ? { refund_fee: yuan(t.refundedFen), gmt_refund: `${r.at}.320`, out_biz_no: r.outRequestNo } : {}),
    };
    const signed = signNotification(fields, this.keys.alipay.privateKey);
    return { fields: signed, rawBody: new URLSearchParams(signed).toString() };
  }

  /** The trade bill (业务明细) of a Beijing day: a zip of the GBK detail CSV and its summary. */
  bill(day: string): Uint8Array {
    const lines: BillLine[] = [];
    for (const t of this.trades.values()) {
      if (t.gmtPayment?.startsWith(day)) {
        lines.push({
          kind: 'payment',
          tradeNo: t.tradeNo,
          outTradeNo: t.outTradeNo,
          subject: t.subject,
          createdAt: t.gmtCreate,
          completedAt: t.gmtPayment,
          amount: t.totalAmount,
          received: t.totalAmount,
          refundNo: '',
          fee: yuan(-feeOf(fen(t.totalAmount))),
        });
      }
    }
    for (const r of this.refunds.values()) {
      const t = this.trades.get(r.outTradeNo)!;
      if (r.at.startsWith(day)) {
        lines.push({
          kind: 'refund',
          tradeNo: t.tradeNo,
          outTradeNo: t.outTradeNo,
          subject: t.subject,
          createdAt: t.gmtCreate,
          completedAt: r.at,
          amount: t.totalAmount,
          received: yuan(-fen(r.amount)),
          refundNo: r.outRequestNo,
          fee: yuan(feeOf(fen(r.amount))),
        });
      }
    }
    return billZip(day, billCsv(day, lines));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === 'GET' && url.pathname.startsWith('/bill/')) {
      res.writeHead(200, { 'content-type': 'application/zip' }).end(this.bill(url.pathname.slice(6, 16)));
      return;
    }
    if (url.pathname !== '/gateway.do') return void res.writeHead(404).end();
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params[k] = v;
    const method = params.method ?? '';
    const signed = this.verified(params);
    this.calls.push({ method, signed });
    if (req.method === 'GET') {
      // The cashier page a page / wap URL opens.
      if (!signed) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('isv.invalid-signature');
      const t = this.open(params);
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<title>支付宝收银台</title>${t.outTradeNo} ${t.totalAmount}`);
    }
    const fault = this.faults.find((f) => f.left > 0 && (f.method === null || f.method === method));
    if (fault) fault.left--;
    if (fault?.kind === '5xx') return void res.writeHead(502).end('Bad Gateway');
    if (fault?.kind === '20000') return this.answer(res, method, { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknown-error' });
    const node = signed
      ? this.apply(method, JSON.parse(params.biz_content ?? '{}') as Record<string, string>)
      : { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' };
    if (fault?.kind === 'hang') return; // done, never answered
    this.answer(res, method, node);
  }

  private answer(res: ServerResponse, method: string, node: Record<string, string>): void {
    const text = JSON.stringify(node);
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    res.end(`{"${method.replaceAll('.', '_')}_response":${text},"sign":"${rsa2(text, this.keys.alipay.privateKey)}"}`);
  }

  private verified(params: Readonly<Record<string, string>>): boolean {
    if (params.app_id !== this.appId || params.sign_type !== 'RSA2' || !params.sign) return false;
    return createVerify('RSA-SHA256')
      .update(signContent(params, ['sign']), 'utf8')
      .verify(this.keys.app.publicKey, params.sign, 'base64');
  }

  private open(params: Readonly<Record<string, string>>): FakeTrade {
    const biz = JSON.parse(params.biz_content ?? '{}') as Record<string, string>;
    const known = this.trades.get(biz.out_trade_no!);
    if (known) return known;
    const t: FakeTrade = {
      outTradeNo: biz.out_trade_no!,
      tradeNo: `2026120822001${String(++this.serial).padStart(15, '0')}`,
      totalAmount: biz.total_amount!,
      subject: biz.subject!,
      timeExpire: biz.time_expire ?? null,
      status: 'WAIT_BUYER_PAY',
      gmtCreate: beijing(this.now()),
      gmtPayment: null,
      refundedFen: 0n,
    };
    this.trades.set(t.outTradeNo, t);
    return t;
  }

  private apply(method: string, biz: Record<string, string>): Record<string, string> {
    const ok = { code: '10000', msg: 'Success' };
    const failed = (sub_code: string, sub_msg: string) => ({ code: '40004', msg: 'Business Failed', sub_code, sub_msg });
    if (method === 'alipay.data.dataservice.bill.downloadurl.query') {
      return { ...ok, bill_download_url: `${this.origin}/bill/${biz.bill_date}.zip?downloadFileName=${biz.bill_date}.csv.zip` };
    }
    const t = this.trades.get(biz.out_trade_no ?? '');
    if (!t) return failed('ACQ.TRADE_NOT_EXIST', '交易不存在');
    const trade = { trade_no: t.tradeNo, out_trade_no: t.outTradeNo };
    switch (method) {
      case 'alipay.trade.query':
        return { ...ok, ...trade, trade_status: t.status, total_amount: t.totalAmount, ...(t.gmtPayment ? { send_pay_date: t.gmtPayment } : {}) };
      case 'alipay.trade.close':
        if (t.status !== 'WAIT_BUYER_PAY') return failed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
        t.status = 'TRADE_CLOSED';
        return { ...ok, ...trade };
      case 'alipay.trade.refund': {
        const key = `${t.outTradeNo}|${biz.out_request_no}`;
        const done = this.refunds.get(key);
        if (done) return { ...ok, ...trade, fund_change: 'N', refund_fee: yuan(t.refundedFen) };
        if (t.gmtPayment === null) return failed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
        const f = fen(biz.refund_amount!);
        if (t.refundedFen + f > fen(t.totalAmount)) return failed('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
        t.refundedFen += f;
        if (t.refundedFen === fen(t.totalAmount)) t.status = 'TRADE_CLOSED';
        this.refunds.set(key, { outTradeNo: t.outTradeNo, outRequestNo: biz.out_request_no!, amount: biz.refund_amount!, at: beijing(this.now()) });
        return { ...ok, ...trade, fund_change: 'Y', refund_fee: yuan(t.refundedFen) };
      }
      case 'alipay.trade.fastpay.refund.query': {
        const r = this.refunds.get(`${t.outTradeNo}|${biz.out_request_no}`);
        return r
          ? { ...ok, ...trade, out_request_no: r.outRequestNo, refund_amount: r.amount, total_amount: t.totalAmount, refund_status: 'REFUND_SUCCESS' }
          : { ...ok, ...trade, out_request_no: biz.out_request_no ?? '' };
      }
      default:
        return { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method', sub_msg: `no ${method}` };
    }
  }
}
