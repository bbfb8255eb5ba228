/** Port: the current time. Adapters: system clock; tests use a fixed or manual clock. */
export interface Clock {
  now(): Date;
}

/** Port: new unique identifiers (time-ordered UUIDs by default). */
export interface IdGenerator {
  next(): string;
}

export const systemClock: Clock = { now: () => new Date() };
