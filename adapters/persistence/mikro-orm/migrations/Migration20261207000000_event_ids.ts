import { Migration } from '@mikro-orm/migrations';

/** Events carry their own id, and outbox rows are claimed for publication (issue #13). Equals ../records/outbox-record.ts. */
export class Migration20261207000000_event_ids extends Migration {
  override name = 'Migration20261207000000_event_ids';

  override up(): void {
    this.addSql(`alter table "outbox" add column "event_id" text null, add column "claimed_until" timestamptz null;`);
  }

  override down(): void {
    this.addSql(`alter table "outbox" drop column "event_id", drop column "claimed_until";`);
  }
}
