import { ContainerModule } from 'inversify';
import type { InProcessEventBus } from '../../application/shared/event-bus.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { TransactionalOrderStockLocks } from '../../application/inventory/index.js';
import type { SubscriptionTable } from '../../application/shared/subscriptions.js';
import type { EventPublisher, UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { TOKENS } from './tokens.js';

export interface SharedModuleOptions {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly eventBus: InProcessEventBus;
}

/** Clock, ids and the event bus. */
export function sharedModule(o: SharedModuleOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Clock).toConstantValue(o.clock);
    bind(TOKENS.IdGenerator).toConstantValue(o.ids);
    bind(TOKENS.EventBus).toConstantValue(o.eventBus);
    bind(TOKENS.EventPublisher).toResolvedValue((bus: InProcessEventBus): EventPublisher => bus, [TOKENS.EventBus]);
  });
}

/**
 * The chosen persistence adapter (contexts' deps reach their read models through it: `w.readModel(key)`)
 * and its unit of work. Every unit of work gives the events it records their ids and routes them to the
 * subscriptions of `routes` (filled by the composition root).
 */
export function persistenceModule(persistence: Persistence, routes: SubscriptionTable = new Map()): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Persistence).toConstantValue(persistence);
    bind(TOKENS.UnitOfWork)
      .toResolvedValue(
        (p: Persistence, publisher: EventPublisher, ids: IdGenerator) => p.unitOfWork(publisher, { ids, table: routes }),
        [TOKENS.Persistence, TOKENS.EventPublisher, TOKENS.IdGenerator],
      )
      .inSingletonScope();
    bind(TOKENS.OrderStockLocks)
      .toResolvedValue(
        (p: Persistence, publisher: EventPublisher, uow: UnitOfWork, ids: IdGenerator) =>
          p.orderStockLocks?.(publisher, { ids, table: routes }) ?? new TransactionalOrderStockLocks(uow),
        [TOKENS.Persistence, TOKENS.EventPublisher, TOKENS.UnitOfWork, TOKENS.IdGenerator],
      )
      .inSingletonScope();
  });
}
