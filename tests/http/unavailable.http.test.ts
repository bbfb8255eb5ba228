// Issue #12 finding 12, over a real socket on memory: a database that cannot serve is answered 503
// problem+json with a retryable code and Retry-After, logged once per burst (never a stack per request);
// /health stays liveness while /ready checks the database with a short timeout and answers 503 while
// the service shuts down; a request past its deadline is answered 503 instead of hanging.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { createApp, Hs256Authenticator, OutageLog, route, type HttpOptions, type Logger } from '../../adapters/http/express/index.js';
import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { UnavailableError } from '../../application/shared/unavailable.js';
import { TEST_SECRET } from '../support/http.js';

interface Line {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** A logger that keeps its lines. */
function recordingLogger(): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const keep = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...fields });
  return { lines, info: keep('info'), error: keep('error') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let running: Server[] = [];
afterEach(async () => {
  for (const s of running) await new Promise((resolve) => s.close(resolve));
  running = [];
});

/** The app with a host route that fails the way a database outage does, and one that takes its time. */
async function serve(options: Partial<HttpOptions> & { persistence?: Persistence } = {}) {
  const { persistence, ...http } = options;
  const logger = http.logger ?? recordingLogger();
  let slowFinished = 0;
  const routes = [
    route({
      method: 'get',
      path: '/test/outage',
      summary: 'fails like a lost database',
      tag: 'test',
      access: 'public',
      handler: async () => {
        throw new UnavailableError('database', 'the database is unavailable; retry shortly', {
          cause: Object.assign(new Error('Connection terminated unexpectedly'), {
            stack: 'Error: Connection terminated unexpectedly\n    at Socket.<anonymous> (pg/lib/client.js:1:1)',
          }),
        });
      },
    }),
    route({
      method: 'get',
      path: '/test/late-failure',
      summary: 'fails after the deadline',
      tag: 'test',
      access: 'public',
      query: z.object({ unavailable: z.enum(['yes', 'no']) }),
      handler: async ({ query }) => {
        await sleep(300);
        throw query.unavailable === 'yes' ? new UnavailableError('database', 'gone') : new Error('a bug after the deadline');
      },
    }),
    route({
      method: 'get',
      path: '/test/slow',
      summary: 'answers late',
      tag: 'test',
      access: 'public',
      query: z.object({ ms: z.coerce.number().int() }),
      handler: async ({ query }) => {
        await sleep(query.ms);
        slowFinished++;
        return { late: true };
      },
    }),
  ];
  const app = createApp({
    zhongtai: createZhongtai({ persistence: persistence ?? memoryPersistence() }),
    authenticator: new Hs256Authenticator(TEST_SECRET),
    logger,
    routes,
    ...http,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  running.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, logger, slowFinished: () => slowFinished };
}

describe('503 for an unavailable database (issue #12)', () => {
  it('answers 503 problem+json SERVICE.UNAVAILABLE with details.retryable and a Retry-After header, not 500 INTERNAL', async () => {
    const { url } = await serve();
    const res = await fetch(`${url}/test/outage`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('retry-after')).toBe('1');
    const body = (await res.json()) as { requestId?: string };
    expect(body).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
      code: 'SERVICE.UNAVAILABLE',
      details: { retryable: true, reason: 'database' },
      instance: '/test/outage',
    });
    expect(body.requestId).toBeTruthy();
  });

  it('logs one line when the outage starts and one with the count when it is over, never a stack per request', async () => {
    const logger = recordingLogger();
    const { url } = await serve({ logger, outages: new OutageLog(logger, { quietMs: 150 }) });
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/test/outage`).then((r) => r.status)));
    expect(answers).toEqual(Array(20).fill(503));
    const notRequests = () => logger.lines.filter((l) => l.msg !== 'request');
    expect(notRequests()).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'service unavailable',
        reason: 'database',
        error: expect.stringContaining('Connection terminated unexpectedly'),
      }),
    ]);
    await sleep(400);
    expect(notRequests()).toHaveLength(2);
    expect(notRequests()[1]).toMatchObject({ level: 'info', msg: 'service available again', unavailable: 20 });
    expect(JSON.stringify(logger.lines)).not.toContain('client.js');
    // A new outage is a new burst.
    await fetch(`${url}/test/outage`);
    expect(notRequests()).toHaveLength(3);
  });
});

describe('liveness and readiness (issue #12)', () => {
  it('GET /ready answers 200 when the database answers; /health stays 200 either way', async () => {
    const { url } = await serve();
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('GET /ready answers 503 when the database check fails, and within about a second when it hangs; /health answers 200 meanwhile', async () => {
    let mode: 'down' | 'hang' | 'up' = 'down';
    const p = memoryPersistence();
    const persistence: Persistence = Object.assign(Object.create(p) as Persistence, {
      checkReady: async () => {
        if (mode === 'down') throw new UnavailableError('database', 'the database is unavailable; retry shortly');
        if (mode === 'hang') await new Promise(() => {});
      },
    });
    const { url } = await serve({ persistence });
    const down = await fetch(`${url}/ready`);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBeTruthy();
    expect(await down.json()).toMatchObject({ code: 'SERVICE.UNAVAILABLE', details: { retryable: true, reason: 'database' } });
    expect((await fetch(`${url}/health`)).status).toBe(200);

    mode = 'hang';
    const started = Date.now();
    const hung = await fetch(`${url}/ready`);
    expect(hung.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(((await hung.json()) as { details: { reason: string } }).details.reason).toBe('timeout');
    expect((await fetch(`${url}/health`)).status).toBe(200);

    mode = 'up';
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  });

  it('GET /ready answers 503 shutting_down as soon as the service is shutting down', async () => {
    let shuttingDown = false;
    const { url } = await serve({ isShuttingDown: () => shuttingDown });
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    shuttingDown = true;
    const res = await fetch(`${url}/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'SERVICE.UNAVAILABLE', details: { reason: 'shutting_down' } });
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});

describe('a request past its deadline (issue #12)', () => {
  it('is answered 503 timeout at the deadline; the late result is dropped and the connection and server go on', async () => {
    const logger = recordingLogger();
    const { url, slowFinished } = await serve({ logger, requestTimeoutMs: 150 });
    const started = Date.now();
    const res = await fetch(`${url}/test/slow?ms=600`);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(500);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({ code: 'SERVICE.UNAVAILABLE', details: { retryable: true, reason: 'timeout' } });
    await sleep(700);
    expect(slowFinished()).toBe(1);
    // The server is unharmed, and a request within its deadline is answered as usual.
    const fast = await fetch(`${url}/test/slow?ms=1`);
    expect(fast.status).toBe(200);
    expect(await fast.json()).toEqual({ late: true });
    expect(logger.lines.filter((l) => l.msg === 'unhandled error')).toEqual([]);
  });

  it('a handler failing after the deadline changes nothing for the client; a bug is still logged, an outage is not logged again', async () => {
    const logger = recordingLogger();
    const { url } = await serve({ logger, requestTimeoutMs: 100 });
    expect((await fetch(`${url}/test/late-failure?unavailable=no`)).status).toBe(503);
    expect((await fetch(`${url}/test/late-failure?unavailable=yes`)).status).toBe(503);
    await sleep(500);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors.map((l) => l.msg)).toEqual(['service unavailable', 'error after the answer was sent']);
    expect(String(errors[1]!.error)).toContain('a bug after the deadline');
  });

  it('a deadline of 0 turns it off', async () => {
    const { url } = await serve({ requestTimeoutMs: 0 });
    expect((await fetch(`${url}/test/slow?ms=300`)).status).toBe(200);
  });
});
