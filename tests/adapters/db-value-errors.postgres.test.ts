// Issue #12 (Build: "as a backstop the PostgreSQL adapter maps invalid-text and numeric-overflow errors
// to a 4xx DomainError, never a 500"), decision 0020. Values that reach the database through the
// library — no HTTP edge in front — and that PostgreSQL cannot store become `invalid` DomainErrors
// with stable codes, on the write path (every unit-of-work statement) and on the read paths that run
// outside it (catalog queries). PGlite and the server raise the same SQLSTATEs (22009 where the server
// says 22008 for a timestamp out of range); both are mapped.
import { beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { TxScope } from '../../adapters/persistence/mikro-orm/db.js';
import type { MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { DomainError, isDomainError } from '../../domain/shared/domain-error.js';
import { fileDatabase } from '../support/postgres.js';

const db = fileDatabase();
let p: MikroOrmPersistence;
let zt: Zhongtai;
beforeAll(async () => {
  p = await db.ready;
  zt = createZhongtai({ persistence: p });
});

const errorOf = (run: () => Promise<unknown>) =>
  Promise.resolve()
    .then(run)
    .then(
      () => null,
      (e: unknown) => e,
    );

/** One statement (after `setup`) in its own transaction on a pooled session, through the unit of work's TxScope: what it threw. */
async function statement(sql: string, params: unknown[], setup?: string): Promise<unknown> {
  const session = await p.sessions.connect();
  try {
    await session.query('begin', []);
    if (setup) await session.query(setup, []);
    return await errorOf(() => new TxScope(session, p.orm.em.fork()).rows(sql, params));
  } finally {
    await session.query('rollback', []);
    session.release();
  }
}

describe(`values the database cannot store are 4xx DomainErrors, never 500s (${db.name})`, () => {
  it.each([
    ['a NUL in text (22021)', 'select ?::text', ['a\u0000b'], 'VALUE.INVALID_TEXT'],
    ['a NUL escape in jsonb (22P05)', 'select ?::jsonb', ['{"a":"\\u0000"}'], 'VALUE.INVALID_TEXT'],
    ['a lone surrogate escape in jsonb (22P02)', 'select ?::jsonb', ['{"a":"\\ud800"}'], 'VALUE.INVALID_TEXT'],
    ['a fraction for an int (22P02)', 'select ?::int', ['1.5'], 'VALUE.INVALID_TEXT'],
    ['a text that is no timestamp (22007)', 'select ?::timestamptz', ['the day after tomorrow'], 'VALUE.INVALID_TEXT'],
    ['2^31 for an int (22003)', 'select ?::int', [2 ** 31], 'VALUE.OUT_OF_RANGE'],
    ['an int sum past 2^31 − 1 (22003)', 'select ?::int + 2147483647', [1], 'VALUE.OUT_OF_RANGE'],
    ['10^30 for a numeric(20,2) (22003)', 'select ?::numeric(20,2)', ['1e30'], 'VALUE.OUT_OF_RANGE'],
    ['a negative limit (2201W)', 'select 1 limit ?', [-1], 'VALUE.OUT_OF_RANGE'],
    ['a negative offset (2201X)', 'select 1 offset ?', [-1], 'VALUE.OUT_OF_RANGE'],
    ['a timestamp before 4713 BC (22008 / 22009)', 'select ?::timestamptz', ['-271821-04-20T00:00:00.000Z'], 'VALUE.OUT_OF_RANGE'],
  ])('write path: %s → %s', async (_, sql, params, code) => {
    const e = await statement(sql, params);
    expect(e).toBeInstanceOf(DomainError);
    expect([(e as DomainError).kind, (e as DomainError).code]).toEqual(['invalid', code]);
  });

  it('write path: a text past a varchar column (22001) is VALUE.OUT_OF_RANGE (an explicit cast would truncate silently, an insert does not)', async () => {
    const e = await statement('insert into edge_v values (?)', ['abc'], 'create temporary table edge_v (v varchar(2)) on commit drop');
    expect([(e as DomainError).kind, (e as DomainError).code]).toEqual(['invalid', 'VALUE.OUT_OF_RANGE']);
  });

  it('through the library: a NUL in a category name, a lone surrogate in an attribute option (jsonb) are refused by the use case, and nothing is written', async () => {
    const tea = await zt.catalog.createCategory({ name: 'Tea' });
    const origin = { id: 'origin', name: 'Origin', kind: 'product' as const, required: false, input: 'single' as const, options: ['Hangzhou', 'x\ud800'] };
    for (const run of [() => zt.catalog.createCategory({ name: 'Te\u0000a' }), () => zt.catalog.updateCategory({ categoryId: tea.id, attributes: [origin] })]) {
      const e = await errorOf(run);
      expect(isDomainError(e) ? [e.kind, e.code] : e).toEqual(['invalid', 'VALUE.INVALID_TEXT']);
    }
    expect(await zt.catalog.queries.categoryTree()).toEqual([expect.objectContaining({ id: tea.id, attributes: [], children: [] })]);
  });

  it('read paths outside the unit of work: a NUL in a search keyword or a product id is VALUE.INVALID_TEXT', async () => {
    for (const run of [() => zt.catalog.queries.searchSpus({ keyword: 'a\u0000' }, { page: 1, size: 20 }), () => zt.catalog.queries.spu('x\u0000y')]) {
      const e = await errorOf(run);
      expect(isDomainError(e) ? [e.kind, e.code] : e).toEqual(['invalid', 'VALUE.INVALID_TEXT']);
    }
  });

  it('a unit of work whose statement failed on a value rolls back and reports the DomainError (order queries included)', async () => {
    const e = await errorOf(() => zt.orderQueries.search({ number: 'N\u0000', page: 1, pageSize: 20 }));
    expect(isDomainError(e) ? [e.kind, e.code] : e).toEqual(['invalid', 'VALUE.INVALID_TEXT']);
  });
});
