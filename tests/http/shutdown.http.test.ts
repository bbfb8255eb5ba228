// Issue #12 finding 12: SIGTERM used to close every connection at once, cutting requests in flight. The
// graceful shutdown of `serve`, in process over a real socket: stop accepting, let requests in flight
// finish (to a deadline), stop background work, then close the pool; a second signal exits at once.
import type { Server } from 'node:http';
import { request as httpRequest, Agent } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GracefulShutdown } from '../../adapters/cli/shutdown.js';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { createApp, Hs256Authenticator, route, silentLogger } from '../../adapters/http/express/index.js';
import { TEST_SECRET } from '../support/http.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface World {
  server: Server;
  port: number;
  shutdown: GracefulShutdown;
  events: string[];
  exited: Promise<number>;
}

let servers: Server[] = [];
afterEach(() => {
  for (const s of servers) s.closeAllConnections();
  servers = [];
});

async function world(drainMs: number, work: { stopMs?: number } = {}): Promise<World> {
  const events: string[] = [];
  let shutdown!: GracefulShutdown;
  const slow = route({
    method: 'get',
    path: '/test/slow',
    summary: 'answers late',
    tag: 'test',
    access: 'public',
    query: z.object({ ms: z.coerce.number().int() }),
    handler: async ({ query }) => {
      await sleep(query.ms);
      events.push(`answered ${query.ms}`);
      return { answered: query.ms, padding: 'x'.repeat(10_000) };
    },
  });
  const app = createApp({
    zhongtai: createZhongtai(),
    authenticator: new Hs256Authenticator(TEST_SECRET),
    logger: silentLogger,
    routes: [slow],
    isShuttingDown: () => shutdown.shuttingDown,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  shutdown = new GracefulShutdown({
    server,
    drainMs,
    idleGraceMs: 200,
    lingerMs: 50,
    stopWork: async () => {
      events.push('stopping work');
      await sleep(work.stopMs ?? 0);
      events.push('work stopped');
    },
    close: async () => void events.push('pool closed'),
    logger: silentLogger,
    exit: (code) => {
      events.push(`exit ${code}`);
      exit(code);
    },
  });
  return { server, port: (server.address() as AddressInfo).port, shutdown, events, exited };
}

/** GET over its own keep-alive connection; resolves with status and the whole body. */
function get(port: number, path: string, agent = new Agent({ keepAlive: true })): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown of serve (issue #12)', () => {
  it('requests in flight at the signal get their whole answer; then work stops, the pool closes and the process exits 0', async () => {
    const w = await world(5_000, { stopMs: 50 });
    const inFlight = [get(w.port, '/test/slow?ms=400'), get(w.port, '/test/slow?ms=200')];
    await sleep(100);
    w.shutdown.signal('SIGTERM');
    expect(w.shutdown.shuttingDown).toBe(true);
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => JSON.parse(a.body).answered)).toEqual([400, 200]);
    expect(await w.exited).toBe(0);
    // Work stopped while requests drained; the pool closed only after both.
    expect(w.events.indexOf('pool closed')).toBeGreaterThan(w.events.indexOf('answered 400'));
    expect(w.events.indexOf('pool closed')).toBeGreaterThan(w.events.indexOf('work stopped'));
    expect(w.events.at(-1)).toBe('exit 0');
  });

  it('from the signal on (after lingerMs), no new connection is accepted', async () => {
    const w = await world(5_000);
    const inFlight = get(w.port, '/test/slow?ms=400');
    await sleep(50);
    w.shutdown.signal('SIGTERM');
    // It stops listening after lingerMs; wait for that moment instead of a fixed time (a loaded machine is late).
    for (let waited = 0; w.server.listening && waited < 5_000; waited += 10) await sleep(10);
    expect(w.server.listening).toBe(false);
    await expect(get(w.port, '/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect((await inFlight).status).toBe(200);
    await w.exited;
  });

  it('a kept-alive connection does not hold the drain: closed once its answer is sent, so the process exits long before the deadline', async () => {
    const w = await world(5_000);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(w.port, '/ready', agent)).status).toBe(200); // the connection, kept alive
    const inFlight = get(w.port, '/test/slow?ms=200', agent);
    await sleep(50);
    const started = Date.now();
    w.shutdown.signal('SIGTERM');
    expect((await inFlight).status).toBe(200);
    expect(await w.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(1_500);
    agent.destroy();
  });

  it('a request on its way at the signal (connection open, request not yet read) is still served, and its connection then closed', async () => {
    const w = await world(5_000);
    const socket = connect(w.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    await sleep(50); // accepted by the server, nothing read yet
    w.shutdown.signal('SIGTERM');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET /test/slow?ms=10 HTTP/1.1\r\nHost: x\r\n\r\n');
    await ended;
    expect(received).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(received.toLowerCase()).toContain('connection: close');
    expect(received).toContain('"answered":10');
    expect(await w.exited).toBe(0);
  });

  it('at the drain deadline the connections left are closed, and the pool still closes and the process exits', async () => {
    const w = await world(200);
    const stuck = get(w.port, '/test/slow?ms=3000').catch((e: unknown) => e);
    await sleep(50);
    const started = Date.now();
    w.shutdown.signal('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await stuck).toMatchObject({ code: 'ECONNRESET' });
    expect(w.events).toContain('pool closed');
  });

  it('a second signal exits at once with 1', async () => {
    const w = await world(10_000);
    const stuck = get(w.port, '/test/slow?ms=2000').catch(() => undefined);
    await sleep(50);
    w.shutdown.signal('SIGTERM');
    w.shutdown.signal('SIGINT');
    expect(await w.exited).toBe(1);
    expect(w.events).not.toContain('pool closed');
    w.server.closeAllConnections();
    await stuck;
  });
});
