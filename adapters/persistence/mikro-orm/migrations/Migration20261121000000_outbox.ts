import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox (decision 0008), which belongs to no context. Until the catalog became a module (issue #13)
 * the catalog's migration created it; a database migrated then already has it, hence `if not exists`.
 * Equals ../records/outbox-record.ts with Migration20261207000000_event_ids.
 */
export class Migration20261121000000_outbox extends Migration {
  override name = 'Migration20261121000000_outbox';

  override up(): void {
    this.addSql(
      `create table if not exists "outbox" ("id" bigserial primary key, "type" text not null, "aggregate_id" text not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0);`,
    );
    // The relay reads unpublished events in id order; published ones drop out of the index.
    this.addSql(`create index if not exists "outbox_unpublished_index" on "outbox" ("id") where published_at is null;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "outbox" cascade;`);
  }
}
