import type { StockOperationResult } from '../../domain/inventory/movement.js';
import { checkQuantity, lowStockEvents, sellable, type SalesStock, type StockOperation } from '../../domain/inventory/sales-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
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

/** Creates the stock record of a catalog SKU, or changes its oversell allowance and low-stock threshold. */
export class ConfigureStock {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { skuId: string; oversellAllowance?: number; lowStockThreshold?: number | null }): Promise<SalesStock> {
    return this.uow.run(async (tx) => {
      const [sku] = await tx.spus.findSkus([cmd.skuId]);
      if (!sku) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `no SKU ${cmd.skuId} in the catalog`, { skuId: cmd.skuId });
      for (const [name, v] of [['oversellAllowance', cmd.oversellAllowance], ['lowStockThreshold', cmd.lowStockThreshold]] as const) {
        if (v !== undefined && v !== null && (!Number.isSafeInteger(v) || v < 0)) {
          throw DomainError.invalid('INVENTORY.INVALID_POLICY', `${name} is a whole number from 0`, { [name]: v });
        }
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
  readonly field: 'total' | 'locked' | 'sold' | 'activity';
  readonly counter: number;
  readonly ledger: number;
}

/**
 * INV-4: compares each SKU's counters with the sum of its ledger and reports every difference
 * (all SKUs when none are named). Reporting only: a repair needs an operator's decision per SKU.
 */
export class CheckStockConsistency {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { skuIds?: readonly string[] } = {}): Promise<StockAnomaly[]> {
    return this.uow.run(async (tx) => {
      const anomalies: StockAnomaly[] = [];
      for (const skuId of cmd.skuIds ?? (await tx.salesStocks.skuIds())) {
        const stock = await tx.salesStocks.get(skuId);
        if (!stock) continue;
        const sums = { total: 0, locked: 0, sold: 0, activity: 0 };
        for (const m of await tx.salesStocks.movements(skuId)) {
          for (const f of ['total', 'locked', 'sold', 'activity'] as const) sums[f] += m.delta[f];
        }
        for (const f of ['total', 'locked', 'sold', 'activity'] as const) {
          if (sums[f] !== stock[f]) anomalies.push({ skuId, field: f, counter: stock[f], ledger: sums[f] });
        }
      }
      return anomalies;
    });
  }
}

export interface StockView extends SalesStock {
  readonly sellable: number;
  readonly inStock: boolean;
  readonly movements: readonly import('../../domain/inventory/movement.js').StockMovement[];
}

/** A SKU's sales layer (INV-1: sellable and the shopper's "in stock") with its ledger. */
export class ViewStock {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { skuId: string }): Promise<StockView> {
    return this.uow.run(async (tx) => {
      const stock = await tx.salesStocks.get(cmd.skuId);
      if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${cmd.skuId} has no stock record`, { skuId: cmd.skuId });
      return { ...stock, sellable: sellable(stock), inStock: sellable(stock) > 0, movements: await tx.salesStocks.movements(cmd.skuId) };
    });
  }
}
