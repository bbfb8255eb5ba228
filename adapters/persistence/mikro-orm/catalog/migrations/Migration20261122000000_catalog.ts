import { Migration } from '@mikro-orm/migrations';

/**
 * The catalog tables. Written by hand from `orm.schema.getCreateSchemaSQL()` so that the schema equals
 * the entity schemas in ../records.ts and ../spu-records.ts (a test checks that the diff stays empty).
 * It created the outbox too until the catalog became a module (issue #13): the outbox belongs to no
 * context, and Migration20261121000000_outbox (shared, `if not exists`) creates it now.
 */
export class Migration20261122000000_catalog extends Migration {
  override name = 'Migration20261122000000_catalog';

  override up(): void {
    this.addSql(
      `create table "category" ("id" text not null, "name" text not null, "parent_id" text null, "path" text[] not null, "sort" int not null, "attributes" jsonb not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`create index "category_parent_id_index" on "category" ("parent_id");`);
    this.addSql(`alter table "category" add constraint "category_version_check" check (version >= 0);`);

    this.addSql(
      `create table "brand" ("id" text not null, "name_zh" text not null, "name_en" text null, "logo_url" text null, "origin" text null, "status" text not null, "category_ids" text[] not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`alter table "brand" add constraint "brand_status_check" check (status in ('enabled', 'disabled'));`);
    this.addSql(`alter table "brand" add constraint "brand_version_check" check (version >= 0);`);

    this.addSql(
      `create table "front_category" ("id" text not null, "name" text not null, "parent_id" text null, "sort" int not null, "visible" boolean not null, "visible_from" timestamptz null, "visible_until" timestamptz null, "mappings" jsonb not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`alter table "front_category" add constraint "front_category_version_check" check (version >= 0);`);

    // Product codes use the "C" collation: ordering and uniqueness by code point, as in memory.
    // `detail` holds the whole product as JSON for the product page, written with the columns.
    this.addSql(
      `create table "spu" ("id" text not null, "code" text collate "C" not null, "title" text not null, "description" text not null, "category_id" text not null, "category_path" text[] not null, "brand_id" text null, "kind" text not null, "attributes" jsonb not null, "sales_attributes" jsonb not null, "tags" jsonb not null, "status" text not null, "list_at" timestamptz null, "unlist_at" timestamptz null, "platform_price" numeric(20,2) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null, "detail" json not null, primary key ("id"));`,
    );
    // GIN on the path answers "this category or below" (`category_path @> array[id]`).
    this.addSql(`create index "spu_category_path_index" on "spu" using gin ("category_path");`);
    this.addSql(`create index "spu_category_id_index" on "spu" ("category_id");`);
    this.addSql(`create index "spu_brand_id_index" on "spu" ("brand_id");`);
    // Partial: only scheduled products are indexed, which is what the scheduler scans.
    this.addSql(`create index "spu_list_at_index" on "spu" ("list_at") where list_at is not null;`);
    this.addSql(`create index "spu_unlist_at_index" on "spu" ("unlist_at") where unlist_at is not null;`);
    this.addSql(`alter table "spu" add constraint "spu_code_unique" unique ("code");`);
    this.addSql(`alter table "spu" add constraint "spu_kind_check" check (kind in ('standard', 'combo'));`);
    this.addSql(`alter table "spu" add constraint "spu_status_check" check (status in ('draft', 'listed', 'unlisted'));`);
    this.addSql(`alter table "spu" add constraint "spu_platform_price_check" check (platform_price > 0);`);
    this.addSql(`alter table "spu" add constraint "spu_version_check" check (version >= 0);`);

    this.addSql(
      `create table "sku" ("id" text not null, "spu_id" text not null, "code" text collate "C" not null, "specs" jsonb not null, "sale_price" numeric(20,2) not null, "market_price" numeric(20,2) null, "components" jsonb not null, "position" int not null, primary key ("id"));`,
    );
    this.addSql(`create index "sku_spu_id_position_index" on "sku" ("spu_id", "position");`);
    this.addSql(`alter table "sku" add constraint "sku_code_unique" unique ("code");`);
    this.addSql(`alter table "sku" add constraint "sku_sale_price_check" check (sale_price > 0);`);
    this.addSql(`alter table "sku" add constraint "sku_market_price_check" check (market_price is null or market_price >= sale_price);`);
    this.addSql(`alter table "sku" add constraint "sku_spu_id_foreign" foreign key ("spu_id") references "spu" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    for (const table of ['sku', 'spu', 'front_category', 'brand', 'category']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
