// The operation walk (issue #12, acceptance 1) on the embedded PGlite; the PostgreSQL server variant is
// operations-walk.http.postgres.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { walkOperations, type Walk } from './operations-walk.js';

describe('every operation of /openapi.json, walked with hostile values on PGlite', () => {
  let persistence: MikroOrmPersistence;
  let walk: Walk;
  const errors: string[] = [];
  beforeAll(async () => {
    persistence = await mikroOrmPersistence({ dataDir: 'memory://', readCacheTtlMs: 0 });
    walk = await walkOperations(persistence, errors);
  }, 240_000);
  afterAll(() => persistence?.close());

  it('answers no request with a 5xx, every 4xx as problem+json with a code, and a rejected request writes nothing', () => {
    console.log(
      `walked ${walk.operations} operations with ${walk.requests} requests (${Math.round(walk.ms.requests)} ms in requests, ${Math.round(walk.ms.counting)} ms counting rows); answers by status: ${JSON.stringify(walk.statuses)}`,
    );
    expect(walk.operations).toBeGreaterThan(100);
    expect(walk.findings, errors.slice(0, 5).join('\n')).toEqual([]);
  });
});
