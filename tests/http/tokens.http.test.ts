import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { AUDIENCE, createApp, Hs256Authenticator, keyId, listen, signToken, silentLogger } from '../../adapters/http/express/index.js';
import { startTestServer, TEST_SECRET, type TestServer } from '../support/http.js';
import { rawToken } from '../support/tokens.js';

// Decision 0022 over the wire: every refusal is a 401 problem+json AUTH.INVALID_TOKEN.

const nowSeconds = () => Math.floor(Date.now() / 1000);
const header = { alg: 'HS256', typ: 'JWT', kid: keyId(TEST_SECRET) };
const claims = (over: Record<string, unknown>) => ({ sub: 'mallory', iss: 'zhongtai', iat: nowSeconds(), exp: nowSeconds() + 600, ...over });

describe('tokens over HTTP: audience, issuer, key ids (issue #12 item 9)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const expect401 = async (path: string, token: string, why: RegExp) => {
    const res = await s.request('GET', path, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'AUTH.INVALID_TOKEN', detail: expect.stringMatching(why) });
  };

  it('a member token whose kind is forged to "staff" (member audience) is 401 on a staff route', async () => {
    await expect401('/admin/orders', rawToken(header, claims({ kind: 'staff', roles: ['admin'], aud: AUDIENCE.member }), TEST_SECRET), /audience/);
  });

  it('a staff token whose kind is forged to "member" (staff audience) is 401 on a member route', async () => {
    await expect401('/me/orders', rawToken(header, claims({ kind: 'member', roles: [], aud: AUDIENCE.staff }), TEST_SECRET), /audience/);
  });

  it('a right token of the other kind is still 403 AUTH.FORBIDDEN, not accepted', async () => {
    expect((await s.request('GET', '/admin/orders', { token: s.memberToken })).body.code).toBe('AUTH.FORBIDDEN');
    const staff = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    expect((await s.request('GET', '/me/orders', { token: staff })).body.code).toBe('AUTH.FORBIDDEN');
  });

  it('a wrong issuer, a missing audience and an unknown kid are 401', async () => {
    await expect401(
      '/admin/orders',
      rawToken(header, claims({ kind: 'staff', roles: ['admin'], aud: AUDIENCE.staff, iss: 'elsewhere' }), TEST_SECRET),
      /issuer/,
    );
    await expect401('/admin/orders', rawToken(header, claims({ kind: 'staff', roles: ['admin'] }), TEST_SECRET), /audience/);
    await expect401(
      '/admin/orders',
      rawToken({ ...header, kid: 'k-2020' }, claims({ kind: 'staff', roles: ['admin'], aud: AUDIENCE.staff }), TEST_SECRET),
      /unknown key id/,
    );
    // The same claims, well-formed, pass: the refusals above are about aud, iss and kid.
    expect(
      (await s.request('GET', '/admin/orders', { token: rawToken(header, claims({ kind: 'staff', roles: ['admin'], aud: AUDIENCE.staff }), TEST_SECRET) }))
        .status,
    ).toBe(200);
  });
});

describe('tokens over HTTP: rotating the secret logs nobody out', () => {
  const OLD = TEST_SECRET;
  const NEW = 'a-new-secret-of-32-characters-or-more';
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = createApp({ zhongtai: createZhongtai(), authenticator: new Hs256Authenticator({ keys: [NEW, OLD] }), logger: silentLogger });
    server = await listen(app, 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a token of the old key and a token of the new key both pass; a token of a dropped key is 401', async () => {
    const me = (token: string) => fetch(`${base}/me`, { headers: { authorization: `Bearer ${token}` } });
    const member = { subject: 'm-1', kind: 'member', roles: [] } as const;
    expect((await me(signToken(member, OLD))).status).toBe(200);
    expect((await me(signToken(member, { keys: [NEW, OLD] }))).status).toBe(200);
    expect((await me(signToken(member, 'a-dropped-secret-of-32-characters-or-more'))).status).toBe(401);
  });
});
