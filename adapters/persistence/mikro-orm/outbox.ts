import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPublisher } from '../../../application/shared/unit-of-work.js';
import type { DomainEvent } from '../../../domain/shared/domain-event.js';
import { rethrowTranslated, type TxScope } from './db.js';
import { requiredTimestamp } from './records/timestamp.js';

/**
 * How long a process that stored or claimed outbox rows owns their publication: the committing process
 * publishes its own events right after commit, and `drainOutbox` leaves them alone meanwhile.
 */
const CLAIM_SECONDS = 30;

/**
 * Just before COMMIT, in one statement: the jobs the transaction scheduled (`insert … on conflict (key)
 * do nothing`), the inserts it left for now (`TxScope.insertLater`), and its events, with their ids, in
 * the outbox, claimed by this process for its publication right after commit — and, when `verify`
 * names read-cache domains, their epochs now (decision 0030). Returns the outbox rows' ids and the
 * epochs (null when not asked, or nothing to write).
 */
export async function writeAtCommit(tx: TxScope, verify: readonly string[] = []): Promise<{ ids: string[]; epochs: Map<string, string> | null }> {
  const { events, jobs } = tx;
  const later = tx.later.splice(0);
  if (events.length === 0 && jobs.length === 0 && later.length === 0) return { ids: [], epochs: null };
  // The jobs and the inserts left for now as data-modifying CTEs: each its own table, none reads another's rows.
  const ctes = [
    ...(jobs.length > 0
      ? [
          {
            sql: `insert into job (kind, key, payload, run_at)
     select kind, key, payload::jsonb, run_at from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) as j(kind, key, payload, run_at)
     on conflict (key) do nothing`,
            params: [jobs.map((j) => j.kind), jobs.map((j) => j.key), jobs.map((j) => JSON.stringify(j.payload)), jobs.map((j) => j.runAt.toISOString())],
          },
        ]
      : []),
    ...later,
  ];
  const withCtes = ctes.length > 0 ? `with ${ctes.map((c, i) => `w${i} as (${c.sql})`).join(', ')} ` : '';
  const cteParams = ctes.flatMap((c) => c.params);
  const epochsNow = `(select json_object_agg(name, epoch::text) from cache_epoch where name = any(?::text[]))`;
  if (events.length === 0) {
    const [row] = await tx.rows<{ epochs: Record<string, string> | null }>(`${withCtes}select ${verify.length > 0 ? epochsNow : 'null::json'} as epochs`, [
      ...cteParams,
      ...(verify.length > 0 ? [verify] : []),
    ]);
    return { ids: [], epochs: verify.length > 0 ? new Map(Object.entries(row?.epochs ?? {})) : null };
  }
  const inserted = await tx.rows<{ id: string; epochs: Record<string, string> | null }>(
    `${withCtes}insert into outbox (event_id, type, aggregate_id, payload, occurred_at, claimed_until)
     select event_id, type, aggregate_id, payload::jsonb, occurred_at, now() + make_interval(secs => ${CLAIM_SECONDS})
     from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) as e(event_id, type, aggregate_id, payload, occurred_at)
     returning id, ${verify.length > 0 ? epochsNow : 'null::json'} as epochs`,
    [
      ...cteParams,
      events.map((e) => e.id ?? null),
      events.map((e) => e.type),
      events.map((e) => e.aggregateId),
      events.map((e) => JSON.stringify(e.payload)),
      events.map((e) => e.occurredAt),
      ...(verify.length > 0 ? [verify] : []),
    ],
  );
  return {
    ids: inserted.map((r) => String(r.id)),
    epochs: verify.length > 0 ? new Map(Object.entries(inserted[0]?.epochs ?? {})) : null,
  };
}

const MARK_PUBLISHED = 'update outbox set published_at = now() where id = any(array[?]::int8[])';

/**
 * Publishes committed events, then marks them published: at once, or through `marks` in a batch. When
 * the publisher fails, the rows stay unpublished (their attempts counted) for the next `drainOutbox`, and
 * the error is rethrown. Delivery is at least once: a crash between publishing and marking publishes
 * again later.
 */
export async function publishStored(
  em: EntityManager,
  publisher: EventPublisher,
  events: readonly DomainEvent[],
  ids: readonly string[],
  marks?: OutboxMarks,
): Promise<void> {
  try {
    await publisher.publish(events);
  } catch (error) {
    // Given back at once: the next `drainOutbox` (of any process) may publish them.
    await em.execute('update outbox set attempts = attempts + 1, claimed_until = null where id = any(array[?]::int8[])', [[...ids]]).catch(() => {});
    throw error;
  }
  if (marks) return marks.add(ids);
  await em.execute(MARK_PUBLISHED, [[...ids]]).catch(rethrowTranslated);
}

/**
 * Marks the rows this process published many transactions at a time (issue #14): one statement per
 * `delayMs` (or per `maxBatch` rows) instead of one after every commit, and no commit waits for it.
 * Until marked, a row stays claimed by this process (CLAIM_SECONDS, far longer than the delay), so no
 * drain publishes it again; if the process dies first, a drain publishes it again once the claim runs
 * out: delivery stays at least once, and handlers are idempotent by event id.
 */
export class OutboxMarks {
  private pending: string[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private written: Promise<void> = Promise.resolve();

  constructor(
    private readonly em: EntityManager,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 25,
    private readonly maxBatch = 500,
  ) {}

  add(ids: readonly string[]): void {
    this.pending.push(...ids);
    if (this.pending.length >= this.maxBatch) void this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
      this.timer.unref?.();
    }
  }

  /** Writes the marks pending now; resolves once every mark asked for so far is written (or its failure reported). */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const ids = this.pending;
    this.pending = [];
    if (ids.length > 0) this.written = this.written.then(() => this.mark(ids));
    return this.written;
  }

  private async mark(ids: readonly string[]): Promise<void> {
    try {
      await this.em.fork().execute(MARK_PUBLISHED, [ids]);
    } catch (error) {
      this.onError(error);
    }
  }
}

interface OutboxRow {
  id: string;
  event_id: string | null;
  type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  occurred_at: string;
}

const DRAIN_BATCH = 500;

/**
 * Claims a batch of unpublished events no other process holds, in commit (id) order: `for update skip
 * locked` makes processes draining side by side take different rows, and the claim (a lease) keeps a
 * row from being published twice at once — also by its committing process (issue #13).
 */
const CLAIM_UNPUBLISHED = `update outbox set claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
  where id in (
    select id from outbox where published_at is null and (claimed_until is null or claimed_until <= now())
    order by id limit ? for update skip locked)
  returning id, event_id, type, aggregate_id, payload, occurred_at`;

/** Publishes every unpublished event no other process holds, in commit (id) order, batch by batch; returns how many. */
export async function drainOutbox(em: EntityManager, publisher: EventPublisher): Promise<number> {
  let published = 0;
  for (;;) {
    const rows = (await em.execute<OutboxRow[]>(CLAIM_UNPUBLISHED, [DRAIN_BATCH]).catch(rethrowTranslated)).sort((a, b) => Number(a.id) - Number(b.id));
    if (rows.length === 0) return published;
    const events = rows.map(
      (r): DomainEvent => ({
        id: r.event_id ?? `outbox-${r.id}`, // events stored before they carried ids
        type: r.type,
        aggregateId: r.aggregate_id,
        occurredAt: requiredTimestamp(r.occurred_at),
        payload: r.payload,
      }),
    );
    await publishStored(
      em,
      publisher,
      events,
      rows.map((r) => String(r.id)),
    );
    published += rows.length;
    if (rows.length < DRAIN_BATCH) return published;
  }
}
