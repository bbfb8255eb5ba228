// Issue #14: migrations take an advisory lock, so that processes starting at once on a fresh database do
// not both migrate (without it the second fails on tables the first just created, or applies twice).
import { describe, expect, it } from 'vitest';
import { migrate, mikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase } from '../support/postgres.js';

const onServer = Boolean(process.env.DATABASE_URL);

describe.skipIf(!onServer)('migrations from several processes at once — PostgreSQL server (DATABASE_URL; skipped without it)', () => {
  it('four persistences opened at once on a fresh database all start, and each migration is applied exactly once', async () => {
    const fresh = await testDatabase();
    try {
      const opened = await Promise.allSettled(Array.from({ length: 4 }, () => mikroOrmPersistence({ ...fresh.options, poolSize: 2 })));
      const failures = opened.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
      const persistences = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      try {
        expect(failures).toEqual([]);
        const rows = await persistences[0]!.orm.em
          .fork()
          .execute<{ name: string; n: number }[]>('select name, count(*)::int as n from mikro_orm_migrations group by name');
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.filter((r) => r.n !== 1)).toEqual([]);
        expect(await persistences[0]!.orm.migrator.getPending()).toEqual([]);
        // `zhongtai migrate` beside a running server: nothing pending, nothing applied, no error.
        expect(await Promise.all(persistences.slice(0, 2).map((p) => migrate(p)))).toEqual([[], []]);
      } finally {
        await Promise.all(persistences.map((p) => p.close()));
      }
    } finally {
      await fresh.drop();
    }
  });
});
