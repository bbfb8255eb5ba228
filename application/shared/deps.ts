import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * What every use case is built with (a deps object, never positional arguments): the unit of work it
 * runs in, the clock and the id generator. A context's use cases extend it with their own ports.
 */
export interface UseCaseDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}
