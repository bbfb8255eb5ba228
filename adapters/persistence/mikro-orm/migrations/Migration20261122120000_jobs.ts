import { Migration } from '@mikro-orm/migrations';

/**
 * Durable jobs (decision 0017): timers and acknowledged notifications, one row each, inserted in the
 * transaction that asks for them; unique by key; a partial index on run_at for the due scan of jobs not
 * done. Equals ../records/job-record.ts.
 */
export class Migration20261122120000_jobs extends Migration {
  override name = 'Migration20261122120000_jobs';

  override up(): void {
    this.addSql(
      `create table "job" ("id" bigserial primary key, "kind" text not null, "key" text not null, "payload" jsonb not null, "run_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null, "locked_until" timestamptz null, "done_at" timestamptz null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "job" add constraint "job_key_unique" unique ("key");`);
    this.addSql(`create index "job_due_index" on "job" ("run_at") where done_at is null;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "job";`);
  }
}
