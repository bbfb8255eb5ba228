import { Migration } from '@mikro-orm/migrations';

/**
 * Orders, one row each with its snapshot as jsonb plus the columns queries select on (with
 * Migration20261122130000_order_queries, equals ../records.ts). Until ordering and payment became modules
 * (issue #13) this migration created the payment tables too; a database migrated then already has them,
 * and Migration20261122110001_payments (the payment context's, `if not exists`) creates them now.
 */
export class Migration20261122110000_orders extends Migration {
  override name = 'Migration20261122110000_orders';

  override up(): void {
    this.addSql(
      `create table "sales_order" ("id" text not null, "number" text not null, "member_id" text not null, "parent_id" text null, "status" text not null, "pay_by" timestamptz not null, "snapshot" jsonb not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`create index "sales_order_member_index" on "sales_order" ("member_id");`);
    this.addSql(`create index "sales_order_parent_index" on "sales_order" ("parent_id");`);
    this.addSql(`create index "sales_order_status_pay_by_index" on "sales_order" ("status", "pay_by");`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_number_unique" unique ("number");`);
    this.addSql(
      `alter table "sales_order" add constraint "sales_order_status_check" check (status in ('pending_payment', 'pending_shipment', 'pending_redemption', 'shipped', 'completed', 'cancelled', 'closed'));`,
    );
    this.addSql(`alter table "sales_order" add constraint "sales_order_version_check" check (version >= 0);`);
  }

  override down(): void {
    this.addSql(`drop table if exists "sales_order";`);
  }
}
