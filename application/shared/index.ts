export * from './unit-of-work.js';
export * from './event-bus.js';
export * from './persistence.js';
export * from './jobs.js';
export * from './job-runner.js';
export * from './unavailable.js';
// What a context of a host's own needs (docs/adding-a-context.md): its store and read-model keys, its deps, its subscriptions.
export { storeKey, type StoreKey } from './store.js';
export { readModelKey, type ReadModelKey } from './read-model.js';
export type { UseCaseDeps } from './deps.js';
export type { CommittedEvent, Subscription } from './subscriptions.js';
