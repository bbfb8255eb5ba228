// `zhongtai serve` as a child process, run from the TypeScript sources (./ts-hooks.mjs), for the tests that
// need a real process: signals, database faults, logs.
import { spawn } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { signToken } from '../../adapters/http/express/index.js';
import { randomLines, type Acknowledged, type Skus } from './orders-world.js';

export interface ServeChild {
  readonly url: string;
  /** Every line the service wrote to stdout so far. */
  stdout(): string[];
  /** Its JSON log lines (stdout lines that parse). */
  logs(): { level: string; msg: string; [field: string]: unknown }[];
  stderr(): string;
  signal(name: NodeJS.Signals): void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const MAIN = fileURLToPath(new URL('../../adapters/cli/main.ts', import.meta.url));
const HOOKS = fileURLToPath(new URL('./ts-hooks.mjs', import.meta.url));

/** Starts `serve` on PORT 0 with `env` added to this process's environment; resolves once it listens. */
export async function startServe(env: Record<string, string>): Promise<ServeChild> {
  const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', HOOKS, MAIN, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  let partial = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    const text = partial + d.toString();
    const lines = text.split('\n');
    partial = lines.pop()!;
    out.push(...lines);
  });
  child.stderr.on('data', (d: Buffer) => void (err = (err + d.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let dead = false;
  void exited.then(() => (dead = true));
  const deadline = Date.now() + 90_000;
  let url: string | undefined;
  while (!url) {
    url = out.map((l) => /^zhongtai listening on (http:\/\/\S+)/.exec(l)?.[1]).find(Boolean);
    if (url) break;
    if (dead || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start:\n${out.join('\n')}\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stdout: () => [...out],
    logs: () =>
      out.flatMap((l) => {
        try {
          const parsed = JSON.parse(l) as unknown;
          return parsed && typeof parsed === 'object' && 'msg' in parsed ? [parsed as { level: string; msg: string }] : [];
        } catch {
          return [];
        }
      }),
    stderr: () => err,
    signal: (name) => void child.kill(name),
    exited,
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One request on a connection of its own (`Connection: close`): the answer, or the socket error that ended it. */
export function send(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const target = new URL(path, url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        agent: false,
        headers: {
          connection: 'close',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        // A body cut short is an error, never a complete answer.
        res.on('end', () =>
          res.complete ? resolve({ status: res.statusCode!, headers: res.headers, body: text }) : reject(new Error('the answer was cut short')),
        );
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('the answer was cut short')));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface CartView {
  shops: { groups: { lines: { skuId: string }[] }[] }[];
}

export interface Outcome {
  readonly what: 'cart' | 'place';
  readonly sentAt: number;
  readonly doneAt: number;
  readonly status?: number;
  /** The socket error, when no answer came. */
  readonly error?: string;
}

/**
 * Clients placing orders over HTTP, each as a new member: three cart lines of two shops, then the order
 * with an Idempotency-Key. With `retry`, a 503 or a lost connection is retried (the placing with the same
 * key, so it answers the first order if that one committed) until a definite answer or `stop()` and
 * `giveUpAfterMs`. Every answer and error is recorded.
 */
export function orderClients(options: { url: () => string; secret: string; skus: Skus; clients: number; retry: boolean; giveUpAfterMs?: number }) {
  const outcomes: Outcome[] = [];
  const acked: Acknowledged[] = [];
  const unresolved: string[] = [];
  let running = true;
  const attempt = async (what: Outcome['what'], call: () => Promise<Answer>): Promise<Answer | undefined> => {
    const sentAt = Date.now();
    try {
      const answer = await call();
      outcomes.push({ what, sentAt, doneAt: Date.now(), status: answer.status });
      return answer;
    } catch (error) {
      outcomes.push({ what, sentAt, doneAt: Date.now(), error: (error as { code?: string }).code ?? (error as Error).message });
      return undefined;
    }
  };
  /** Until an answer that is not 503 (or no retrying): undefined when none came. */
  const until = async (what: Outcome['what'], call: () => Promise<Answer>, since: number): Promise<Answer | undefined> => {
    for (;;) {
      const answer = await attempt(what, call);
      const again = options.retry && (answer === undefined || answer.status === 503) && Date.now() - since < (options.giveUpAfterMs ?? 60_000);
      if (!again) return answer;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const client = async (c: number) => {
    for (let i = 0; running; i++) {
      const memberId = `load-${c}-${i}-${Date.now()}`;
      const token = signToken({ subject: memberId, kind: 'member', roles: [] }, options.secret);
      const lines = randomLines(options.skus);
      const since = Date.now();
      let filled = true;
      for (const [skuId, quantity] of Object.entries(lines)) {
        // Adding adds up: after an answer that did not say (503, a lost connection), the cart says whether it took.
        const add = () => send(options.url(), 'POST', '/me/cart/lines', { token, body: { skuId, quantity } });
        let added = await attempt('cart', add);
        while (options.retry && (added === undefined || added.status === 503) && Date.now() - since < (options.giveUpAfterMs ?? 60_000)) {
          await new Promise((r) => setTimeout(r, 100));
          const cart = await attempt('cart', () => send(options.url(), 'GET', '/me/cart', { token }));
          if (cart?.status !== 200) continue;
          const has = (JSON.parse(cart.body) as CartView).shops.some((sh) => sh.groups.some((g) => g.lines.some((l) => l.skuId === skuId)));
          added = has ? cart : await attempt('cart', add);
        }
        if (added?.status !== 200) filled = false;
      }
      if (!filled) continue;
      const body = { consignee: { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' } };
      const placed = await until(
        'place',
        () => send(options.url(), 'POST', '/me/orders', { token, body, headers: { 'idempotency-key': `place-${memberId}` } }),
        since,
      );
      if (placed?.status === 201) {
        const p = JSON.parse(placed.body) as { orderId: string; payable: string; children: { orderId: string; payable: string }[] };
        acked.push({
          memberId,
          orderId: p.orderId,
          payable: p.payable,
          children: p.children.map((ch) => ({ orderId: ch.orderId, payable: ch.payable })),
          lines,
        });
      } else if (placed === undefined || placed.status === 503) unresolved.push(memberId);
    }
  };
  const all = Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
  return {
    outcomes,
    acked,
    /** Members whose placing never got a definite answer (no retry, or given up). */
    unresolved,
    /** Lets each client finish the member it is on, then resolves. */
    stop: async () => {
      running = false;
      await all;
    },
  };
}
