import { findSkus } from '../catalog/index.js';
import type { StockMovement, StockOperationResult } from '../../domain/inventory/movement.js';
import type { StockPolicies } from '../../domain/inventory/ports.js';
import { checkQuantity, lowStockEvents, sellable, STOCK_FIELDS, type SalesStock, type StockOperation } from '../../domain/inventory/sales-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { INT32_MAX, isWholeIn } from '../../domain/shared/integers.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { TransactionalOrderStockLocks, type OrderStockLocks } from './order-stock-locks.js';

export interface StockChange {
  readonly skuId: string;
  /** The business fact: purchase receipt, stock-take, order and line … (INV-5: replays change nothing). */
  readonly reference: string;
  readonly operation: StockOperation;
}

export interface StockChangeResult extends StockOperationResult {
  readonly stock: SalesStock;
}

/** Applies one change inside `tx` and records the low-stock event when it crosses the threshold. */
export async function applyStockChange(tx: Transaction, ids: IdGenerator, clock: Clock, change: StockChange): Promise<StockChangeResult> {
  const at = clock.now();
  const r = await tx.salesStocks.apply({ ...change, movementId: ids.next(), at });
  if (!r.replayed) tx.recordEvents(lowStockEvents(r.before, r.after, at));
  return { movement: r.movement, replayed: r.replayed, stock: r.after };
}

/** Creates the stock record of a catalog SKU, or changes its policies: oversell allowance, low-stock threshold, virtual. */
export class ConfigureStock {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { skuId: string } & StockPolicies): Promise<SalesStock> {
    return this.uow.run(async (tx) => {
      const [sku] = await findSkus(tx, [cmd.skuId]);
      if (!sku) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `no SKU ${cmd.skuId} in the catalog`, { skuId: cmd.skuId });
      for (const [name, v] of [['oversellAllowance', cmd.oversellAllowance], ['lowStockThreshold', cmd.lowStockThreshold]] as const) {
        if (v !== undefined && v !== null && !isWholeIn(v, 0, INT32_MAX)) {
          throw DomainError.invalid('INVENTORY.INVALID_POLICY', `${name} is a whole number from 0 to ${INT32_MAX}`, { [name]: v });
        }
      }
      if (cmd.virtual !== undefined && typeof cmd.virtual !== 'boolean') {
        throw DomainError.invalid('INVENTORY.INVALID_POLICY', 'virtual is true or false', { virtual: cmd.virtual });
      }
      return tx.salesStocks.configure(cmd.skuId, cmd);
    });
  }
}

/**
 * One stock operation (INV-2): inbound, stock-take, return, activity carve-out and release, or a
 * single lock, unlock or deduct. One transaction; replaying the same reference returns the first result.
 */
export class ChangeStock {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(change: StockChange): Promise<StockChangeResult> {
    return this.uow.run((tx) => applyStockChange(tx, this.ids, this.clock, change));
  }
}

export interface OrderStockCommand {
  readonly orderId: string;
  readonly lines: readonly { readonly skuId: string; readonly quantity: number }[];
}

/**
 * The stock side of an order: lock on placing, unlock on cancelling, deduct on payment. Lines of one
 * SKU are added up into one operation per stock row (reference `<order>:<sku>`), and rows are taken in
 * SKU order, so two orders over the same SKUs always lock them in the same order and cannot deadlock.
 * All lines or none: one transaction. Locks go through `OrderStockLocks`, which may commit the locks
 * of concurrent orders together.
 */
export class ChangeOrderStock {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly locks: OrderStockLocks = new TransactionalOrderStockLocks(uow),
  ) {}

  execute(cmd: OrderStockCommand & { readonly action: 'lock' | 'unlock' | 'deduct' }): Promise<StockChangeResult[]> {
    if (cmd.lines.length === 0) throw DomainError.invalid('INVENTORY.NO_LINES', 'an order has at least one line');
    const perSku = new Map<string, number>();
    for (const l of cmd.lines) {
      checkQuantity({ kind: 'lock', quantity: l.quantity });
      perSku.set(l.skuId, (perSku.get(l.skuId) ?? 0) + l.quantity);
    }
    const skus = [...perSku.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (cmd.action === 'lock') {
      const lines = skus.map((skuId) => ({ skuId, quantity: perSku.get(skuId)!, reference: `${cmd.orderId}:${skuId}`, movementId: this.ids.next() }));
      return this.locks.lock({ orderId: cmd.orderId, lines, at: this.clock.now() });
    }
    return this.uow.run(async (tx) => {
      const results: StockChangeResult[] = [];
      for (const skuId of skus) {
        const reference = `${cmd.orderId}:${skuId}`;
        const operation: StockOperation = { kind: cmd.action, quantity: perSku.get(skuId)!, lockReference: reference };
        results.push(await applyStockChange(tx, this.ids, this.clock, { skuId, reference, operation }));
      }
      return results;
    });
  }
}

export interface StockAnomaly {
  readonly skuId: string;
  readonly field: (typeof STOCK_FIELDS)[number];
  readonly counter: number;
  readonly ledger: number;
}

async function anomaliesOf(tx: Transaction, skuIds: readonly string[] | undefined): Promise<StockAnomaly[]> {
  const anomalies: StockAnomaly[] = [];
  for (const skuId of skuIds ?? (await tx.salesStocks.skuIds())) {
    const stock = await tx.salesStocks.get(skuId);
    if (!stock) continue;
    const sums = { total: 0, locked: 0, sold: 0, activity: 0, presale: 0 };
    for (const m of await tx.salesStocks.movements(skuId)) {
      for (const f of STOCK_FIELDS) sums[f] += m.delta[f];
    }
    for (const f of STOCK_FIELDS) {
      if (sums[f] !== stock[f]) anomalies.push({ skuId, field: f, counter: stock[f], ledger: sums[f] });
    }
  }
  return anomalies;
}

/** INV-4: compares each SKU's counters with the sum of its ledger and reports every difference (all SKUs when none are named). */
export class CheckStockConsistency {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { skuIds?: readonly string[] } = {}): Promise<StockAnomaly[]> {
    return this.uow.run((tx) => anomaliesOf(tx, cmd.skuIds));
  }
}

export interface StockRepair {
  /** What was found and repaired. */
  readonly anomalies: readonly StockAnomaly[];
  /** Trusting the counters: the correction movement written per SKU. */
  readonly corrections: readonly StockMovement[];
}

/**
 * Repairs what `CheckStockConsistency` reports, in one transaction, the way the operator chooses:
 * trusting the **counters** (they were moved by guarded statements; the ledger lost lines, e.g. a
 * manual SQL fix) appends one `correction` movement per SKU whose delta is the difference, so the
 * ledger explains the counters again; trusting the **ledger** (a counter was overwritten) sets the
 * counters to the ledger's sums, refused if that would break INV-3 (`INVENTORY.REPAIR_WOULD_OVERSELL`).
 */
export class RepairStockConsistency {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { skuIds?: readonly string[]; trust: 'counters' | 'ledger' }): Promise<StockRepair> {
    if (cmd.trust !== 'counters' && cmd.trust !== 'ledger') {
      throw DomainError.invalid('INVENTORY.INVALID_REPAIR', 'a repair trusts either the counters or the ledger', { trust: cmd.trust });
    }
    return this.uow.run(async (tx) => {
      const anomalies = await anomaliesOf(tx, cmd.skuIds);
      const corrections: StockMovement[] = [];
      const at = this.clock.now();
      for (const skuId of [...new Set(anomalies.map((a) => a.skuId))]) {
        const stock = (await tx.salesStocks.get(skuId))!;
        const mine = anomalies.filter((a) => a.skuId === skuId);
        const diff = (f: (typeof STOCK_FIELDS)[number]) => mine.find((a) => a.field === f) ?? { counter: stock[f], ledger: stock[f] };
        if (cmd.trust === 'counters') {
          const delta = { total: 0, locked: 0, sold: 0, activity: 0, presale: 0 };
          for (const f of STOCK_FIELDS) delta[f] = diff(f).counter - diff(f).ledger;
          const id = this.ids.next();
          const movement: StockMovement = { id, skuId, kind: 'correction', reference: `repair:${id}`, lockReference: null, pool: null, quantity: 0, delta, at };
          await tx.salesStocks.recordCorrection(movement);
          corrections.push(movement);
        } else {
          const counters = { total: diff('total').ledger, locked: diff('locked').ledger, sold: diff('sold').ledger, activity: diff('activity').ledger, presale: diff('presale').ledger };
          const repaired = { ...stock, ...counters };
          const negative = STOCK_FIELDS.some((f) => f !== 'total' && repaired[f] < 0);
          if (negative || (!stock.virtual && sellable(repaired) < -stock.oversellAllowance)) {
            throw DomainError.conflict('INVENTORY.REPAIR_WOULD_OVERSELL', `the ledger of SKU ${skuId} sums to counters that break INV-3; repair by hand`, { skuId, ...counters });
          }
          await tx.salesStocks.overwriteCounters(skuId, counters);
        }
      }
      return { anomalies, corrections };
    });
  }
}

export interface StockView extends SalesStock {
  readonly sellable: number;
  readonly inStock: boolean;
  /** What is left in each carve-out pool (activity or channel). */
  readonly pools: Readonly<Record<string, number>>;
  readonly movements: readonly StockMovement[];
}

/** A SKU's sales layer (INV-1: sellable and the shopper's "in stock") with its pools and ledger. */
export class ViewStock {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { skuId: string }): Promise<StockView> {
    return this.uow.run(async (tx) => {
      const stock = await tx.salesStocks.get(cmd.skuId);
      if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${cmd.skuId} has no stock record`, { skuId: cmd.skuId });
      const available = sellable(stock);
      return { ...stock, sellable: available, inStock: stock.virtual || available > 0, pools: await tx.salesStocks.pools(cmd.skuId), movements: await tx.salesStocks.movements(cmd.skuId) };
    });
  }
}
