import { Migration } from '@mikro-orm/migrations';

/**
 * Fills the query columns of every row from its snapshot, as `orderRecord` derives them on a save (a
 * test holds the two equal). ORD-1 payable = Σ (goods − activity − coupon − points − member) over the
 * lines + freight − the shipping coupon's deduction.
 */
export const FILL_ORDER_QUERY_COLUMNS = `update "sales_order" set
  "kind" = snapshot->>'kind',
  "shop_id" = snapshot->>'shopId',
  "placed_at" = (snapshot->'placedAt'->>'$date')::timestamptz,
  "paid_at" = (snapshot->'payment'->'paidAt'->>'$date')::timestamptz,
  "payable" = (select coalesce(sum(
      (l->'amounts'->'goods'->>'$money')::numeric - (l->'amounts'->'activityDiscount'->>'$money')::numeric
      - (l->'amounts'->'couponDiscount'->>'$money')::numeric - (l->'amounts'->'pointsDeduction'->>'$money')::numeric
      - (l->'amounts'->'memberDiscount'->>'$money')::numeric), 0)
    from jsonb_array_elements(snapshot->'lines') l)
    + (snapshot->'freight'->>'$money')::numeric - (snapshot->'freightCouponDiscount'->>'$money')::numeric,
  "is_leaf" = jsonb_array_length(snapshot->'childIds') = 0;`;

/**
 * The query columns of `sales_order` (order lists, staff search, period statistics): kind, shop,
 * placing and paying time, payable, and whether the order is a leaf (no children). They are derived
 * from the snapshot on every save (`orderRecord`); rows stored before are filled from their snapshot
 * here. Equals ../records.ts.
 */
export class Migration20261122130000_order_queries extends Migration {
  override name = 'Migration20261122130000_order_queries';

  override up(): void {
    this.addSql(
      `alter table "sales_order" add column "kind" text null, add column "shop_id" text null, add column "placed_at" timestamptz null, add column "paid_at" timestamptz null, add column "payable" numeric(20,2) null, add column "is_leaf" boolean null;`,
    );
    this.addSql(FILL_ORDER_QUERY_COLUMNS);
    this.addSql(
      `alter table "sales_order" add constraint "sales_order_summary_check" check (kind is not null and placed_at is not null and payable is not null and is_leaf is not null and kind in ('goods', 'service') and payable >= 0);`,
    );
    this.addSql(`create index "sales_order_member_placed_index" on "sales_order" ("member_id", "placed_at" desc);`);
    this.addSql(`create index "sales_order_placed_index" on "sales_order" ("placed_at");`);
    this.addSql(`create index "sales_order_shop_placed_index" on "sales_order" ("shop_id", "placed_at" desc);`);
  }

  override down(): void {
    this.addSql(`drop index if exists "sales_order_shop_placed_index";`);
    this.addSql(`drop index if exists "sales_order_placed_index";`);
    this.addSql(`drop index if exists "sales_order_member_placed_index";`);
    this.addSql(`alter table "sales_order" drop constraint if exists "sales_order_summary_check";`);
    this.addSql(
      `alter table "sales_order" drop column "is_leaf", drop column "payable", drop column "paid_at", drop column "placed_at", drop column "shop_id", drop column "kind";`,
    );
  }
}
