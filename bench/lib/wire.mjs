import pg from 'pg'; // MikroORM's driver: counting its queries counts every round trip

/**
 * Counts every statement any `pg` client of this process sends (BEGIN, COMMIT and the batched outbox
 * marks included) and the time spent waiting for their answers (summed over concurrent statements).
 * Installed once per process; each bench reads and resets the counter it gets.
 */
export function countWireStatements() {
  if (!pg.Client.prototype.query.wire) {
    const wire = { statements: 0, waitMs: 0 };
    const query = pg.Client.prototype.query;
    const counted = function (...args) {
      wire.statements += 1;
      const started = performance.now();
      const result = query.apply(this, args);
      if (result && typeof result.then === 'function')
        result.then(
          () => (wire.waitMs += performance.now() - started),
          () => {},
        );
      return result;
    };
    counted.wire = wire;
    pg.Client.prototype.query = counted;
  }
  return pg.Client.prototype.query.wire;
}
