import { Migration } from '@mikro-orm/migrations';
import { PAYMENT_LEDGER_BACKFILL, PAYMENT_LEDGER_FUNCTION, PAYMENT_LEDGER_TRIGGER } from '../movements.js';

/**
 * PAY-3 (issue #16, decision 0038): `payment_ledger`, the payment context's published money movements
 * on PostgreSQL — one row per movement a channel carried, kept by the trigger `payment_ledger_rows` on
 * `payment` and indexed by channel and time, so reconciliation reads one day of one channel. Payments
 * stored before it get theirs now.
 */
export class Migration20261220000000_payment_ledger extends Migration {
  override name = 'Migration20261220000000_payment_ledger';

  override up(): void {
    this.addSql(`create table "payment_ledger" ("kind" text not null, "number" text not null, "at" timestamptz not null, "channel" text not null,
      "movement" text not null, "amount" numeric(20,2) not null, "currency" text not null, "payment_id" text not null, "created_at" timestamptz not null,
      "several" boolean not null default false, constraint "payment_ledger_pkey" primary key ("kind", "number", "channel", "movement"));`);
    this.addSql(`create index "payment_ledger_channel_at_index" on "payment_ledger" ("channel", "at");`);
    this.addSql(PAYMENT_LEDGER_FUNCTION);
    this.addSql(PAYMENT_LEDGER_TRIGGER.expression);
    for (const sql of PAYMENT_LEDGER_BACKFILL) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop trigger if exists "payment_ledger_rows" on "payment";');
    this.addSql('drop function if exists payment_ledger_rows();');
    this.addSql('drop table if exists "payment_ledger";');
  }
}
