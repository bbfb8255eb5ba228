import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GetMemberOrder } from '../../application/ordering/index.js';
import { Order, type OrderLine } from '../../domain/ordering/order.js';
import { orderSummary, type OrderPage, type OrderSearch } from '../../domain/ordering/queries.js';
import { splitOrder } from '../../domain/ordering/split.js';
import type { OrderStatus } from '../../domain/ordering/status.js';
import { Money } from '../../domain/shared/money.js';
import { aLine, COMMON, DAY, fixedCodes, m, MINUTE, newOrder, T0 } from '../domain/ordering/order-mothers.js';
import { codeOf, contractPersistence, inTx, plain, RecordingPublisher, type ContractBackend } from './contract/support.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';

/** What happens to a leaf order after it is placed, one minute apart from step to step. */
export type Fate = 'unpaid' | 'cancelled' | 'timeout' | 'paid' | 'shipped' | 'completed' | 'closed';
const FATES: readonly Fate[] = ['unpaid', 'cancelled', 'timeout', 'paid', 'shipped', 'completed', 'closed'];
const PAID_FATES: readonly Fate[] = ['paid', 'shipped', 'completed', 'closed'];

const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MINUTE);
const codes = fixedCodes();

/** Moves a placed leaf order along its fate with the domain's own commands. */
function live(o: Order, fate: Fate, placedAt: Date): void {
  const step = (n: number) => plus(placedAt, n);
  if (fate === 'cancelled') return o.cancel({ by: 'member', memberId: o.memberId, at: step(1), reason: 'changed my mind' });
  if (fate === 'timeout') return void o.expireIfUnpaid(step(30));
  if (fate === 'unpaid') return;
  o.pay({ paymentId: `pay-${o.id}`, at: step(1), codes });
  if (fate === 'closed') return o.close({ reason: 'cancelled_after_payment', at: step(2) });
  if (fate === 'paid') return;
  if (o.kind === 'service') {
    if (fate === 'completed') o.redeem({ code: o.toSnapshot().verification!.code, shopId: o.lines[0]!.shopId, at: step(3) });
    return;
  }
  o.ship({ carrier: 'SF', trackingNumber: `SF-${o.id}`, at: step(2), autoConfirmAt: step(2 + 10 * 24 * 60) });
  if (fate === 'completed') o.confirmReceipt(o.memberId, step(3));
}

export interface PlacedOrder {
  /** The top-level order (a split parent, or an unsplit order). */
  readonly top: Order;
  /** What members see and pay: the children of a split, else the order itself. */
  readonly leaves: readonly Order[];
}

/**
 * A top-level order of `memberId` placed at `placedAt`; split by shop into one child per fate when
 * `fates` has two or more, else unsplit with the one fate. Lines: one per child shop.
 */
export function placeOrder(
  id: string,
  memberId: string,
  placedAt: Date,
  fates: readonly Fate[],
  o: { cents?: readonly number[]; kind?: 'goods' | 'service'; freight?: string } = {},
): PlacedOrder {
  const kind = o.kind ?? 'goods';
  const lines: OrderLine[] = fates.map((_, i) =>
    aLine(`L${i + 1}`, Money.fromMinor(o.cents?.[i] ?? 1000 + i).toString(), i + 1, {
      shopId: `shop-${i + 1}`,
      title: `${id} item ${i + 1}`,
      image: i === 0 ? `https://img/${id}.png` : null,
    }),
  );
  const top = Order.place(
    newOrder({
      id,
      number: `SO-${id}`,
      kind,
      placedAt,
      payBy: plus(placedAt, 30),
      lines,
      common: { ...COMMON, memberId, consignee: kind === 'service' ? null : COMMON.consignee },
      freight: m(kind === 'service' ? '0.00' : (o.freight ?? '6.00')),
    }),
  );
  if (fates.length < 2) {
    live(top, fates[0] ?? 'unpaid', placedAt);
    return { top, leaves: [top] };
  }
  const { children } = splitOrder(
    top,
    lines.map((l) => ({ warehouseId: null, lines: [{ lineId: l.lineId, quantity: l.quantity }] })),
    (i) => ({ id: `${id}-${i + 1}`, number: `SO-${id}-${i + 1}` }),
    placedAt,
  );
  children.forEach((c, i) => live(c, fates[i]!, placedAt));
  top.followChildren(
    children.map((c) => c.status),
    plus(placedAt, 5),
  );
  return { top, leaves: children };
}

async function saveAll(p: Parameters<typeof inTx>[0], orders: readonly PlacedOrder[]): Promise<void> {
  await inTx(p, async (tx) => {
    for (const o of orders) for (const x of [o.top, ...(o.leaves.includes(o.top) ? [] : o.leaves)]) await tx.use(ORDERING_STORE).orders.save(x);
  });
}

/** Every page of a listing, at `pageSize`, until a page comes back empty. */
async function allPages(read: (page: number) => Promise<OrderPage>): Promise<{ ids: string[]; totals: number[]; pages: number }> {
  const ids: string[] = [];
  const totals: number[] = [];
  for (let page = 1; ; page++) {
    const p = await read(page);
    totals.push(p.total);
    if (p.items.length === 0) return { ids, totals, pages: page };
    ids.push(...p.items.map((s) => s.id));
  }
}

const minute = (n: number) => plus(T0, n);
const PERIOD_DAYS = 10;
const LOOKBACK_MINUTES = 365 * 24 * 60;

/** The statistics of a period straight from what the generator made: no SQL, no adapter, no domain aggregation. */
export function modelStatistics(orders: readonly PlacedOrder[], from: Date, to: Date) {
  const inPeriod = (d: Date) => d >= from && d < to;
  const tops = orders.filter((o) => inPeriod(o.top.toSnapshot().placedAt));
  const isPaid = (leaf: Order) => leaf.toSnapshot().payment !== null;
  const paidTops = tops.filter((o) => o.leaves.some(isPaid));
  let gmvCents = 0n;
  const firstPaid = new Map<string, number>();
  for (const o of orders) {
    for (const leaf of o.leaves) {
      const placedAt = leaf.toSnapshot().placedAt;
      if (!isPaid(leaf) || !inPeriod(placedAt)) continue;
      gmvCents += leaf.payable.toMinor();
      const before = firstPaid.get(leaf.memberId);
      if (before === undefined || placedAt.getTime() < before) firstPaid.set(leaf.memberId, placedAt.getTime());
    }
  }
  let returning = 0;
  for (const [member, first] of firstPaid) {
    const earlier = orders
      .flatMap((o) => o.leaves)
      .filter((l) => l.memberId === member && isPaid(l))
      .map((l) => l.toSnapshot().placedAt.getTime());
    if (earlier.some((t) => t < first && first - t <= LOOKBACK_MINUTES * MINUTE)) returning += 1;
  }
  const paid = BigInt(paidTops.length);
  const avgCents = paid === 0n ? 0n : (2n * gmvCents + paid) / (2n * paid); // half-up
  const money = (cents: bigint) => Money.fromMinor(cents).toString();
  return {
    from,
    to,
    orders: tops.length,
    paidOrders: paidTops.length,
    gmv: money(gmvCents),
    averageOrderValue: money(avgCents),
    orderingMembers: new Set(tops.map((o) => o.top.memberId)).size,
    payingMembers: firstPaid.size,
    newPayingMembers: firstPaid.size - returning,
    returningPayingMembers: returning,
  };
}

/**
 * The ordering read side (`tx.use(ORDERING_STORE).orderQueries`), written once and run against each adapter: members'
 * lists and details, staff search, and the period statistics against a plain computation.
 */
export function orderQueryContract(name: string, backend: () => Promise<ContractBackend>, o: { runs: number }): void {
  describe(`order queries contract — ${name}`, () => {
    const p = contractPersistence(backend);
    let ready: Promise<ContractBackend> | undefined;
    const fresh = async () => (await (ready ??= backend())).fresh();

    /** member-1: A (at 0, unpaid), B (at 10, split into a paid and an unpaid child), C (at 5, shipped), a service order S (at 7, redeemed); member-2: D (at 10). */
    const fixture = () => [
      placeOrder('A', 'member-1', minute(0), ['unpaid']),
      placeOrder('B', 'member-1', minute(10), ['paid', 'unpaid']),
      placeOrder('C', 'member-1', minute(5), ['shipped']),
      placeOrder('S', 'member-1', minute(7), ['completed'], { kind: 'service' }),
      placeOrder('D', 'member-2', minute(10), ['completed']),
    ];

    describe('memberOrders', () => {
      it("a member sees their leaf orders (children, never the split parent), newest placed first then by number, with summaries equal to the domain's", async () => {
        const orders = fixture();
        await saveAll(p(), orders);
        const list = await inTx(p(), (tx) => tx.use(ORDERING_STORE).orderQueries.memberOrders('member-1', { page: 1, pageSize: 20 }));
        expect(list.items.map((s) => s.number)).toEqual(['SO-B-1', 'SO-B-2', 'SO-S', 'SO-C', 'SO-A']);
        expect([list.total, list.page, list.pageSize]).toEqual([5, 1, 20]);
        const snapshots = new Map(orders.flatMap((x) => x.leaves).map((l) => [l.id, l.toSnapshot()]));
        for (const item of list.items) expect(plain(item)).toEqual(plain(orderSummary(snapshots.get(item.id)!)));
        expect(plain(list.items[0])).toEqual({
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
        expect(list.items[1]).toMatchObject({ itemCount: 2, title: 'B item 2', image: null, status: 'pending_payment' });
      });

      it('filters by status; another member sees only their own orders', async () => {
        await saveAll(p(), fixture());
        const of = (memberId: string, status?: OrderStatus) =>
          inTx(p(), (tx) => tx.use(ORDERING_STORE).orderQueries.memberOrders(memberId, { page: 1, pageSize: 20, ...(status ? { status } : {}) }));
        expect((await of('member-1', 'pending_payment')).items.map((s) => s.id)).toEqual(['B-2', 'A']);
        expect((await of('member-1', 'shipped')).items.map((s) => s.id)).toEqual(['C']);
        expect((await of('member-1', 'completed')).items.map((s) => s.id)).toEqual(['S']);
        expect((await of('member-1', 'cancelled')).items).toEqual([]);
        const theirs = await of('member-2');
        expect([theirs.items.map((s) => s.id), theirs.total]).toEqual([['D'], 1]);
        expect(await of('member-9')).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
      });

      it('a page past the end is empty but still counts the total', async () => {
        await saveAll(p(), fixture());
        const page = await inTx(p(), (tx) => tx.use(ORDERING_STORE).orderQueries.memberOrders('member-1', { page: 4, pageSize: 2 }));
        expect(page).toEqual({ items: [], total: 5, page: 4, pageSize: 2 });
      });

      it("property: paging through a member's orders yields every leaf order of theirs exactly once, in list order, with the same total on every page; no one else's", {
        timeout: 120_000,
      }, async () => {
        const spec = fc.record({
          member: fc.integer({ min: 0, max: 2 }),
          at: fc.integer({ min: 0, max: 4 }),
          fates: fc.oneof(
            fc.constantFrom(...FATES).map((f) => [f]),
            fc.array(fc.constantFrom(...FATES), { minLength: 2, maxLength: 3 }),
          ),
        });
        await fc.assert(
          fc.asyncProperty(fc.array(spec, { maxLength: 14 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 2 }), async (specs, pageSize, who) => {
            const persistence = await fresh();
            const orders = specs.map((s, i) => placeOrder(`o${i}`, `member-${s.member}`, minute(s.at), s.fates));
            await saveAll(persistence, orders);
            const member = `member-${who}`;
            const pages = await allPages((page) => inTx(persistence, (tx) => tx.use(ORDERING_STORE).orderQueries.memberOrders(member, { page, pageSize })));
            const mine = orders
              .flatMap((x) => x.leaves)
              .filter((l) => l.memberId === member)
              .map((l) => l.toSnapshot());
            const expected = [...mine].sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime() || (a.number < b.number ? -1 : 1)).map((s) => s.id);
            expect(pages.ids).toEqual(expected);
            expect(new Set(pages.ids).size).toBe(pages.ids.length);
            expect(new Set(pages.totals)).toEqual(new Set([mine.length]));
            expect(pages.pages).toBe(Math.ceil(mine.length / pageSize) + 1);
          }),
          { numRuns: o.runs },
        );
      });
    });

    describe('detail', () => {
      it('a split parent: its snapshot and amounts, its children as summaries by number, its own timeline (placed)', async () => {
        const orders = fixture();
        await saveAll(p(), orders);
        const d = (await inTx(p(), (tx) => tx.use(ORDERING_STORE).orderQueries.detail('B')))!;
        expect(d).toMatchObject({ id: 'B', number: 'SO-B', childIds: ['B-1', 'B-2'], status: 'pending_payment' });
        expect(d.amounts.payable.equals(orders[1]!.top.payable)).toBe(true);
        expect(d.children.map((c) => [c.number, c.status])).toEqual([
          ['SO-B-1', 'pending_shipment'],
          ['SO-B-2', 'pending_payment'],
        ]);
        expect(plain(d.children)).toEqual(plain(orders[1]!.leaves.map((l) => orderSummary(l.toSnapshot()))));
        expect(plain(d.timeline)).toEqual([{ at: minute(10).toISOString(), event: 'placed', detail: {} }]);
        expect(await inTx(p(), (tx) => tx.use(ORDERING_STORE).orderQueries.detail('nope'))).toBeNull();
      });

      it('the timeline of a goods order: placed, paid, shipped, received, completed; of a service order: placed, paid, verification issued, redeemed, completed; cancellations and closures with who and why', async () => {
        const cancelled = placeOrder('X', 'member-1', minute(20), ['cancelled']);
        const closed = placeOrder('Y', 'member-1', minute(30), ['closed']);
        await saveAll(p(), [...fixture(), cancelled, closed]);
        const timeline = async (id: string) => plain((await inTx(p(), (tx) => tx.use(ORDERING_STORE).orderQueries.detail(id)))!.timeline);
        expect(await timeline('C')).toEqual([
          { at: minute(5).toISOString(), event: 'placed', detail: {} },
          { at: minute(6).toISOString(), event: 'paid', detail: { paymentId: 'pay-C' } },
          { at: minute(7).toISOString(), event: 'shipped', detail: { carrier: 'SF', trackingNumber: 'SF-C' } },
        ]);
        expect(await timeline('D')).toEqual([
          { at: minute(10).toISOString(), event: 'placed', detail: {} },
          { at: minute(11).toISOString(), event: 'paid', detail: { paymentId: 'pay-D' } },
          { at: minute(12).toISOString(), event: 'shipped', detail: { carrier: 'SF', trackingNumber: 'SF-D' } },
          { at: minute(13).toISOString(), event: 'received', detail: { by: 'member' } },
          { at: minute(13).toISOString(), event: 'completed', detail: {} },
        ]);
        expect(await timeline('S')).toEqual([
          { at: minute(7).toISOString(), event: 'placed', detail: {} },
          { at: minute(8).toISOString(), event: 'paid', detail: { paymentId: 'pay-S' } },
          { at: minute(8).toISOString(), event: 'verification_issued', detail: {} },
          { at: minute(10).toISOString(), event: 'redeemed', detail: { shopId: 'shop-1' } },
          { at: minute(10).toISOString(), event: 'completed', detail: {} },
        ]);
        expect(await timeline('X')).toEqual([
          { at: minute(20).toISOString(), event: 'placed', detail: {} },
          { at: minute(21).toISOString(), event: 'cancelled', detail: { by: 'member', reason: 'changed my mind' } },
        ]);
        expect(await timeline('Y')).toEqual([
          { at: minute(30).toISOString(), event: 'placed', detail: {} },
          { at: minute(31).toISOString(), event: 'paid', detail: { paymentId: 'pay-Y' } },
          { at: minute(32).toISOString(), event: 'closed', detail: { reason: 'cancelled_after_payment' } },
        ]);
        const child = (await inTx(p(), (tx) => tx.use(ORDERING_STORE).orderQueries.detail('B-1')))!;
        expect([child.parentId, child.children, child.verification]).toEqual(['B', [], null]);
      });

      it('another member never sees an order: GetMemberOrder answers ORDER.NOT_FOUND, exactly as for an order that does not exist', async () => {
        await saveAll(p(), fixture());
        const get = new GetMemberOrder({ uow: p().unitOfWork(new RecordingPublisher()) });
        expect((await get.execute({ memberId: 'member-2', orderId: 'D' })).number).toBe('SO-D');
        expect((await get.execute({ memberId: 'member-1', orderId: 'B' })).children).toHaveLength(2);
        for (const orderId of ['A', 'B', 'B-1', 'C', 'S']) expect(await codeOf(get.execute({ memberId: 'member-2', orderId }))).toBe('ORDER.NOT_FOUND');
        expect(await codeOf(get.execute({ memberId: 'member-1', orderId: 'D' }))).toBe('ORDER.NOT_FOUND');
        expect(await codeOf(get.execute({ memberId: 'member-1', orderId: 'nope' }))).toBe('ORDER.NOT_FOUND');
      });
    });

    describe('search', () => {
      const search = (q: Omit<OrderSearch, 'page' | 'pageSize'>, page = 1, pageSize = 20) =>
        inTx(p(), async (tx) => (await tx.use(ORDERING_STORE).orderQueries.search({ ...q, page, pageSize })).items.map((s) => s.id));

      it("staff search leaf orders by number (a parent's number finds its children), member, status, shop and a [from, to) window, newest first", async () => {
        await saveAll(p(), fixture());
        expect(await search({})).toEqual(['B-1', 'B-2', 'D', 'S', 'C', 'A']);
        expect(await search({ number: 'SO-C' })).toEqual(['C']);
        expect(await search({ number: 'SO-B' })).toEqual(['B-1', 'B-2']);
        expect(await search({ number: 'SO-B-2' })).toEqual(['B-2']);
        expect(await search({ number: 'SO-none' })).toEqual([]);
        expect(await search({ memberId: 'member-2' })).toEqual(['D']);
        expect(await search({ status: 'pending_payment' })).toEqual(['B-2', 'A']);
        expect(await search({ shopId: 'shop-2' })).toEqual(['B-2']);
        expect(await search({ shopId: 'shop-1', memberId: 'member-1', status: 'pending_shipment' })).toEqual(['B-1']);
        expect(await search({ placedFrom: minute(5), placedTo: minute(10) })).toEqual(['S', 'C']);
        expect(await search({ placedFrom: minute(10) })).toEqual(['B-1', 'B-2', 'D']);
        expect(await search({ placedTo: minute(5) })).toEqual(['A']);
        expect(await search({}, 2, 4)).toEqual(['C', 'A']);
        const page = await inTx(p(), (tx) => tx.use(ORDERING_STORE).orderQueries.search({ memberId: 'member-1', page: 1, pageSize: 2 }));
        expect([page.total, page.items.length]).toEqual([5, 2]);
      });
    });

    describe('statistics', () => {
      const stats = (from: Date, to: Date) => inTx(p(), (tx) => tx.use(ORDERING_STORE).orderQueries.statistics({ from, to }));

      it('a worked period: orders, paid orders, GMV, average half-up, ordering and paying members, new vs returning over exactly 365 days', async () => {
        const from = T0;
        const to = new Date(T0.getTime() + PERIOD_DAYS * DAY);
        const year = LOOKBACK_MINUTES;
        const orders = [
          // In the period.
          placeOrder('p1', 'ann', minute(60), ['paid'], { cents: [10_000], freight: '0.01' }), // 100.01
          placeOrder('p2', 'ann', minute(120), ['cancelled']),
          placeOrder('p3', 'bob', minute(0), ['completed', 'unpaid', 'closed'], { cents: [2_000, 3_000, 4_000], freight: '0.00' }), // 20.00 + 120.00 (closed: paid)
          placeOrder('p4', 'cid', minute(30), ['unpaid']),
          placeOrder('p5', 'dan', minute(PERIOD_DAYS * 24 * 60 - 1), ['shipped'], { cents: [999], freight: '0.00' }), // 9.99
          placeOrder('p6', 'eve', minute(90), ['paid'], { cents: [1], freight: '0.00' }), // 0.01
          // Not in the period.
          placeOrder('after', 'cid', minute(PERIOD_DAYS * 24 * 60), ['paid']),
          placeOrder('ann-old', 'ann', minute(60 - year), ['completed']), // exactly 365 days before her first paid order: returning
          placeOrder('bob-old', 'bob', minute(-year - 1), ['paid']), // 365 days and a minute before: too old
          placeOrder('dan-old', 'dan', minute(-5), ['cancelled']), // not paid
          placeOrder('eve-old', 'eve', minute(-20 * 24 * 60), ['closed']), // closed counts as paid: returning
        ];
        await saveAll(p(), orders);
        expect(await stats(from, to)).toEqual({
          from,
          to,
          orders: 6,
          paidOrders: 4,
          gmv: '250.01',
          averageOrderValue: '62.50', // 250.01 / 4 = 62.5025
          orderingMembers: 5,
          payingMembers: 4,
          newPayingMembers: 2,
          returningPayingMembers: 2,
        });
        expect(await stats(from, to)).toEqual(modelStatistics(orders, from, to));
        const quiet = new Date(T0.getTime() - 100 * DAY);
        expect(await stats(quiet, new Date(quiet.getTime() + DAY))).toMatchObject({
          orders: 0,
          paidOrders: 0,
          gmv: '0.00',
          averageOrderValue: '0.00',
          payingMembers: 0,
        });
      });

      it('the average rounds half-up to the cent: 0.05 over 2 paid orders is 0.03', async () => {
        await saveAll(p(), [
          placeOrder('h1', 'ann', minute(1), ['paid'], { cents: [2], freight: '0.00' }),
          placeOrder('h2', 'bob', minute(2), ['paid'], { cents: [3], freight: '0.00' }),
        ]);
        expect(await stats(T0, minute(10))).toMatchObject({ paidOrders: 2, gmv: '0.05', averageOrderValue: '0.03' });
      });

      it('property: the statistics equal a plain computation over the same orders (members, times around the period and the 365-day edge, statuses, splits)', {
        timeout: 180_000,
      }, async () => {
        const periodMinutes = PERIOD_DAYS * 24 * 60;
        // Minutes from the period's start; the first few minutes of the period and the same few a year
        // earlier come up often, so look-backs of exactly 365 days (returning) and a minute more (new) do.
        const placedAt = fc.oneof(
          { arbitrary: fc.integer({ min: 0, max: 2 }), weight: 4 },
          { arbitrary: fc.integer({ min: -LOOKBACK_MINUTES - 1, max: -LOOKBACK_MINUTES + 2 }), weight: 4 },
          { arbitrary: fc.integer({ min: 0, max: 30 }), weight: 1 },
          { arbitrary: fc.constantFrom(periodMinutes - 1, periodMinutes, periodMinutes + 1), weight: 1 },
          { arbitrary: fc.integer({ min: -20 * 24 * 60, max: -1 }), weight: 1 },
          { arbitrary: fc.integer({ min: -800 * 24 * 60, max: -400 * 24 * 60 }), weight: 1 },
        );
        const spec = fc.record({
          member: fc.integer({ min: 0, max: 2 }),
          at: placedAt,
          kind: fc.constantFrom('goods' as const, 'goods' as const, 'service' as const),
          fates: fc.oneof(
            fc.constantFrom(...FATES).map((f) => [f]),
            fc.array(fc.constantFrom(...PAID_FATES, ...FATES), { minLength: 2, maxLength: 3 }),
          ),
          cents: fc.array(fc.integer({ min: 1, max: 99_999 }), { minLength: 3, maxLength: 3 }),
        });
        await fc.assert(
          fc.asyncProperty(fc.array(spec, { minLength: 4, maxLength: 16 }), async (specs) => {
            const persistence = await fresh();
            const orders = specs.map((s, i) =>
              placeOrder(`q${i}`, `member-${s.member}`, minute(s.at), s.kind === 'service' ? s.fates.slice(0, 1) : s.fates, { kind: s.kind, cents: s.cents }),
            );
            await saveAll(persistence, orders);
            const from = T0;
            const to = minute(periodMinutes);
            const got = await inTx(persistence, (tx) => tx.use(ORDERING_STORE).orderQueries.statistics({ from, to }));
            expect(got).toEqual(modelStatistics(orders, from, to));
            expect(got.newPayingMembers + got.returningPayingMembers).toBe(got.payingMembers);
          }),
          { numRuns: o.runs },
        );
      });
    });
  });
}
