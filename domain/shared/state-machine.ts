import { DomainError } from './domain-error.js';

/**
 * A state machine as data: which states each state may move to. Every aggregate with states (order,
 * payment, activity, group buy, coupon, SPU, member card …) declares its table `as const satisfies
 * Transitions<Status>` and exports it, so the docs can draw it and a test keeps the drawing true.
 */
export type Transitions<S extends string> = { readonly [From in S]: readonly S[] };

export interface StateMachine<S extends string> {
  /** The table it was made from (exported for the docs). */
  readonly table: Transitions<S>;
  /** True when the table lets `from` move to `to`. */
  can(from: S, to: S): boolean;
  /** States nothing leaves. */
  readonly finals: readonly S[];
  /**
   * The one guard every move goes through: null when allowed, otherwise the context's
   * `<CTX>.INVALID_TRANSITION` conflict with `from`, `to` and the details given.
   */
  rejection(from: S, to: S, details?: Readonly<Record<string, unknown>>): DomainError | null;
  /** `rejection`, thrown. */
  assert(from: S, to: S, details?: Readonly<Record<string, unknown>>): void;
}

/**
 * Makes the machine of a table. `code` is the context's stable code for a move the table does not
 * allow (e.g. `ORDER.INVALID_TRANSITION`); `describe` words the message (default "cannot move from A to B").
 */
export function stateMachine<S extends string>(
  table: { readonly [From in S]: readonly NoInfer<S>[] },
  code: string,
  describe: (from: S, to: S) => string = (from, to) => `cannot move from ${from} to ${to}`,
): StateMachine<S> {
  const can = (from: S, to: S): boolean => table[from].includes(to);
  const rejection = (from: S, to: S, details: Readonly<Record<string, unknown>> = {}): DomainError | null =>
    can(from, to) ? null : DomainError.conflict(code, describe(from, to), { ...details, from, to });
  return {
    table,
    can,
    finals: (Object.keys(table) as S[]).filter((s) => table[s].length === 0),
    rejection,
    assert: (from, to, details) => {
      const rejected = rejection(from, to, details);
      if (rejected) throw rejected;
    },
  };
}

/** Every (from, to) edge of a table, in table order: what the docs draw. */
export function edgesOf<S extends string>(table: Transitions<S>): [S, S][] {
  return (Object.keys(table) as S[]).flatMap((from) => table[from].map((to): [S, S] => [from, to]));
}
