import { ContainerModule } from 'inversify';
import { InProcessEventBus } from '../../application/shared/event-bus.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { TransactionalOrderStockLocks } from '../../application/inventory/order-stock-locks.js';
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

/** The chosen persistence adapter: unit of work and read models. */
export function persistenceModule(persistence: Persistence): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Persistence).toConstantValue(persistence);
    bind(TOKENS.UnitOfWork)
      .toResolvedValue((p: Persistence, publisher: EventPublisher) => p.unitOfWork(publisher), [TOKENS.Persistence, TOKENS.EventPublisher])
      .inSingletonScope();
    bind(TOKENS.OrderStockLocks)
      .toResolvedValue(
        (p: Persistence, publisher: EventPublisher, uow: UnitOfWork) => p.orderStockLocks?.(publisher) ?? new TransactionalOrderStockLocks(uow),
        [TOKENS.Persistence, TOKENS.EventPublisher, TOKENS.UnitOfWork],
      )
      .inSingletonScope();
    bind(TOKENS.CatalogQueries).toResolvedValue((p: Persistence) => p.catalogQueries, [TOKENS.Persistence]);
  });
}
