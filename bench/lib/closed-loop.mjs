// A closed-loop driver for the benches that call the library in-process (place-order, after-sales), and
// the settling they do before a timed phase.

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** Closed loop: `concurrency` clients each take the next item as soon as their last call is answered, until `seconds` pass or the items run out. */
export async function drive({ concurrency, seconds = Infinity, items, work }) {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let exhausted = false;
  const errors = new Map();
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      if (next >= items.length) {
        exhausted = true;
        return;
      }
      const item = items[next++];
      const started = performance.now();
      try {
        await work(item);
        ok += 1;
        latencies.push(performance.now() - started);
      } catch (error) {
        failed += 1;
        const code = error?.code ?? error?.message ?? String(error);
        errors.set(code, (errors.get(code) ?? 0) + 1);
      }
    }
  };
  const begun = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - begun) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ok,
    failed,
    errors: Object.fromEntries(errors),
    exhausted,
    perSecond: ok / elapsed,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
    used: next,
  };
}

/** Statistics fresh and dirty pages flushed before a timed phase, so no side pays for the set-up's checkpoint or autovacuum. */
export async function settle(sql) {
  await sql('vacuum analyze');
  await sql('checkpoint');
}
