import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKey } from '../../adapters/http/express/route.js';
import { isIdempotencyKey } from '../../application/shared/idempotency.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { fillCart, populateCheckoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { at } from '../support/mothers.js';

// Issue #12 item 10: one rule for Idempotency-Key — 1 to 255 visible ASCII characters (%x21-7E) —
// stated once (application/shared/idempotency.ts), answered 400 IDEMPOTENCY.INVALID_KEY at the edge
// and a DomainError with the same code in the application.

const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };
const visible = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x21 + (i % 94))).join('');

describe('Idempotency-Key: one rule at the edge and in the application', () => {
  let s: TestServer;
  let w: CheckoutWorld;
  let member: string;
  beforeAll(async () => {
    const now = at(10);
    s = await startTestServer(undefined, { clock: { now: () => now } });
    w = await populateCheckoutWorld(s.zt, now);
    member = s.token({ subject: 'm1', kind: 'member', roles: [] });
  }, 120_000);
  afterAll(() => s.close());

  const place = (key: string) => s.request('POST', '/me/orders', { token: member, body: { consignee }, headers: { 'idempotency-key': key } });
  const orders = async () => (await s.zt.orderQueries.search({})).total;

  it('a key out of the rule is 400 problem+json IDEMPOTENCY.INVALID_KEY and places nothing: too long, non-ASCII, a space, empty', async () => {
    await fillCart(w);
    const before = await orders();
    for (const bad of [visible(256), `${'a'.repeat(129)}é`, 'clé', 'two words', '']) {
      const res = await place(bad);
      expect(res.status, `${bad.slice(0, 20)}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('IDEMPOTENCY.INVALID_KEY');
    }
    expect(await orders()).toBe(before);
  });

  it('a key of 255 visible ASCII characters (any of them) is accepted and replays', async () => {
    const key = visible(255);
    const first = await place(key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await place(key)).body).toEqual(first.body);
  });

  it('the application refuses the same keys with a DomainError of the same code, for embedders', async () => {
    for (const bad of [visible(256), 'clé', 'two words', '', '\u0000']) {
      const error = await s.zt.orders.place({ memberId: 'm1', consignee, idempotencyKey: bad }).catch((e: unknown) => e);
      expect(isDomainError(error) && error.code, JSON.stringify(bad.slice(0, 20))).toBe('IDEMPOTENCY.INVALID_KEY');
      expect(isDomainError(error) && error.kind).toBe('invalid');
    }
  });

  it('the OpenAPI document states the rule on the header', async () => {
    const doc = (await s.request('GET', '/openapi.json')).body;
    const header = doc.paths['/me/orders'].post.parameters.find((p: { name: string }) => p.name === 'idempotency-key');
    expect(header).toMatchObject({ in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]+$' } });
  });

  it('property: the HTTP schema and the application rule accept exactly the strings of 1 to 255 characters in %x21-7E', () => {
    const char = fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0, max: 0xffff })).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[!-~]{0,260}$/),
          fc.array(char, { maxLength: 300 }).map((cs) => cs.join('')),
        ),
        (key) => {
          const expected = key.length >= 1 && key.length <= 255 && [...key].every((c) => c.charCodeAt(0) >= 0x21 && c.charCodeAt(0) <= 0x7e);
          expect(isIdempotencyKey(key)).toBe(expected);
          expect(idempotencyKey.safeParse(key).success).toBe(expected);
        },
      ),
    );
  });
});
