// The operation walk (issue #12, acceptance 1) on the PostgreSQL server of DATABASE_URL; PGlite is
// operations-walk.http.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';
import { walkOperations, type Walk } from './operations-walk.js';

const server = process.env.DATABASE_URL;
if (!server) console.warn('operations-walk.http.postgres.test.ts skipped: set DATABASE_URL to walk the operations on a PostgreSQL server');

describe.skipIf(!server)('every operation of /openapi.json, walked with hostile values on the PostgreSQL server (DATABASE_URL)', () => {
  let db: TestDatabase;
  let persistence: MikroOrmPersistence;
  let walk: Walk;
  const errors: string[] = [];
  beforeAll(async () => {
    db = await testDatabase();
    persistence = await mikroOrmPersistence(db.options);
    walk = await walkOperations(persistence, errors);
  }, 240_000);
  afterAll(async () => {
    await persistence?.close();
    await db?.drop();
  });

  it('answers no request with a 5xx, every 4xx as problem+json with a code, and a rejected request writes nothing', () => {
    console.log(
      `walked ${walk.operations} operations with ${walk.requests} requests (${Math.round(walk.ms.requests)} ms in requests, ${Math.round(walk.ms.counting)} ms counting rows); answers by status: ${JSON.stringify(walk.statuses)}`,
    );
    expect(walk.operations).toBeGreaterThan(100);
    expect(walk.findings, errors.slice(0, 5).join('\n')).toEqual([]);
  });
});
