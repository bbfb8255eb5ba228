export * from './unit-of-work.js';
export * from './event-bus.js';
export * from './persistence.js';
export * from './jobs.js';
export * from './job-runner.js';
export * from './unavailable.js';
