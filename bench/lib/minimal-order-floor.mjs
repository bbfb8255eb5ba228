// The floor `place-order` is measured against (issue #14): what the database can do for a minimal 3-line
// order written as plain SQL, independent of zhongtai's own statements and tables. One transaction:
// 1 order insert, 1 insert of its 3 lines, 3 guarded stock updates (`available >= n`) over 10,000 SKUs,
// 1 insert of the 3 stock movements, 1 outbox insert. Run by pgbench at a given client count.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FLOOR_SKUS = 10_000;

/** The floor's own tables, in the scratch database beside zhongtai's (no name is shared). */
export const FLOOR_SCHEMA = `
create table floor_stock (sku_id int primary key, available int not null, locked int not null default 0);
insert into floor_stock (sku_id, available) select g, 1000000000 from generate_series(1, ${FLOOR_SKUS}) as g;
create table floor_order (
  id bigserial primary key, member_id text not null, status text not null,
  total numeric(20, 2) not null, created_at timestamptz not null default now()
);
create table floor_order_line (
  order_id bigint not null, line_no int not null, sku_id int not null, quantity int not null,
  price numeric(20, 2) not null, primary key (order_id, line_no)
);
create table floor_stock_movement (
  id bigserial primary key, sku_id int not null, order_id bigint not null, quantity int not null,
  at timestamptz not null default now()
);
create table floor_outbox (id bigserial primary key, type text not null, payload jsonb not null, created_at timestamptz not null default now());
vacuum analyze;
`;

/**
 * The pgbench script: three random SKUs, updated in ascending order (as any well-behaved client locks
 * rows) so that concurrent orders cannot deadlock; one unit of each at 19.90.
 */
export const FLOOR_SCRIPT = `-- minimal 3-line order (bench/lib/minimal-order-floor.mjs)
\\set a random(1, ${FLOOR_SKUS})
\\set b random(1, ${FLOOR_SKUS})
\\set c random(1, ${FLOOR_SKUS})
\\set lo least(:a, :b, :c)
\\set hi greatest(:a, :b, :c)
\\set mid :a + :b + :c - :lo - :hi
\\set m random(1, 1000000)
BEGIN;
INSERT INTO floor_order (member_id, status, total) VALUES ('m-' || :m, 'pending_payment', 59.70) RETURNING id \\gset
INSERT INTO floor_order_line (order_id, line_no, sku_id, quantity, price) VALUES (:id, 1, :lo, 1, 19.90), (:id, 2, :mid, 1, 19.90), (:id, 3, :hi, 1, 19.90);
UPDATE floor_stock SET available = available - 1, locked = locked + 1 WHERE sku_id = :lo AND available >= 1;
UPDATE floor_stock SET available = available - 1, locked = locked + 1 WHERE sku_id = :mid AND available >= 1;
UPDATE floor_stock SET available = available - 1, locked = locked + 1 WHERE sku_id = :hi AND available >= 1;
INSERT INTO floor_stock_movement (sku_id, order_id, quantity) VALUES (:lo, :id, 1), (:mid, :id, 1), (:hi, :id, 1);
INSERT INTO floor_outbox (type, payload) VALUES ('OrderPlaced', jsonb_build_object('orderId', :id, 'memberId', 'm-' || :m));
COMMIT;
`;

/** Runs pgbench with `script` on the database `dbName` of the server at `url`; its tps and transaction count. */
export function pgbench(url, dbName, script, args, name = 'script') {
  const dir = mkdtempSync(join(tmpdir(), 'zt-pgbench-'));
  const file = join(dir, `${name}.sql`);
  writeFileSync(file, script);
  const target = new URL(url);
  try {
    const out = execFileSync(
      'pgbench',
      ['-n', ...args, '-f', file, '-h', target.hostname, '-p', target.port || '5432', '-U', target.username || 'postgres', dbName],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { out, tps: Number(/tps = ([\d.]+)/.exec(out)?.[1]), transactions: Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1]), file };
  } catch (error) {
    throw new Error(`pgbench failed (script ${file}):\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  }
}

/** Creates the floor's tables (once per database) through `sql(text)`. */
export async function createFloor(sql) {
  for (const statement of FLOOR_SCHEMA.split(';')
    .map((s) => s.trim())
    .filter(Boolean))
    await sql(statement);
}

/** The floor at `clients` for `seconds`: pgbench's tps (after a dry run that fails loudly if the script is wrong). */
export function runFloor(url, dbName, clients, seconds) {
  pgbench(url, dbName, FLOOR_SCRIPT, ['-c', '1', '-t', '5'], 'minimal-order');
  return pgbench(url, dbName, FLOOR_SCRIPT, ['-c', String(clients), '-j', '2', '-T', String(seconds)], 'minimal-order');
}
