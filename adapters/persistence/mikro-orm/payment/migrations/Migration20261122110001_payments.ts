import { Migration } from '@mikro-orm/migrations';

/**
 * Payments, one row each with its snapshot as jsonb plus the columns queries select on; the orders a
 * payment pays and its channel transactions (PAY-1) in tables of their own. Equals ../records.ts.
 * Until ordering and payment became modules (issue #13) Migration20261122110000_orders created these
 * tables; a database migrated then already has them, hence `if not exists` (a no-op there).
 */
export class Migration20261122110001_payments extends Migration {
  override name = 'Migration20261122110001_payments';

  override up(): void {
    this.addSql(
      `create table if not exists "payment" ("id" text not null, "number" text not null, "status" text not null, "created_at" timestamptz not null, "snapshot" jsonb not null, "version" int not null, primary key ("id"), constraint "payment_number_unique" unique ("number"), constraint "payment_status_check" check (status in ('unpaid', 'paid', 'partially_refunded', 'refunded', 'cancelled')), constraint "payment_version_check" check (version >= 0));`,
    );

    this.addSql(`create table if not exists "payment_order" ("payment_id" text not null, "order_id" text not null, primary key ("payment_id", "order_id"));`);
    this.addSql(`create index if not exists "payment_order_order_index" on "payment_order" ("order_id");`);

    this.addSql(
      `create table if not exists "payment_channel_transaction" ("channel" text not null, "transaction_id" text not null, "payment_id" text not null, primary key ("channel", "transaction_id"));`,
    );
    this.addSql(`create index if not exists "payment_channel_transaction_payment_index" on "payment_channel_transaction" ("payment_id");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "payment_channel_transaction";`);
    this.addSql(`drop table if exists "payment_order";`);
    this.addSql(`drop table if exists "payment";`);
  }
}
