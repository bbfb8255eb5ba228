import { Migration } from '@mikro-orm/migrations';

/** Invoices and their settings (issue #15). Equals ../records.ts. */
export class Migration20261208000000_invoice extends Migration {
  override name = 'Migration20261208000000_invoice';

  override up(): void {
    this.addSql(
      `create table "invoice" ("id" text not null, "order_id" text not null, "member_id" text not null, "shop_id" text not null, "kind" text not null, "status" text not null, "requested_at" timestamptz not null, "snapshot" jsonb not null, "version" int not null, primary key ("id"), constraint invoice_kind_check check (kind in ('blue', 'red')), constraint invoice_status_check check (status in ('requested', 'issuing', 'issued', 'failed', 'flushing', 'red_flushed', 'cancelled')), constraint invoice_version_check check (version >= 0));`,
    );
    this.addSql(`create index "invoice_order_index" on "invoice" ("order_id");`);
    this.addSql(`create index "invoice_member_requested_index" on "invoice" ("member_id", "requested_at" desc);`);
    this.addSql(`create index "invoice_requested_index" on "invoice" ("requested_at" desc);`);
    this.addSql(
      `create unique index "invoice_live_blue_unique" on "invoice" ("order_id") where kind = 'blue' and status in ('requested', 'issuing', 'issued', 'failed', 'flushing');`,
    );
    this.addSql(`create table "invoice_settings" ("shop_id" text not null, "settings" jsonb not null, primary key ("shop_id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "invoice";`);
    this.addSql(`drop table if exists "invoice_settings";`);
  }
}
