// The floor `after-sales` is measured against (issue #15): what the database can do for a minimal refund
// written as plain SQL, independent of zhongtai's own statements and tables. One transaction on a random
// paid order line of 100,000: 1 refund insert, 1 guarded update of the line's refunded amount
// (`refunded + x <= paid`), 1 stock update (the unit back on sale), 1 stock-movement insert, 1 outbox
// insert. Each refund takes 0.01 of a line paid 1,000.00, so no line runs out during a run (a guard that
// does refuse makes `\gset` find no row and pgbench fail loudly). Run by pgbench at a given client count.
import { pgbench } from './minimal-order-floor.mjs';

export const FLOOR_REFUND_LINES = 100_000;
export const FLOOR_REFUND_SKUS = 10_000;

/** The floor's own tables (prefix `floor_refund_`), in the scratch database beside zhongtai's: no name is shared. */
export const FLOOR_REFUND_SCHEMA = `
create table floor_refund_stock (sku_id int primary key, available int not null);
insert into floor_refund_stock (sku_id, available) select g, 1000000000 from generate_series(1, ${FLOOR_REFUND_SKUS}) as g;
create table floor_refund_line (
  id int primary key, order_id bigint not null, sku_id int not null, quantity int not null,
  paid numeric(20, 2) not null, refunded numeric(20, 2) not null default 0
);
insert into floor_refund_line (id, order_id, sku_id, quantity, paid)
  select g, 1000000 + g, 1 + (g % ${FLOOR_REFUND_SKUS}), 1, 1000.00 from generate_series(1, ${FLOOR_REFUND_LINES}) as g;
create table floor_refund_record (
  id bigserial primary key, line_id int not null, amount numeric(20, 2) not null, reason text not null,
  created_at timestamptz not null default now()
);
create table floor_refund_stock_movement (
  id bigserial primary key, sku_id int not null, line_id int not null, kind text not null, quantity int not null,
  at timestamptz not null default now()
);
create table floor_refund_outbox (id bigserial primary key, type text not null, payload jsonb not null, created_at timestamptz not null default now());
vacuum analyze;
`;

/** The pgbench script: a random line refunded 0.01, its unit back in stock, in one transaction. */
export const FLOOR_REFUND_SCRIPT = `-- minimal refund (bench/lib/minimal-refund-floor.mjs)
\\set line random(1, ${FLOOR_REFUND_LINES})
BEGIN;
INSERT INTO floor_refund_record (line_id, amount, reason) VALUES (:line, 0.01, 'no_longer_wanted') RETURNING id AS refund_id \\gset
UPDATE floor_refund_line SET refunded = refunded + 0.01 WHERE id = :line AND refunded + 0.01 <= paid RETURNING sku_id, order_id \\gset
UPDATE floor_refund_stock SET available = available + 1 WHERE sku_id = :sku_id;
INSERT INTO floor_refund_stock_movement (sku_id, line_id, kind, quantity) VALUES (:sku_id, :line, 'return', 1);
INSERT INTO floor_refund_outbox (type, payload) VALUES ('RefundIssued', jsonb_build_object('refundId', :refund_id, 'orderId', :order_id, 'lineId', :line, 'amount', 0.01));
COMMIT;
`;

/** Creates the floor's tables (once per database) through `sql(text)`. */
export async function createRefundFloor(sql) {
  for (const statement of FLOOR_REFUND_SCHEMA.split(';')
    .map((s) => s.trim())
    .filter(Boolean))
    await sql(statement);
}

/** The floor at `clients` for `seconds`: pgbench's tps (after a dry run that fails loudly if the script is wrong). */
export function runRefundFloor(url, dbName, clients, seconds) {
  pgbench(url, dbName, FLOOR_REFUND_SCRIPT, ['-c', '1', '-t', '5'], 'minimal-refund');
  return pgbench(url, dbName, FLOOR_REFUND_SCRIPT, ['-c', String(clients), '-j', '2', '-T', String(seconds)], 'minimal-refund');
}
