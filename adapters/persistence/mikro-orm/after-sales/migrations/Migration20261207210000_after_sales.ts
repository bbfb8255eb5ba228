import { Migration } from '@mikro-orm/migrations';

/** After-sales requests (issue #15). Equals ../records.ts. */
export class Migration20261207210000_after_sales extends Migration {
  override name = 'Migration20261207210000_after_sales';

  override up(): void {
    this.addSql(
      `create table "after_sales_request" ("id" text not null, "order_id" text not null, "member_id" text not null, "status" text not null, "opened_at" timestamptz not null, "snapshot" jsonb not null, "version" int not null, primary key ("id"), constraint after_sales_request_status_check check (status in ('pending_review', 'awaiting_customer_shipment', 'awaiting_return_receipt', 'awaiting_refund', 'awaiting_exchange_shipment', 'succeeded', 'closed')), constraint after_sales_request_version_check check (version >= 0));`,
    );
    this.addSql(`create index "after_sales_request_order_index" on "after_sales_request" ("order_id");`);
    this.addSql(`create index "after_sales_request_member_opened_index" on "after_sales_request" ("member_id", "opened_at" desc);`);
  }

  override down(): void {
    this.addSql(`drop table if exists "after_sales_request";`);
  }
}
