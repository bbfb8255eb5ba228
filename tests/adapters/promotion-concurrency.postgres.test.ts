import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { at } from '../support/mothers.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';
import { storedOrders } from '../support/stored-orders.js';
import { aFullReduction, aGroupBuy, GROUP_SKU } from '../domain/promotion/promotion-mothers.js';

// Real concurrency needs the real server (DATABASE_URL); on PGlite every transaction is serialised,
// so the same test proves only the bookkeeping there.
const onServer = Boolean(process.env.DATABASE_URL);

let db: TestDatabase;
let p: MikroOrmPersistence;
let zt: Zhongtai;
const now = at(10);
beforeAll(async () => {
  db = await testDatabase();
  p = await mikroOrmPersistence({ ...db.options, poolSize: onServer ? 24 : undefined });
  zt = createZhongtai({ persistence: p, clock: { now: () => now } });
});
afterAll(async () => {
  await p?.close();
  await db?.drop();
});

const sql = <R>(text: string, params: unknown[] = []) => p.orm.em.fork().execute<R[] & object[]>(text, params) as Promise<R[]>;

/** Runs every call at once; returns the error code of each (null = success). */
async function together(calls: (() => Promise<unknown>)[]): Promise<(string | null)[]> {
  return Promise.all(
    calls.map((call) =>
      call().then(
        () => null,
        (e: unknown) => (isDomainError(e) ? e.code : `UNEXPECTED: ${String(e)}`),
      ),
    ),
  );
}

async function published(input: Parameters<Zhongtai['promotions']['createActivity']>[0]): Promise<string> {
  const a = await zt.promotions.createActivity(input);
  await zt.promotions.submitActivity({ activityId: a.id, by: 'mia' });
  await zt.promotions.approveActivity({ activityId: a.id, by: 'rex' });
  return a.id;
}

describe(`group buy under concurrent payments (${onServer ? 'PostgreSQL server' : 'PGlite, serialised'})`, () => {
  it('a group of 5 whose leader paid, 20 members paying at once: exactly 4 more are confirmed (5 paid = the size), 16 get PROMOTION.GROUP_FULL', {
    timeout: 60_000,
  }, async () => {
    const activityId = await published(aGroupBuy({ startsAt: at(0), endsAt: at(7 * 24 * 60) }));
    const orders = storedOrders(zt);
    await orders.unpaid('o-leader', 'leader', [GROUP_SKU]);
    const group = await zt.promotions.openGroup({ activityId, memberId: 'leader', orderId: 'o-leader', size: 5 });
    await orders.pay('o-leader');
    await zt.promotions.confirmGroupPayment({ groupId: group.id, orderId: 'o-leader' });
    const members = Array.from({ length: 20 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    for (const m of members) {
      await orders.unpaid(`o-${m}`, m, [GROUP_SKU]);
      await zt.promotions.joinGroup({ groupId: group.id, memberId: m, orderId: `o-${m}` });
      await orders.pay(`o-${m}`); // every member paid: the group's room alone decides
    }

    const succeeded: unknown[] = [];
    const off = zt.events.subscribe('promotion.group.succeeded', (e) => void succeeded.push(e.payload));
    const outcomes = await together(members.map((m) => () => zt.promotions.confirmGroupPayment({ groupId: group.id, orderId: `o-${m}` })));
    off();

    expect(outcomes.filter((o) => o === null)).toHaveLength(4);
    expect(outcomes.filter((o) => o !== null)).toEqual(Array(16).fill('PROMOTION.GROUP_FULL'));
    const [row] = await sql<{ paid: number; status: string }>('select paid, status from group_buy where id = ?', [group.id]);
    expect(row).toEqual({ paid: 5, status: 'succeeded' });
    const [members_] = await sql<{ n: number }>(`select count(*)::int as n from group_member where group_id = ? and status = 'paid'`, [group.id]);
    expect(members_!.n).toBe(5);
    expect(succeeded).toHaveLength(1);
    expect((succeeded[0] as { paidOrderIds: string[] }).paidOrderIds).toHaveLength(5);
  });

  it('the same payment confirmed 10 times at once counts once', { timeout: 60_000 }, async () => {
    const activityId = await published(aGroupBuy({ name: 'replays', startsAt: at(0), endsAt: at(7 * 24 * 60) }));
    const orders = storedOrders(zt);
    await orders.unpaid('o-leader-r', 'leader-r', [GROUP_SKU]);
    const group = await zt.promotions.openGroup({ activityId, memberId: 'leader-r', orderId: 'o-leader-r' });
    await orders.pay('o-leader-r');
    const results = await Promise.all(Array.from({ length: 10 }, () => zt.promotions.confirmGroupPayment({ groupId: group.id, orderId: 'o-leader-r' })));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const [row] = await sql<{ paid: number; status: string }>('select paid, status from group_buy where id = ?', [group.id]);
    expect(row).toEqual({ paid: 1, status: 'open' });
  });
});

describe(`activity budgets under concurrent charges (${onServer ? 'PostgreSQL server' : 'PGlite, serialised'})`, () => {
  it('a budget of 1000.00, 50 charges of 30.00 at once: exactly 33 fit, the rest PROMOTION.BUDGET_EXHAUSTED, spent 990.00', { timeout: 60_000 }, async () => {
    const activityId = await published({ ...aFullReduction({ name: 'budgeted', startsAt: at(0), endsAt: at(7 * 24 * 60) }), budget: '1000.00' });
    const outcomes = await together(
      Array.from({ length: 50 }, (_, i) => () => zt.promotions.chargeBudget({ activityId, reference: `order-${i}`, amount: '30.00' })),
    );
    expect(outcomes.filter((o) => o === null)).toHaveLength(33);
    expect(new Set(outcomes.filter((o) => o !== null))).toEqual(new Set(['PROMOTION.BUDGET_EXHAUSTED']));
    expect((await zt.promotions.getActivity({ activityId })).budgetSpent.toString()).toBe('990.00');
    const [charges] = await sql<{ n: number }>('select count(*)::int as n from activity_budget_charge where activity_id = ?', [activityId]);
    expect(charges!.n).toBe(33);
  });
});

describe(`purchase limits under concurrent orders of one member (${onServer ? 'PostgreSQL server' : 'PGlite, serialised'})`, () => {
  it('限购 3 per member: 20 orders of 1 unit by one member at once → exactly 3 consume, 17 PROMOTION.PURCHASE_LIMIT_REACHED; used = 3', {
    timeout: 60_000,
  }, async () => {
    const activityId = await published({
      name: '秒杀 限购3件',
      rule: { kind: 'flash_sale', prices: [{ skuId: 'sku-hot', price: '1.00' }] },
      startsAt: at(0),
      endsAt: at(24 * 60),
      perMemberLimit: 3,
    });
    const outcomes = await together(
      Array.from({ length: 20 }, (_, i) => () => zt.promotions.consumePurchaseLimit({ activityId, memberId: 'buyer', reference: `order-${i}`, quantity: 1 })),
    );
    expect(outcomes.filter((o) => o === null)).toHaveLength(3);
    expect(outcomes.filter((o) => o !== null)).toEqual(Array(17).fill('PROMOTION.PURCHASE_LIMIT_REACHED'));
    const [row] = await sql<{ used: number; usage_limit: number }>(
      'select used, usage_limit from purchase_limit_usage where activity_id = ? and member_id = ?',
      [activityId, 'buyer'],
    );
    expect(row).toEqual({ used: 3, usage_limit: 3 });
    const [consumed] = await sql<{ n: number }>('select count(*)::int as n from purchase_limit_consumption where activity_id = ?', [activityId]);
    expect(consumed!.n).toBe(3);
    expect(await zt.promotions.purchaseAllowance({ activityId, memberId: 'buyer' })).toMatchObject({ limit: 3, used: 3, remaining: 0 });
  });

  it('the same order consuming 10 times at once counts once', { timeout: 60_000 }, async () => {
    const activityId = await published({
      name: '秒杀 replays',
      rule: { kind: 'flash_sale', prices: [{ skuId: 'sku-hot', price: '1.00' }] },
      startsAt: at(0),
      endsAt: at(24 * 60),
      perMemberLimit: 5,
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => zt.promotions.consumePurchaseLimit({ activityId, memberId: 'buyer', reference: 'order-r', quantity: 2 })),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.used === 2)).toBe(true);
  });
});
