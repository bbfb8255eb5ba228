import { Migration } from '@mikro-orm/migrations';

/** Idempotency records (first answers to request keys). Equals ../records/idempotency-record.ts. */
export class Migration20261122140000_idempotency extends Migration {
  override name = 'Migration20261122140000_idempotency';

  override up(): void {
    this.addSql(
      `create table "idempotency_record" ("scope" text not null, "key" text not null, "fingerprint" text not null, "response" jsonb not null, "created_at" timestamptz not null, primary key ("scope", "key"));`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "idempotency_record";`);
  }
}
