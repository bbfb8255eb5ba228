/**
 * A fake of the part of Stripe's API the Stripe channel uses, on node:http at 127.0.0.1 (a free port):
 * bearer secret key, form-encoded bodies with `a[b]` / `a[0]` keys, `Idempotency-Key` (the same key and
 * parameters answer the first answer again; other parameters 400 idempotency_error), PaymentIntents
 * (create, retrieve, search by metadata, cancel), Refunds (create, list by intent), balance
 * transactions (by created range, newest first, `starting_after` pages, `expand[]=data.source`), and
 * faults: the next requests answer 500 or are processed and never answered. It signs webhook events
 * itself (`t=…,v1=HMAC-SHA256(secret, t.payload)`) and writes the dashboard's balance export.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StripeConfig } from '../../../adapters/channels/payment/stripe/config.js';

type Obj = Record<string, any>;
export type Fault = '500' | 'hang';
export interface SignedEvent {
  readonly raw: string;
  readonly header: string;
  readonly event: Obj;
}

const ZERO_DECIMAL = new Set(['jpy', 'krw', 'vnd', 'clp']);
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** Form or query text as Stripe reads it: `metadata[payment_number]=P1`, `expand[0]=data.source` → nested objects and arrays. */
export function decodeForm(text: string): Obj {
  const out: Obj = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let at: Obj = out;
    path.forEach((k, i) => {
      if (i === path.length - 1) at[k] = value;
      else at = at[k] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
    });
  }
  return out;
}

/** A line of the dashboard's itemized "Balance transactions" export (amounts in minor units, created in Unix seconds). */
export interface ExportLine {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly amount: number;
  readonly fee: number;
  readonly currency: string;
  readonly created: number;
  readonly description: string;
  readonly paymentNumber?: string;
  readonly refundId?: string;
}

/** The export's CSV: amounts in major units with the currency's decimals, times "YYYY-MM-DD HH:MM:SS" UTC, fields quoted when they need it. */
export function writeBalanceExport(lines: readonly ExportLine[]): string {
  const major = (minor: number, currency: string) => {
    const d = ZERO_DECIMAL.has(currency) ? 0 : 2;
    const sign = minor < 0 ? '-' : '';
    const digits = String(Math.abs(minor)).padStart(d + 1, '0');
    return d === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -d)}.${digits.slice(-d)}`;
  };
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const head = 'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Description,payment_number (metadata),refund_id (metadata)';
  const rows = lines.map((l) => {
    const money = [l.amount, l.fee, l.amount - l.fee].map((n) => major(n, l.currency));
    const created = new Date(l.created * 1000).toISOString().slice(0, 19).replace('T', ' ');
    return [l.id, l.type, l.source, ...money, l.currency, created, l.description, l.paymentNumber ?? '', l.refundId ?? ''].map(cell).join(',');
  });
  return `${[head, ...rows].join('\n')}\n`;
}

export class FakeStripe {
  readonly secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
  readonly webhookSecret = `whsec_${randomBytes(24).toString('base64url')}`;
  readonly intents = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  readonly balanceTransactions: Obj[] = [];
  /** Every request that reached it: method, path, idempotency key, the status answered (null: none). */
  readonly requests: { method: string; path: string; key: string | null; status: number | null }[] = [];
  /** The status a new refund takes. */
  refundStatus: 'pending' | 'succeeded' = 'pending';
  now: () => Date = () => new Date();
  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: Obj }>();
  private faults: { fault: Fault; match: (method: string, path: string) => boolean }[] = [];
  private readonly held: ServerResponse[] = [];
  private server!: Server;
  port = 0;

  static async start(): Promise<FakeStripe> {
    const f = new FakeStripe();
    f.server = createServer((req, res) => void f.handle(req, res));
    await new Promise<void>((ok) => f.server.listen(0, '127.0.0.1', ok));
    f.port = (f.server.address() as AddressInfo).port;
    return f;
  }

  /** The channel's configuration for this fake (fast retries and timeouts unless overridden). */
  config(o: Partial<StripeConfig> = {}): StripeConfig {
    const api = { host: '127.0.0.1', port: this.port, protocol: 'http' as const };
    return { secretKey: this.secretKey, webhookSecret: this.webhookSecret, api, timeoutMs: 2_000, ...o };
  }

  /** The next `n` requests matching `match` (default: any) answer 500, or are processed and never answered ('hang'). */
  failNext(n: number, fault: Fault, match: (method: string, path: string) => boolean = () => true): void {
    for (let i = 0; i < n; i++) this.faults.push({ fault, match });
  }

  async close(): Promise<void> {
    for (const r of this.held.splice(0)) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }

  /** The payer pays: the intent succeeds at `at` with a charge (fee 3 % floored) and its balance transaction; its signed `payment_intent.succeeded`. */
  pay(intentId: string, at: Date = this.now(), fee?: number): SignedEvent {
    const pi = this.intents.get(intentId)!;
    const charge = { id: id('ch'), object: 'charge', amount: pi.amount, amount_captured: pi.amount, currency: pi.currency, created: seconds(at) };
    Object.assign(charge, { payment_intent: pi.id, metadata: {}, refunded: false, status: 'succeeded' });
    this.charges.set(charge.id, charge);
    Object.assign(pi, { status: 'succeeded', amount_received: pi.amount, latest_charge: charge.id });
    const taken = fee ?? Math.floor((pi.amount * 3) / 100);
    this.addBalanceTransaction({ type: 'charge', source: charge.id, amount: pi.amount, fee: taken, currency: pi.currency, created: seconds(at) });
    return this.event('payment_intent.succeeded', pi, at);
  }

  /** A refund Stripe settles: succeeded (with its balance transaction) or failed/canceled; its signed `refund.updated`. */
  settleRefund(refundId: string, status: 'succeeded' | 'failed' | 'canceled', at: Date = this.now()): SignedEvent {
    const re = this.refunds.get(refundId)!;
    re.status = status;
    if (status === 'succeeded') this.refunded(re, at);
    return this.event('refund.updated', re, at);
  }

  addBalanceTransaction(bt: { type: string; source: string; amount: number; fee: number; currency: string; created: number; id?: string }): Obj {
    const line = { id: bt.id ?? id('txn'), object: 'balance_transaction', ...bt, net: bt.amount - bt.fee, exchange_rate: null, status: 'available' };
    this.balanceTransactions.push(line);
    return line;
  }

  /** A webhook event of `type` about `object` created `at`, signed with the webhook secret when delivered, `signedAt` (default: now). */
  event(type: string, object: Obj, at: Date = this.now(), o: { signedAt?: Date; secret?: string } = {}): SignedEvent {
    const event = {
      id: id('evt'),
      object: 'event',
      api_version: '2026-11-18.endive',
      created: seconds(at),
      type,
      livemode: false,
      data: { object: structuredClone(object) },
    };
    const raw = JSON.stringify(event, null, 2);
    return { raw, event, header: this.sign(raw, o.signedAt ?? this.now(), o.secret) };
  }

  sign(raw: string, at: Date, secret = this.webhookSecret): string {
    const t = seconds(at);
    return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex')}`;
  }

  /** The dashboard's export of the balance transactions created in [from, to) (Unix seconds). */
  exportCsv(from: number, to: number): string {
    const lines = this.balanceTransactions
      .filter((b) => b.created >= from && b.created < to)
      .map((b) => {
        const src = this.source(b.source) ?? {};
        const number = src.object === 'charge' ? this.intents.get(src.payment_intent)?.metadata.payment_number : undefined;
        return { ...(b as ExportLine), description: `zhongtai ${b.type}`, paymentNumber: number, refundId: src.metadata?.refund_id };
      });
    return writeBalanceExport(lines);
  }

  private refunded(re: Obj, at: Date): void {
    const charge = this.charges.get(re.charge)!;
    const back = [...this.refunds.values()].filter((r) => r.charge === charge.id && r.status === 'succeeded').reduce((s, r) => s + r.amount, 0);
    charge.refunded = back >= charge.amount;
    this.addBalanceTransaction({ type: 'refund', source: re.id, amount: -re.amount, fee: 0, currency: re.currency, created: seconds(at) });
  }

  private source(sourceId: string): Obj | undefined {
    return this.charges.get(sourceId) ?? this.refunds.get(sourceId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const log = { method, path: url.pathname, key, status: null as number | null };
    this.requests.push(log);
    const send = (status: number, body: Obj) => {
      log.status = status;
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') }).end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
      const given = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      return send(401, { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${given.slice(0, 8)}****${given.slice(-4)}` } });
    }
    const at = this.faults.findIndex((f) => f.match(method, url.pathname));
    const fault = at >= 0 ? this.faults.splice(at, 1)[0]!.fault : null;
    if (fault === '500') return send(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    const params = method === 'POST' ? decodeForm(text) : decodeForm(url.search.slice(1));
    const fingerprint = `${method} ${url.pathname} ${text}`;
    const replay = key && method === 'POST' ? this.idempotent.get(key) : undefined;
    let answer: { status: number; body: Obj };
    if (replay && replay.fingerprint !== fingerprint) {
      const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}'`;
      answer = { status: 400, body: { error: { type: 'idempotency_error', message } } };
    } else if (replay) answer = replay;
    else {
      answer = this.route(method, url.pathname, params);
      if (key && method === 'POST' && answer.status < 500) this.idempotent.set(key, { fingerprint, ...answer });
    }
    if (fault === 'hang') return void this.held.push(res);
    send(answer.status, answer.body);
  }

  private route(method: string, path: string, p: Obj): { status: number; body: Obj } {
    const ok = (body: Obj) => ({ status: 200, body: structuredClone(body) });
    const bad = (status: number, code: string, message: string) => ({ status, body: { error: { type: 'invalid_request_error', code, message } } });
    const expand = (o: Obj, fields: string[]) => {
      for (const f of fields) if (typeof o[f] === 'string') o[f] = structuredClone(this.source(o[f]) ?? o[f]);
      return o;
    };
    const expands = (prefix: string) => ((p.expand ?? []) as string[]).filter((e) => e.startsWith(prefix)).map((e) => e.slice(prefix.length));
    const list = (items: Obj[], url: string) => {
      const limit = Number(p.limit ?? 10);
      const from = p.starting_after ? items.findIndex((i) => i.id === p.starting_after) + 1 : 0;
      const data = items.slice(from, from + limit).map((i) => expand(structuredClone(i), expands('data.')));
      return ok({ object: 'list', url, has_more: from + limit < items.length, data });
    };
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/payment_intents') {
      const amount = Number(p.amount);
      if (!/^\d+$/.test(p.amount ?? '') || amount < 1) return bad(400, 'parameter_invalid_integer', 'Invalid integer: amount');
      if (!/^[a-z]{3}$/.test(p.currency ?? '')) return bad(400, 'parameter_invalid_string', 'Invalid currency');
      const pi: Obj = { id: id('pi'), object: 'payment_intent', amount, amount_received: 0, currency: p.currency, description: p.description ?? null };
      Object.assign(pi, { metadata: p.metadata ?? {}, status: 'requires_payment_method', created: seconds(this.now()), latest_charge: null });
      Object.assign(pi, { automatic_payment_methods: p.automatic_payment_methods ? { enabled: p.automatic_payment_methods.enabled === 'true' } : null });
      pi.client_secret = `${pi.id}_secret_${randomBytes(12).toString('hex')}`;
      this.intents.set(pi.id, pi);
      return ok(pi);
    }
    if (method === 'GET' && path === '/v1/payment_intents/search') {
      const q = /^metadata\['payment_number'\]:'((?:[^'\\]|\\.)*)'$/.exec(p.query ?? '');
      if (!q) return bad(400, 'parameter_invalid', 'unsupported query');
      const wanted = q[1]!.replace(/\\(.)/g, '$1');
      const hits = [...this.intents.values()].filter((i) => i.metadata.payment_number === wanted).reverse();
      const start = Number(p.page ?? 0);
      const limit = Number(p.limit ?? 10);
      const data = hits.slice(start, start + limit).map((i) => expand(structuredClone(i), expands('data.')));
      const more = start + limit < hits.length;
      return ok({ object: 'search_result', url: path, has_more: more, next_page: more ? String(start + limit) : null, data });
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)(\/cancel)?$/.exec(path))) {
      const pi = this.intents.get(m[1]!);
      if (!pi) return bad(404, 'resource_missing', `No such payment_intent: '${m[1]}'`);
      if (method === 'GET' && !m[2]) return ok(expand(structuredClone(pi), expands('')));
      if (method === 'POST' && m[2]) {
        if (pi.status === 'succeeded' || pi.status === 'canceled') {
          return bad(400, 'payment_intent_unexpected_state', `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`);
        }
        Object.assign(pi, { status: 'canceled', canceled_at: seconds(this.now()), cancellation_reason: p.cancellation_reason ?? null });
        return ok(pi);
      }
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const pi = this.intents.get(p.payment_intent);
      if (!pi) return bad(404, 'resource_missing', `No such payment_intent: '${p.payment_intent}'`);
      if (pi.status !== 'succeeded') return bad(400, 'payment_intent_unexpected_state', 'This PaymentIntent does not have a successful charge to refund.');
      const taken = [...this.refunds.values()].filter((r) => r.payment_intent === pi.id && r.status !== 'failed' && r.status !== 'canceled');
      const amount = p.amount === undefined ? pi.amount_received : Number(p.amount);
      if (amount + taken.reduce((s, r) => s + r.amount, 0) > pi.amount_received)
        return bad(400, 'amount_too_large', 'Refund amount is greater than unrefunded amount');
      const re: Obj = { id: id('re'), object: 'refund', amount, currency: pi.currency, payment_intent: pi.id, charge: pi.latest_charge };
      Object.assign(re, { status: this.refundStatus, metadata: p.metadata ?? {}, created: seconds(this.now()), balance_transaction: null });
      this.refunds.set(re.id, re);
      if (re.status === 'succeeded') this.refunded(re, this.now());
      return ok(re);
    }
    if (method === 'GET' && path === '/v1/refunds') {
      const all = [...this.refunds.values()].filter((r) => !p.payment_intent || r.payment_intent === p.payment_intent).reverse();
      return list(all, path);
    }
    if (method === 'GET' && path === '/v1/balance_transactions') {
      const gte = Number(p.created?.gte ?? 0);
      const lt = Number(p.created?.lt ?? Number.MAX_SAFE_INTEGER);
      const lines = this.balanceTransactions.filter((b) => b.created >= gte && b.created < lt).sort((a, b) => b.created - a.created);
      return list(lines, path);
    }
    return bad(404, 'resource_missing', `Unrecognized request URL (${method}: ${path})`);
  }
}
