import type { RfmRuns } from '../../../../domain/membership/ports.js';
import { computeRfm, fellSharply, SEGMENTS, wakeUpEvent, type RfmConfig, type RfmRun, type RfmScore, type Segment } from '../../../../domain/membership/rfm.js';
import type { MemoryTransactionState } from '../memory-transaction.js';
import { byId, key, put, read, rows } from './tables.js';

/** RFM in memory: the domain's `computeRfm` over every fact (memory mode is for small data). */
export class MemoryRfmRuns implements RfmRuns {
  constructor(private readonly tx: MemoryTransactionState) {}

  async run(cmd: { id: string; asOf: Date; config: RfmConfig; at: Date; newId: () => string }): Promise<RfmRun> {
    const previous = await this.latest();
    const scores = computeRfm(rows(this.tx, 'orderFacts'), cmd.asOf, cmd.config);
    const before = new Map(previous ? (await this.scores(previous.id, { limit: Number.MAX_SAFE_INTEGER })).map((s) => [s.memberId, s.frequency]) : []);
    let wakeUps = 0;
    let downgrades = 0;
    for (const s of scores) {
      put(this.tx, 'rfmScores', { ...s, id: key(cmd.id, s.memberId), runId: cmd.id, version: 0 });
      const prev = before.get(s.memberId);
      if (prev !== undefined && fellSharply(prev, s.frequency, cmd.config)) {
        this.tx.record([wakeUpEvent(cmd.id, s.memberId, prev, s.frequency, cmd.at)]);
        wakeUps += 1;
      }
      const m = read(this.tx, 'members', s.memberId);
      const d = cmd.config.downgradeAtRecencyScore;
      if (d !== null && m && s.r <= d && m.level > 1) {
        put(this.tx, 'members', { ...m, level: m.level - 1 });
        put(this.tx, 'memberLevelChanges', {
          id: cmd.newId(),
          memberId: m.id,
          scope: 'platform',
          fromLevel: m.level,
          toLevel: m.level - 1,
          reason: 'rfm',
          at: cmd.at,
          version: 0,
        });
        downgrades += 1;
      }
    }
    const run: RfmRun = { id: cmd.id, asOf: cmd.asOf, config: cmd.config, members: scores.length, wakeUps, downgrades, at: cmd.at };
    put(this.tx, 'rfmRuns', { ...run, version: 0 });
    return run;
  }

  async get(runId: string): Promise<RfmRun | null> {
    const r = read(this.tx, 'rfmRuns', runId);
    return r ? strip(r) : null;
  }

  async latest(): Promise<RfmRun | null> {
    const runs = rows(this.tx, 'rfmRuns').sort(byId);
    return runs.length ? strip(runs[runs.length - 1]!) : null;
  }

  async segmentCounts(runId: string): Promise<Record<Segment, number>> {
    const counts = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>;
    for (const s of rows(this.tx, 'rfmScores')) if (s.runId === runId) counts[s.segment] += 1;
    return counts;
  }

  async score(runId: string, memberId: string): Promise<RfmScore | null> {
    const s = read(this.tx, 'rfmScores', key(runId, memberId));
    return s ? score(s) : null;
  }

  async scores(runId: string, page: { after?: string; limit: number }): Promise<RfmScore[]> {
    return rows(this.tx, 'rfmScores')
      .filter((s) => s.runId === runId && (page.after === undefined || s.memberId > page.after))
      .sort((a, b) => (a.memberId < b.memberId ? -1 : 1))
      .slice(0, page.limit)
      .map(score);
  }
}

const strip = ({ version: _, ...r }: RfmRun & { version: number }): RfmRun => r;
const score = (s: RfmScore): RfmScore => ({
  memberId: s.memberId,
  recencyDays: s.recencyDays,
  frequency: s.frequency,
  monetary: s.monetary,
  r: s.r,
  f: s.f,
  m: s.m,
  segment: s.segment,
});
