import { Migration } from '@mikro-orm/migrations';

/**
 * Orders and payments, each one row with its snapshot as jsonb plus the columns queries select on; the
 * orders a payment pays and its channel transactions (PAY-1) in tables of their own. Equals ../records/order-records.ts.
 */
export class Migration20261122110000_orders extends Migration {
  override name = 'Migration20261122110000_orders';

  override up(): void {
    this.addSql(`create table "sales_order" ("id" text not null, "number" text not null, "member_id" text not null, "parent_id" text null, "status" text not null, "pay_by" timestamptz not null, "snapshot" jsonb not null, "version" int not null, primary key ("id"));`);
    this.addSql(`create index "sales_order_member_index" on "sales_order" ("member_id");`);
    this.addSql(`create index "sales_order_parent_index" on "sales_order" ("parent_id");`);
    this.addSql(`create index "sales_order_status_pay_by_index" on "sales_order" ("status", "pay_by");`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_number_unique" unique ("number");`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_status_check" check (status in ('pending_payment', 'pending_shipment', 'pending_redemption', 'shipped', 'completed', 'cancelled', 'closed'));`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_version_check" check (version >= 0);`);

    this.addSql(`create table "payment" ("id" text not null, "number" text not null, "status" text not null, "created_at" timestamptz not null, "snapshot" jsonb not null, "version" int not null, primary key ("id"));`);
    this.addSql(`alter table "payment" add constraint "payment_number_unique" unique ("number");`);
    this.addSql(`alter table "payment" add constraint "payment_status_check" check (status in ('unpaid', 'paid', 'partially_refunded', 'refunded', 'cancelled'));`);
    this.addSql(`alter table "payment" add constraint "payment_version_check" check (version >= 0);`);

    this.addSql(`create table "payment_order" ("payment_id" text not null, "order_id" text not null, primary key ("payment_id", "order_id"));`);
    this.addSql(`create index "payment_order_order_index" on "payment_order" ("order_id");`);

    this.addSql(`create table "payment_channel_transaction" ("channel" text not null, "transaction_id" text not null, "payment_id" text not null, primary key ("channel", "transaction_id"));`);
    this.addSql(`create index "payment_channel_transaction_payment_index" on "payment_channel_transaction" ("payment_id");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "payment_channel_transaction";`);
    this.addSql(`drop table if exists "payment_order";`);
    this.addSql(`drop table if exists "payment";`);
    this.addSql(`drop table if exists "sales_order";`);
  }
}
