import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, problemClientErrors } from '../../adapters/http/express/index.js';
import { startTestServer, type TestServer } from '../support/http.js';

// Issue #12 item 10: errors of Node's HTTP parser (before Express) are answered as problem+json too.

/** Sends raw bytes and reads the whole answer until the server closes the connection. */
function raw(url: string, bytes: string): Promise<{ status: number; headers: Record<string, string>; body: any }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      let parsed: unknown = body;
      try {
        parsed = JSON.parse(body);
      } catch {
        /* not JSON */
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: parsed });
    });
  });
}

const expectProblem = (res: { status: number; headers: Record<string, string> | Headers; body: any }, status: number, code: string) => {
  const header = (name: string) => (res.headers instanceof Headers ? res.headers.get(name) : res.headers[name]);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(header('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(res.body.requestId).toBe(header('x-request-id'));
};

describe('parser-level client errors as problem+json', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('headers over 16 kB are 431 HTTP.HEADERS_TOO_LARGE, not a bare 431', async () => {
    const res = await s.request('GET', '/catalog/spus', { headers: { 'x-big': 'a'.repeat(20_000) } });
    expectProblem(res, 431, 'HTTP.HEADERS_TOO_LARGE');
    expect(res.body.detail).toMatch(/16 ?kB|16384/);
  });

  it('an Idempotency-Key alone over the limit gets the same answer', async () => {
    const res = await s.request('POST', '/me/orders', { token: s.memberToken, body: {}, headers: { 'idempotency-key': 'k'.repeat(17_000) } });
    expectProblem(res, 431, 'HTTP.HEADERS_TOO_LARGE');
  });

  it('a malformed request line, or a malformed header, is 400 HTTP.MALFORMED_REQUEST', async () => {
    expectProblem(await raw(s.url, 'NOT A REQUEST\r\n\r\n'), 400, 'HTTP.MALFORMED_REQUEST');
    expectProblem(await raw(s.url, 'GET / HTTP/1.1\r\nHost: x\r\nbad header line\r\n\r\n'), 400, 'HTTP.MALFORMED_REQUEST');
  });

  it('the server still answers afterwards', async () => {
    expect((await s.request('GET', '/health')).status).toBe(200);
  });
});

describe('listen and problemClientErrors, for embedders', () => {
  it('listen(app, port, host) starts a server that answers parser errors as problem+json', async () => {
    const app = express();
    app.get('/', (_req, res) => void res.send('ok'));
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await (await fetch(url)).text()).toBe('ok');
      expectProblem(await raw(url, `GET / HTTP/1.1\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`), 431, 'HTTP.HEADERS_TOO_LARGE');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("problemClientErrors(server) equips a host's own server; without it Node answers a bare 431", async () => {
    for (const equipped of [false, true]) {
      const server = createServer((_req, res) => res.end('ok'));
      if (equipped) problemClientErrors(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const res = await raw(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, `GET / HTTP/1.1\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
        expect(res.status).toBe(431);
        expect(res.headers['content-type'] ?? null).toEqual(equipped ? expect.stringMatching(/^application\/problem\+json/) : null);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});
