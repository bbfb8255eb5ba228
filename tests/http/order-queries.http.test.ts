import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../domain/shared/money.js';
import { codeOf } from '../adapters/contract/support.js';
import { placeOrder, type PlacedOrder } from '../adapters/order-query-contract.js';
import { DAY, MINUTE, T0 } from '../domain/ordering/order-mothers.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';

const minute = (n: number) => new Date(T0.getTime() + n * MINUTE);
const q = (params: Record<string, string | number>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;

describe("order queries over HTTP: a member's orders and details, staff search, details and statistics (issue #6 items 6, 7)", () => {
  let s: TestServer;
  let staff: string;
  let member2: string;
  let orders: PlacedOrder[];
  beforeAll(async () => {
    s = await startTestServer();
    staff = s.token({ subject: 'ops-1', kind: 'staff', roles: ['orders'] });
    member2 = s.token({ subject: 'member-2', kind: 'member', roles: [] });
    // member-1: A (unpaid), B (split: a paid child, an unpaid one), C (shipped); member-2: D (completed).
    orders = [
      placeOrder('A', 'member-1', minute(0), ['unpaid']),
      placeOrder('B', 'member-1', minute(10), ['paid', 'unpaid']),
      placeOrder('C', 'member-1', minute(5), ['shipped']),
      placeOrder('D', 'member-2', minute(10), ['completed']),
    ];
    await s.zt.persistence.unitOfWork({ publish: async () => {} }).run(async (tx) => {
      for (const o of orders) for (const x of new Set([o.top, ...o.leaves])) await tx.use(ORDERING_STORE).orders.save(x);
    });
  }, 60_000);
  afterAll(() => s.close());

  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

  it("GET /me/orders: the member's leaf orders newest first, by status, paginated (pageSize capped at 100); JSON amounts and times as strings", async () => {
    const all = await s.request('GET', '/me/orders', { token: s.memberToken });
    expect(all.status).toBe(200);
    expect([ids(all.body), all.body.total, all.body.page, all.body.pageSize]).toEqual([['B-1', 'B-2', 'C', 'A'], 4, 1, 20]);
    expect(all.body.items[0]).toEqual({
      id: 'B-1',
      number: 'SO-B-1',
      parentId: 'B',
      memberId: 'member-1',
      kind: 'goods',
      status: 'pending_shipment',
      shopId: 'shop-1',
      placedAt: minute(10).toISOString(),
      payable: orders[1]!.leaves[0]!.payable.toString(),
      itemCount: 1,
      title: 'B item 1',
      image: 'https://img/B.png',
    });
    expect(ids((await s.request('GET', `/me/orders${q({ status: 'pending_payment' })}`, { token: s.memberToken })).body)).toEqual(['B-2', 'A']);
    const second = (await s.request('GET', `/me/orders${q({ page: 2, pageSize: 3 })}`, { token: s.memberToken })).body;
    expect([ids(second), second.total]).toEqual([['A'], 4]);
    expect((await s.request('GET', `/me/orders${q({ pageSize: 500 })}`, { token: s.memberToken })).body.pageSize).toBe(100);
    expect(ids((await s.request('GET', '/me/orders', { token: member2 })).body)).toEqual(['D']);
  });

  it("GET /me/orders/:orderId: the member's own order with amounts, children and timeline; another member's order is a 404, as if it did not exist", async () => {
    const parent = await s.request('GET', '/me/orders/B', { token: s.memberToken });
    expect(parent.status).toBe(200);
    expect(parent.body).toMatchObject({ id: 'B', childIds: ['B-1', 'B-2'], amounts: { payable: orders[1]!.top.payable.toString() } });
    expect(parent.body.children.map((c: { number: string }) => c.number)).toEqual(['SO-B-1', 'SO-B-2']);
    const shipped = (await s.request('GET', '/me/orders/C', { token: s.memberToken })).body;
    expect(shipped.timeline.map((e: { event: string }) => e.event)).toEqual(['placed', 'paid', 'shipped']);
    expect(shipped.timeline[2]).toEqual({ at: minute(7).toISOString(), event: 'shipped', detail: { carrier: 'SF', trackingNumber: 'SF-C' } });
    for (const [token, orderId] of [
      [member2, 'B'],
      [member2, 'C'],
      [s.memberToken, 'D'],
      [s.memberToken, 'nope'],
    ] as const) {
      const hidden = await s.request('GET', `/me/orders/${orderId}`, { token });
      expect([hidden.status, hidden.body.code]).toEqual([404, 'ORDER.NOT_FOUND']);
      expect(hidden.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await s.request('GET', '/me/orders/D', { token: member2 })).status).toBe(200);
  });

  it('GET /admin/orders: staff (role orders) search by number, member, status, shop and placing time; GET /admin/orders/:orderId opens any order', async () => {
    const search = async (params: Record<string, string | number>) => {
      const res = await s.request('GET', `/admin/orders${q(params)}`, { token: staff });
      expect(res.status).toBe(200);
      return ids(res.body);
    };
    expect(await search({})).toEqual(['B-1', 'B-2', 'D', 'C', 'A']);
    expect(await search({ number: 'SO-B' })).toEqual(['B-1', 'B-2']);
    expect(await search({ memberId: 'member-1', status: 'pending_payment' })).toEqual(['B-2', 'A']);
    expect(await search({ shopId: 'shop-2' })).toEqual(['B-2']);
    expect(await search({ placedFrom: minute(5).toISOString(), placedTo: minute(10).toISOString() })).toEqual(['C']);
    expect(await search({ page: 2, pageSize: 2 })).toEqual(['D', 'C']);
    const d = await s.request('GET', '/admin/orders/D', { token: staff });
    expect([d.status, d.body.number, d.body.timeline.at(-1).event]).toEqual([200, 'SO-D', 'completed']);
    expect((await s.request('GET', '/admin/orders/nope', { token: staff })).body.code).toBe('ORDER.NOT_FOUND');
  });

  it("GET /admin/orders/statistics: the period's figures; a period that ends before it starts, or is longer than 366 days, is a 422 ORDER.INVALID_QUERY problem", async () => {
    const stats = await s.request('GET', `/admin/orders/statistics${q({ from: T0.toISOString(), to: new Date(T0.getTime() + DAY).toISOString() })}`, {
      token: staff,
    });
    expect(stats.status).toBe(200);
    const gmv = Money.sum([orders[1]!.leaves[0]!.payable, orders[2]!.top.payable, orders[3]!.top.payable]);
    const average = Money.fromMinor((2n * gmv.toMinor() + 3n) / 6n); // gmv / 3, half-up to the cent
    expect(stats.body).toEqual({
      from: T0.toISOString(),
      to: new Date(T0.getTime() + DAY).toISOString(),
      orders: 4,
      paidOrders: 3,
      gmv: gmv.toString(),
      averageOrderValue: average.toString(),
      orderingMembers: 2,
      payingMembers: 2,
      newPayingMembers: 2,
      returningPayingMembers: 0,
    });
    const backwards = await s.request('GET', `/admin/orders/statistics${q({ from: minute(60).toISOString(), to: minute(60).toISOString() })}`, {
      token: staff,
    });
    expect(backwards.status).toBe(422);
    expect(backwards.headers.get('content-type')).toContain('application/problem+json');
    expect(backwards.body).toMatchObject({ status: 422, code: 'ORDER.INVALID_QUERY', details: { field: 'to', reason: 'NOT_AFTER_FROM' } });
    const long = await s.request('GET', `/admin/orders/statistics${q({ from: T0.toISOString(), to: new Date(T0.getTime() + 367 * DAY).toISOString() })}`, {
      token: staff,
    });
    expect([long.status, long.body.code, long.body.details.reason]).toEqual([422, 'ORDER.INVALID_QUERY', 'PERIOD_TOO_LONG']);
    const window = await s.request('GET', `/admin/orders${q({ placedFrom: minute(9).toISOString(), placedTo: minute(1).toISOString() })}`, { token: staff });
    expect([window.status, window.body.code]).toEqual([422, 'ORDER.INVALID_QUERY']);
  });

  it('malformed queries are 400; member routes want a member token, staff routes the orders role', async () => {
    expect((await s.request('GET', `/admin/orders/statistics${q({ from: T0.toISOString() })}`, { token: staff })).body.code).toBe('VALIDATION.FAILED');
    expect((await s.request('GET', `/me/orders${q({ status: 'lost' })}`, { token: s.memberToken })).status).toBe(400);
    expect((await s.request('GET', `/me/orders${q({ page: 0 })}`, { token: s.memberToken })).status).toBe(400);
    expect((await s.request('GET', '/me/orders')).status).toBe(401);
    expect((await s.request('GET', '/me/orders', { token: staff })).status).toBe(403);
    expect((await s.request('GET', '/admin/orders', { token: s.memberToken })).status).toBe(403);
    expect((await s.request('GET', '/admin/orders', { token: s.staffToken })).body.code).toBe('AUTH.FORBIDDEN');
  });

  it('the use cases check what a caller outside HTTP passes: ORDER.INVALID_QUERY with the field', async () => {
    const q = s.zt.orderQueries;
    const reason = async (run: Promise<unknown>) => {
      const code = await codeOf(run);
      const { details } = (await run.catch((e: unknown) => e)) as { details: { field: string; reason: string } };
      return `${code} ${details.field} ${details.reason}`;
    };
    expect(await reason(q.list({ memberId: 'member-1', pageSize: 101 }))).toBe('ORDER.INVALID_QUERY pageSize INVALID_PAGE_SIZE');
    expect(await reason(q.list({ memberId: 'member-1', page: 1.5 }))).toBe('ORDER.INVALID_QUERY page INVALID_PAGE');
    expect(await reason(q.list({ memberId: '', page: 1 }))).toBe('ORDER.INVALID_QUERY memberId INVALID_ID');
    expect(await reason(q.search({ status: 'lost' as never }))).toBe('ORDER.INVALID_QUERY status UNKNOWN_STATUS');
    expect(await reason(q.search({ placedFrom: new Date('nonsense') }))).toBe('ORDER.INVALID_QUERY placedFrom INVALID_TIME');
    expect(await reason(q.statistics({ from: T0, to: new Date(T0.getTime() + 366 * DAY + 1) }))).toBe('ORDER.INVALID_QUERY to PERIOD_TOO_LONG');
    expect((await q.statistics({ from: T0, to: new Date(T0.getTime() + 366 * DAY) })).orders).toBe(4);
  });

  it('every order query route is in the OpenAPI document', async () => {
    const doc = (await s.request('GET', '/openapi.json')).body;
    for (const path of ['/me/orders', '/me/orders/{orderId}', '/admin/orders', '/admin/orders/statistics', '/admin/orders/{orderId}']) {
      expect(doc.paths[path]?.get?.summary, path).toBeTruthy();
    }
    expect(doc.paths['/admin/orders/statistics'].get['x-roles']).toEqual(['orders']);
  });
});
