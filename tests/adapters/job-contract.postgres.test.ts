import { describe, expect, it } from 'vitest';
import type { ClaimedJob } from '../../application/shared/jobs.js';
import { fileDatabase } from '../support/postgres.js';
import { inTx } from './contract/support.js';
import { aJob, jobContract, schedule, t } from './job-contract.js';

let statements: string[] | undefined;
const db = fileDatabase({ onStatement: (text) => void statements?.push(text.trim()) });

jobContract(db.name, async () => ({ fresh: db.fresh }));

describe('job table on PostgreSQL', () => {
  it('the jobs a transaction schedules go out just before COMMIT with its events, in one statement: insert … on conflict (key) do nothing (issue #14)', async () => {
    const p = await db.fresh();
    statements = [];
    try {
      await inTx(p, async (tx) => {
        await tx.jobs.schedule(aJob('job-1'));
        await tx.jobs.schedule(aJob('job-2', t(1)));
        tx.recordEvents([{ type: 'scheduled', aggregateId: 'x', occurredAt: t(0), payload: {} }]);
      });
    } finally {
      const seen = statements.filter((s) => !/^(begin|commit|rollback)/i.test(s));
      statements = undefined;
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^with w0 as \(insert into job .* on conflict \(key\) do nothing\) insert into outbox /s);
    }
    expect((await p.jobQueue.claimDue(t(10), 10, 60_000)).map((j) => j.key).sort()).toEqual(['job-1', 'job-2']);
  });

  it('two runners claiming at the same time never get the same job, and together get them all', async () => {
    const p = await db.fresh();
    const keys = Array.from({ length: 300 }, (_, i) => `job-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < keys.length; i += 100) await schedule(p, ...keys.slice(i, i + 100).map((k, j) => aJob(k, t((i + j) % 7))));
    const runner = async (): Promise<ClaimedJob[]> => {
      const mine: ClaimedJob[] = [];
      for (;;) {
        const batch = await p.jobQueue.claimDue(t(10), 7, 60_000);
        if (batch.length === 0) return mine;
        mine.push(...batch);
      }
    };
    const [a, b] = await Promise.all([runner(), runner()]);
    const ka = new Set(a.map((j) => j.key));
    const kb = new Set(b.map((j) => j.key));
    expect(ka.size).toBe(a.length);
    expect(kb.size).toBe(b.length);
    expect([...ka].filter((k) => kb.has(k))).toEqual([]);
    expect([...ka, ...kb].sort()).toEqual(keys);
  });

  it('the key is unique in the table itself', async () => {
    await db.fresh();
    await db.sql(`insert into job (kind, key, payload, run_at) values ('k', 'job-1', '{}', now())`);
    await expect(db.sql(`insert into job (kind, key, payload, run_at) values ('k', 'job-1', '{}', now())`)).rejects.toThrow(/job_key_unique/);
  });
});
