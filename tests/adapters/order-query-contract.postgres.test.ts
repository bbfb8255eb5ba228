import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILL_ORDER_QUERY_COLUMNS } from '../../adapters/persistence/mikro-orm/ordering/migrations/Migration20261122130000_order_queries.js';
import { splitOrder } from '../../domain/ordering/split.js';
import { fixedCodes } from '../domain/ordering/order-mothers.js';
import { splitCase } from '../domain/ordering/order-arbitraries.js';
import { fileDatabase } from '../support/postgres.js';
import { inTx } from './contract/support.js';
import { orderQueryContract, placeOrder } from './order-query-contract.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';

const db = fileDatabase();

// Each property run empties the database: fewer runs than in memory (more with a server at hand).
orderQueryContract(db.name, async () => ({ fresh: db.fresh }), { runs: process.env.DATABASE_URL ? 20 : 15 });

describe('order query columns on PostgreSQL', () => {
  it('every save writes the query columns from the snapshot: kind, shop, placing and paying time, payable, leaf', async () => {
    const p = await db.fresh();
    const t = new Date('2025-06-18T12:00:00.000Z');
    const split = placeOrder('B', 'member-1', t, ['paid', 'unpaid']);
    const service = placeOrder('S', 'member-2', t, ['unpaid'], { kind: 'service' });
    await inTx(p, async (tx) => {
      for (const o of [split.top, ...split.leaves, service.top]) await tx.use(ORDERING_STORE).orders.save(o);
    });
    const columns = async () =>
      (await db.sql(
        `select id, kind, shop_id, placed_at = '2025-06-18T12:00:00Z' as placed, paid_at is not null as paid, payable::text as payable, is_leaf from sales_order order by id`,
      )) as Record<string, unknown>[];
    expect(await columns()).toEqual([
      { id: 'B', kind: 'goods', shop_id: null, placed: true, paid: false, payable: split.top.payable.toString(), is_leaf: false },
      { id: 'B-1', kind: 'goods', shop_id: 'shop-1', placed: true, paid: true, payable: split.leaves[0]!.payable.toString(), is_leaf: true },
      { id: 'B-2', kind: 'goods', shop_id: 'shop-2', placed: true, paid: false, payable: split.leaves[1]!.payable.toString(), is_leaf: true },
      { id: 'S', kind: 'service', shop_id: 'shop-1', placed: true, paid: false, payable: service.top.payable.toString(), is_leaf: true },
    ]);
    // An update (paying the service order) moves paid_at with it.
    await inTx(p, async (tx) => {
      const s = (await tx.use(ORDERING_STORE).orders.get('S'))!;
      s.pay({ paymentId: 'pay-S', at: new Date(t.getTime() + 60_000), codes: { next: () => 'CODE123456' } });
      await tx.use(ORDERING_STORE).orders.save(s);
    });
    expect((await columns()).find((r) => r.id === 'S')).toMatchObject({ paid: true });
  });

  it('property: the migration fills rows stored before it exactly as a save writes them (payable with every discount, splits with allocated amounts, paid or not)', {
    timeout: 120_000,
  }, async () => {
    const columns = async () => db.sql(`select id, kind, shop_id, placed_at, paid_at, payable::text as payable, is_leaf from sales_order order by id`);
    await fc.assert(
      fc.asyncProperty(splitCase, fc.boolean(), async ({ order, groups }, pay) => {
        const p = await db.fresh();
        const orders =
          groups.length >= 2
            ? (() => {
                const { parent, children } = splitOrder(order, groups, (i) => ({ id: `child-${i}`, number: `SO-C-${i}` }), order.toSnapshot().placedAt);
                return [parent, ...children];
              })()
            : [order];
        if (pay) orders.at(-1)!.pay({ paymentId: 'pay-1', at: new Date(order.toSnapshot().placedAt.getTime() + 60_000), codes: fixedCodes() });
        await inTx(p, async (tx) => {
          for (const o of orders) await tx.use(ORDERING_STORE).orders.save(o);
        });
        const saved = await columns();
        // Rows as an older version stored them: the query columns hold anything the CHECK allows.
        await db.sql(`update sales_order set kind = 'service', shop_id = 'x', placed_at = now(), paid_at = null, payable = 0, is_leaf = not is_leaf`);
        expect(await columns()).not.toEqual(saved);
        await db.sql(FILL_ORDER_QUERY_COLUMNS);
        expect(await columns()).toEqual(saved);
      }),
      { numRuns: 10 },
    );
  });

  it("the summary CHECK keeps the query columns filled for rows written behind the adapter's back", async () => {
    await db.fresh();
    await expect(
      db.sql(
        `insert into sales_order (id, number, member_id, parent_id, status, pay_by, snapshot, version) values ('o1', 'N1', 'm1', null, 'pending_payment', now(), '{}', 1)`,
      ),
    ).rejects.toThrow(/sales_order_summary_check/);
  });
});
