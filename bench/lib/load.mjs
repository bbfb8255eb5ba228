import http from 'node:http';

/**
 * A closed-loop HTTP load generator: `concurrency` workers on keep-alive connections each send the
 * next request as soon as the previous answer is read, for `seconds`. The same client drives every
 * side of a comparison, so its own cost weighs on both alike.
 */
export async function load({ url, concurrency, seconds, expectStatus = 200, method = 'GET', body, headers = {} }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  let ok = 0;
  let failed = 0;
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  const once = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.request({ method, host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          if (res.statusCode === expectStatus) ok += 1;
          else failed += 1;
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', () => {
        failed += 1;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (performance.now() < deadline) await once();
  };
  const begun = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - begun) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0;
  return { requests: ok, failed, rps: ok / elapsed, p50ms: pct(50), p99ms: pct(99) };
}

/** One line per side of a bench: requests/s, p50, p99 and failures. */
export function printLoad(name, r) {
  console.log(`${name.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50ms.toFixed(2)} ms  p99 ${r.p99ms.toFixed(2)} ms  ${r.failed} failed`);
}
