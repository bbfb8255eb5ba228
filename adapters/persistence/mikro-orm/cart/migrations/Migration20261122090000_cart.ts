import { Migration } from '@mikro-orm/migrations';

/** Shoppers' carts, one row per member or guest, lines as jsonb. Equals ../records.ts. */
export class Migration20261122090000_cart extends Migration {
  override name = 'Migration20261122090000_cart';

  override up(): void {
    this.addSql(
      `create table "cart" ("id" text not null, "owner_kind" text not null, "owner_id" text not null, "lines" jsonb not null, "merged_into" text null, "updated_at" timestamptz not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`alter table "cart" add constraint "cart_owner_unique" unique ("owner_kind", "owner_id");`);
    this.addSql(`alter table "cart" add constraint "cart_owner_kind_check" check (owner_kind in ('member', 'guest'));`);
    this.addSql(`alter table "cart" add constraint "cart_lines_check" check (jsonb_typeof(lines) = 'array' and jsonb_array_length(lines) <= 120);`);
    this.addSql(`alter table "cart" add constraint "cart_version_check" check (version >= 0);`);
  }

  override down(): void {
    this.addSql(`drop table if exists "cart";`);
  }
}
