import { Migration } from '@mikro-orm/migrations';

/**
 * The epochs of the read caches (decision 0030). Equals ../records/cache-epoch-record.ts, plus what an
 * entity cannot say: the sequence the epochs are drawn from (never the same value twice, so a changed
 * domain never looks unchanged) and the trigger function each cached table calls once per statement —
 * it sets the domain's new epoch in the writing transaction and notifies `zt_cache` with
 * `<domain>:<epoch>`, delivered after commit. Each context's migration attaches it to its tables.
 */
export class Migration20261207200000_read_caches extends Migration {
  override name = 'Migration20261207200000_read_caches';

  override up(): void {
    this.addSql(`create sequence "cache_epoch_seq";`);
    this.addSql(`create table "cache_epoch" ("name" text not null, "epoch" bigint not null, primary key ("name"));`);
    this.addSql(`create function zt_cache_bump() returns trigger language plpgsql as $$
declare
  next_epoch bigint := nextval('cache_epoch_seq');
begin
  insert into cache_epoch (name, epoch) values (tg_argv[0], next_epoch)
    on conflict (name) do update set epoch = excluded.epoch;
  perform pg_notify('zt_cache', tg_argv[0] || ':' || next_epoch);
  return null;
end
$$;`);
  }

  override down(): void {
    this.addSql(`drop function if exists zt_cache_bump() cascade;`);
    this.addSql(`drop table if exists "cache_epoch";`);
    this.addSql(`drop sequence if exists "cache_epoch_seq";`);
  }
}
