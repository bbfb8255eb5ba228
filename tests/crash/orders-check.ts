// After whatever happened (a SIGKILL, a database fault, a SIGTERM under load): every acknowledged order is
// whole, no order is half written and stock balances against its ledger.
import { expect } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { mikroOrmPersistence, type MikroOrmPersistenceOptions } from '../../adapters/persistence/mikro-orm/index.js';
import { ORDERING_JOB as JOB } from '../../application/ordering/index.js';
import { Money } from '../../domain/shared/money.js';
import { sumLines, type Acknowledged, type Skus } from './orders-world.js';

interface OrderRow {
  id: string;
  parent_id: string | null;
  member_id: string;
  status: string;
}

export type Sql = <R>(text: string, params?: unknown[]) => Promise<R[]>;

/**
 * Every acknowledged order is there as placed (its children, ORD-5, its lines and payables); no order is
 * half written (every order has its children, its lines' stock locks and its timeout job, and its
 * member's cart lost exactly the ordered lines; nothing locked or scheduled belongs to no order); the
 * events were stored with the orders; stock balances against its ledger (INV-4) in every layer, and what
 * is locked is what the orders hold. Answers the orders in the database.
 */
export async function expectOrdersWhole(zt: Zhongtai, sql: Sql, acked: readonly Acknowledged[], skus: Skus): Promise<{ orders: OrderRow[]; tops: OrderRow[] }> {
  for (const a of acked) {
    const order = await zt.orderQueries.staffGet({ orderId: a.orderId });
    expect(order.status).toBe('pending_payment');
    expect(order.amounts.payable.toString()).toBe(a.payable);
    expect(sumLines(order.lines)).toEqual(a.lines);
    expect(order.children.map((c) => c.id).sort()).toEqual(a.children.map((c) => c.orderId).sort());
    expect(a.children.length).toBe(2); // two shops: every order splits
    const childLines: { skuId: string; quantity: number }[] = [];
    for (const c of a.children) {
      const child = await zt.orderQueries.staffGet({ orderId: c.orderId });
      expect(child.amounts.payable.toString()).toBe(c.payable);
      childLines.push(...child.lines);
    }
    expect(sumLines(childLines)).toEqual(a.lines);
    expect(Money.sum(a.children.map((c) => Money.of(c.payable))).toString()).toBe(a.payable);
  }

  const orders = await sql<OrderRow>('select id, parent_id, member_id, status from sales_order');
  const tops = orders.filter((o) => o.parent_id === null);
  const locks = await sql<{ reference: string; sku_id: string; quantity: number }>(
    `select reference, sku_id, quantity from stock_movement where kind = 'lock'`,
  );
  const lockOf = new Map(locks.map((l) => [l.reference, Number(l.quantity)]));
  const jobs = await sql<{ key: string; done_at: string | null }>('select key, done_at from job where kind = ?', [JOB.PAYMENT_TIMEOUT]);
  const jobKeys = new Set(jobs.map((j) => j.key));
  const leafIds = new Set<string>();
  const expectedLocked: Record<string, number> = {};
  for (const top of tops) {
    const order = await zt.orderQueries.staffGet({ orderId: top.id });
    expect(order.childIds).toHaveLength(2);
    expect(
      orders
        .filter((o) => o.parent_id === top.id)
        .map((o) => o.id)
        .sort(),
    ).toEqual([...order.childIds].sort());
    const childLines: { skuId: string; quantity: number }[] = [];
    for (const childId of order.childIds) {
      const child = await zt.orderQueries.staffGet({ orderId: childId });
      leafIds.add(childId);
      childLines.push(...child.lines);
      expect(jobKeys.has(`${JOB.PAYMENT_TIMEOUT}:${childId}`)).toBe(true);
      for (const l of child.lines) {
        expect(lockOf.get(`${childId}:${l.skuId}`)).toBe(l.quantity);
        expectedLocked[l.skuId] = (expectedLocked[l.skuId] ?? 0) + l.quantity;
      }
    }
    expect(sumLines(childLines)).toEqual(sumLines(order.lines));
    const cart = await zt.cart.view({ owner: { kind: 'member', id: top.member_id } });
    const left = cart.shops.flatMap((s) => s.groups.flatMap((g) => g.lines.map((l) => l.skuId)));
    expect(left.filter((skuId) => order.lines.some((l) => l.skuId === skuId))).toEqual([]);
  }
  expect(orders.length).toBe(tops.length + leafIds.size);
  expect(locks.filter((l) => !leafIds.has(l.reference.split(':')[0]!))).toEqual([]);
  expect(jobs.filter((j) => !leafIds.has(j.key.slice(JOB.PAYMENT_TIMEOUT.length + 1)))).toEqual([]);
  // The events were stored with the orders (outbox, same transaction): one `order.placed` per order, one `order.split` per parent.
  const events = await sql<{ type: string; aggregate_id: string }>(`select type, aggregate_id from outbox where type like 'order.%'`);
  expect(
    events
      .filter((e) => e.type === 'order.placed')
      .map((e) => e.aggregate_id)
      .sort(),
  ).toEqual(orders.map((o) => o.id).sort());
  expect(
    events
      .filter((e) => e.type === 'order.split')
      .map((e) => e.aggregate_id)
      .sort(),
  ).toEqual(tops.map((o) => o.id).sort());

  expect(await zt.inventory.checkStockConsistency()).toEqual([]);
  expect(await zt.inventory.checkLayeredStockConsistency()).toEqual([]);
  for (const skuId of [...skus.shopA, ...skus.platform]) expect((await zt.inventory.viewStock({ skuId })).locked).toBe(expectedLocked[skuId] ?? 0);
  return { orders, tops };
}

/**
 * Opens the database after the service is gone and checks `expectOrdersWhole`, and that it holds exactly
 * the acknowledged orders: every placing was answered (one whose answer was lost got it again through
 * its Idempotency-Key), so none committed unacknowledged.
 */
export async function expectExactlyTheAcknowledgedOrders(options: MikroOrmPersistenceOptions, acked: readonly Acknowledged[], skus: Skus): Promise<void> {
  const p = await mikroOrmPersistence({ ...options, migrate: false, poolSize: 2 });
  try {
    const sql: Sql = (text, params = []) => p.orm.em.fork().execute(text, params);
    const { tops } = await expectOrdersWhole(createZhongtai({ persistence: p }), sql, acked, skus);
    expect(tops.length).toBe(acked.length);
    expect(new Set(acked.map((a) => a.orderId)).size).toBe(acked.length);
  } finally {
    await p.close();
  }
}
