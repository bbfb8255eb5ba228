import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventPublisher, Transaction, UnitOfWork } from '../../../application/shared/unit-of-work.js';
import type { DomainEvent } from '../../../domain/shared/domain-event.js';
import { TxScope } from './db.js';
import type { SpuDetailCache } from './spu-detail-cache.js';
import { appendToOutbox, publishStored } from './outbox.js';
import { MikroOrmBrands } from './repositories/brand-repository.js';
import { MikroOrmCategories } from './repositories/category-repository.js';
import { MikroOrmFrontCategories } from './repositories/front-category-repository.js';
import { MikroOrmSpus } from './repositories/spu-repository.js';
import { MikroOrmSalesStocks } from './repositories/sales-stock-repository.js';
import { MikroOrmWarehouseAvailability, MikroOrmWarehouses } from './repositories/warehouse-repository.js';

/**
 * One `run` = one PostgreSQL transaction (READ COMMITTED; optimistic versions guard the aggregates).
 * Events recorded in it are inserted into the outbox just before COMMIT, in the same transaction, and
 * handed to the publisher only after COMMIT succeeded; a rollback drops writes and events together.
 * Like the memory adapter, a failed publication does not fail the committed run.
 */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(
    private readonly orm: MikroORM,
    private readonly publisher: EventPublisher,
    /** Drops cached read-side details of products this process changed. */
    private readonly cache: SpuDetailCache | undefined,
    /** A publisher failure after commit: the change stands, the events wait for the next drain. */
    private readonly onPublishError: (error: unknown) => void = (error) => console.error('event publication failed:', error),
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const events: DomainEvent[] = [];
    let written: ReadonlySet<string> = new Set();
    const { result, ids } = await this.orm.em.fork().transactional(async (em) => {
      const scope = new TxScope(em);
      written = scope.writtenSpus;
      const tx: Transaction = {
        categories: new MikroOrmCategories(scope),
        brands: new MikroOrmBrands(scope),
        frontCategories: new MikroOrmFrontCategories(scope),
        spus: new MikroOrmSpus(scope),
        salesStocks: new MikroOrmSalesStocks(scope),
        warehouses: new MikroOrmWarehouses(scope),
        warehouseAvailability: new MikroOrmWarehouseAvailability(scope),
        recordEvents: (recorded) => void events.push(...recorded),
      };
      const result = await work(tx);
      // The work swallowed a failed statement: PostgreSQL already aborted the transaction, and COMMIT
      // would quietly roll it back. Fail loudly instead of reporting a commit that did not happen.
      if (scope.failure !== undefined) throw scope.failure;
      return { result, ids: await appendToOutbox(scope, events) };
    });
    if (written.size > 0) this.cache?.invalidate(written);
    if (ids.length > 0) await publishStored(this.orm.em.fork(), this.publisher, events, ids).catch(this.onPublishError);
    return result;
  }
}
