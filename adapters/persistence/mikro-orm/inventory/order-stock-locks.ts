import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderStockLockRequest, OrderStockLocks, StockChangeResult } from '../../../../application/inventory/index.js';
import type { EventPublisher } from '../../../../application/shared/unit-of-work.js';
import { assertReplayOf, type StockMovement } from '../../../../domain/inventory/movement.js';
import { allows, applyDelta, deltaOf, lowStockEvents, rejection, type SalesStock, type StockOperation } from '../../../../domain/inventory/sales-stock.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { DomainEvent } from '../../../../domain/shared/domain-event.js';
import { rethrowTranslated, TxScope } from '../db.js';
import { publishStored, writeAtCommit } from '../outbox.js';
import { MikroOrmJobs } from '../jobs.js';
import { subscriptionJobs, type EventRouting } from '../../../../application/shared/subscriptions.js';
import { movementFromRow, stockFromRow, type MovementRow, type StockRow } from './sales-stocks.js';
import type { SqlSessionPool, StatementObserver } from '../sql-session.js';

interface Waiting {
  readonly request: OrderStockLockRequest;
  readonly resolve: (results: StockChangeResult[]) => void;
  readonly reject: (error: unknown) => void;
}

export interface BatchingOptions {
  /** Batches in flight at once, each on its own connection (default 4). */
  readonly concurrency?: number;
  /** Orders per batch at most (default 256). */
  readonly maxBatch?: number;
}

/**
 * Order stock locks on PostgreSQL, committed in batches (group commit, decision 0011). Orders that
 * arrive while `concurrency` batches are in flight wait together; the next batch takes them all in
 * arrival order and, in ONE transaction:
 *
 * 1. locks their stock rows with `SELECT … ORDER BY sku_id FOR UPDATE` (one global lock order: two
 *    batches, or a batch and a single-order transaction, cannot deadlock) and reads the movements
 *    their references already have (INV-5 replays);
 * 2. decides each order with the domain's own rule (`allows`, `rejection`) against the locked rows,
 *    carrying every accepted order's effect to the next: all lines of an order or none (INV-3);
 * 3. writes the accepted locks with one statement (movements, holds, counters) and the low-stock
 *    events to the outbox, then commits once.
 *
 * A refused order gets its own error and does not disturb the others; a failure of the batch itself
 * (a lock timeout, a lost connection) fails every order in it with that error, and nothing of it is
 * written. The CHECK constraint on `sales_stock` still backs INV-3.
 */
export class BatchingOrderStockLocks implements OrderStockLocks {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private readonly concurrency: number;
  private readonly maxBatch: number;

  constructor(
    private readonly sessions: SqlSessionPool,
    private readonly em: EntityManager,
    private readonly publisher: EventPublisher,
    private readonly onPublishError: (error: unknown) => void,
    options: BatchingOptions = {},
    private readonly observe?: StatementObserver,
    /** Event ids and subscriptions, as in every unit of work (issue #13). */
    private readonly routing?: EventRouting,
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.maxBatch = options.maxBatch ?? 256;
  }

  lock(request: OrderStockLockRequest): Promise<StockChangeResult[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    let decided: Decided[];
    let events: DomainEvent[] = [];
    let ids: string[] = [];
    const session = await this.sessions.connect().catch((error: unknown) => {
      for (const w of batch) w.reject(error);
      return undefined;
    });
    if (!session) return;
    let broken = false;
    const scope = new TxScope(session, this.em, this.observe, this.routing?.ids);
    try {
      await scope.begin();
      decided = await decide(
        scope,
        batch.map((w) => w.request),
      );
      scope.record(decided.flatMap((d) => (d.outcome === 'locked' ? d.events : [])));
      events = scope.events;
      await write(scope, decided);
      for (const job of subscriptionJobs(events, this.routing?.table ?? new Map())) await new MikroOrmJobs(scope).schedule(job);
      ids = (await writeAtCommit(scope)).ids;
      await session.query('commit', []).catch(rethrowTranslated);
    } catch (error) {
      if (scope.begun) await session.query('rollback', []).catch(() => (broken = true));
      for (const w of batch) w.reject(error);
      return;
    } finally {
      session.release(broken);
    }
    batch.forEach((w, i) => {
      const d = decided[i]!;
      if (d.outcome === 'refused') w.reject(d.error);
      else w.resolve(d.results);
    });
    if (ids.length > 0) await publishStored(this.em.fork(), this.publisher, events, ids).catch(this.onPublishError);
  }
}

type Decided =
  | { readonly outcome: 'locked'; readonly results: StockChangeResult[]; readonly fresh: StockMovement[]; readonly events: DomainEvent[] }
  | { readonly outcome: 'refused'; readonly error: unknown };

const key = (skuId: string, reference: string) => `${skuId}\u0000${reference}`;

/** Steps 1 and 2: lock the rows, then judge the orders one after another against them. */
async function decide(scope: TxScope, requests: readonly OrderStockLockRequest[]): Promise<Decided[]> {
  const lines = requests.flatMap((r) => r.lines);
  const skuIds = [...new Set(lines.map((l) => l.skuId))];
  const rows = await scope.rows<StockRow>('select * from sales_stock where sku_id = any(?::text[]) order by sku_id collate "C" for update', [skuIds]);
  const stocks = new Map(rows.map((r) => [r.sku_id, stockFromRow(r)]));
  const earlier = await scope.rows<MovementRow>(
    `select m.* from stock_movement m join unnest(?::text[], ?::text[]) as k(sku_id, reference) using (sku_id, reference) where m.kind = 'lock'`,
    [lines.map((l) => l.skuId), lines.map((l) => l.reference)],
  );
  const movements = new Map(earlier.map((r) => [key(r.sku_id, r.reference), movementFromRow(r)]));

  return requests.map((request): Decided => {
    try {
      const results: StockChangeResult[] = [];
      const fresh: StockMovement[] = [];
      const events: DomainEvent[] = [];
      const next = new Map<string, SalesStock>();
      for (const line of request.lines) {
        const op: StockOperation = { kind: 'lock', quantity: line.quantity };
        const current = next.get(line.skuId) ?? stocks.get(line.skuId);
        if (!current) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${line.skuId} has no stock record`, { skuId: line.skuId });
        const first = movements.get(key(line.skuId, line.reference));
        if (first) {
          results.push({ movement: assertReplayOf(first, op), replayed: true, stock: current });
          continue;
        }
        if (!allows(current, op)) throw rejection(current, op);
        const delta = deltaOf(op);
        const after = applyDelta(current, delta);
        const movement: StockMovement = {
          id: line.movementId,
          skuId: line.skuId,
          kind: 'lock',
          reference: line.reference,
          lockReference: line.reference,
          pool: null,
          quantity: line.quantity,
          delta,
          at: request.at,
        };
        next.set(line.skuId, after);
        fresh.push(movement);
        events.push(...lowStockEvents(current, after, request.at));
        results.push({ movement, replayed: false, stock: after });
      }
      // Accepted: its effect is what the next order in the batch is judged against.
      for (const [skuId, after] of next) stocks.set(skuId, after);
      for (const m of fresh) movements.set(key(m.skuId, m.reference), m);
      return { outcome: 'locked', results, fresh, events };
    } catch (error) {
      return { outcome: 'refused', error };
    }
  });
}

/** Step 3: every accepted lock of the batch in one statement. */
async function write(scope: TxScope, decided: readonly Decided[]): Promise<void> {
  const fresh = decided.flatMap((d) => (d.outcome === 'locked' ? d.fresh : []));
  if (fresh.length === 0) return;
  const perSku = new Map<string, number>();
  for (const m of fresh) perSku.set(m.skuId, (perSku.get(m.skuId) ?? 0) + m.quantity);
  const [written] = await scope.rows<{ movements: number; stocks: number }>(
    `with mv as (
       insert into stock_movement (id, sku_id, kind, reference, lock_reference, quantity, d_total, d_locked, d_sold, d_activity, at)
       select id, sku_id, 'lock', reference, reference, quantity, 0, quantity, 0, 0, at
       from unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::timestamptz[]) as m(id, sku_id, reference, quantity, at)
       on conflict (sku_id, kind, reference) do nothing
       returning 1
     ), hold as (
       insert into stock_hold (sku_id, lock_reference, quantity)
       select sku_id, reference, quantity from unnest(?::text[], ?::text[], ?::int[]) as h(sku_id, reference, quantity)
       on conflict (sku_id, lock_reference) do update set quantity = stock_hold.quantity + excluded.quantity
     ), upd as (
       update sales_stock s set locked = s.locked + d.quantity
       from unnest(?::text[], ?::int[]) as d(sku_id, quantity) where s.sku_id = d.sku_id
       returning 1
     )
     select (select count(*)::int from mv) as movements, (select count(*)::int from upd) as stocks`,
    [
      fresh.map((m) => m.id),
      fresh.map((m) => m.skuId),
      fresh.map((m) => m.reference),
      fresh.map((m) => m.quantity),
      fresh.map((m) => m.at),
      fresh.map((m) => m.skuId),
      fresh.map((m) => m.reference),
      fresh.map((m) => m.quantity),
      [...perSku.keys()],
      [...perSku.values()],
    ],
  );
  // A movement key taken in between by a transaction outside the batch: nothing of the batch may stand.
  if (written!.movements !== fresh.length || written!.stocks !== perSku.size) {
    throw new DomainError('CONCURRENCY.BUSY', 'a concurrent change took part of this batch; retry', 'conflict', { retryable: true });
  }
}
