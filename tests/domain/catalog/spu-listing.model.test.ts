/**
 * Model-based test of the SPU listing state machine (上下架, CAT-3): manual list / unlist, scheduled
 * listing and unlisting, and the scheduler's applyDueSchedule under a clock that moves forward in
 * irregular steps (the scheduler may run late). The model is written from the rules, not from the code:
 *
 * - a product that is not listed can be listed; only a listed product can be unlisted;
 * - a schedule entry is an action at a time; times must lie in the future when set, and unlisting must
 *   come after listing;
 * - applying the schedule at `now` performs the due entries in time order; an entry that finds the
 *   product already in its target state does nothing;
 * - a manual action at `now` supersedes the entries that were already due (≤ now) — they are stale —
 *   and a manual listing / unlisting also drops a pending entry of the same kind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPU_STATUSES, SPU_TRANSITIONS, type Spu, type SpuStatus } from '../../../domain/catalog/spu.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { aPhoneSpu, at, domainErrorOf } from '../../support/mothers.js';

interface Model {
  status: SpuStatus;
  listAt: number | null;
  unlistAt: number | null;
  /** minutes after T0 */
  now: number;
}

interface Real {
  spu: Spu;
  now: number;
}

type Outcome = { ok: true; events: ('listed' | 'unlisted')[] } | { ok: false; code: string };

function rejection(code: string): Outcome {
  return { ok: false, code };
}

/** Runs the real call and compares its outcome, state and events with the model's expectation. */
function check(m: Model, r: Real, expected: Outcome, call: () => unknown, next: Partial<Model>): void {
  const before = r.spu.toSnapshot();
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  const events = r.spu.pullEvents();
  if (!expected.ok) {
    expect(error, 'expected a rejection').toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(expected.code);
    expect(r.spu.toSnapshot(), 'a rejected command changes nothing').toEqual(before);
    expect(events).toEqual([]);
  } else {
    if (error !== undefined) throw error;
    Object.assign(m, next);
    expect(events.map((e) => e.type)).toEqual(expected.events.map((t) => `catalog.spu.${t}`));
    for (const e of events) {
      expect(e.aggregateId).toBe(r.spu.id);
      expect(e.occurredAt).toEqual(at(m.now));
    }
  }
  assertInvariants(
    m,
    r,
    before.status,
    events.map((e) => e.type),
  );
}

/** Invariants after every command: real = model, every status change recorded and allowed by the table. */
function assertInvariants(m: Model, r: Real, previousStatus: SpuStatus, eventTypes: readonly string[]): void {
  const s = r.spu.toSnapshot();
  expect(s.status).toBe(m.status);
  expect(s.listAt?.getTime() ?? null).toBe(m.listAt === null ? null : at(m.listAt).getTime());
  expect(s.unlistAt?.getTime() ?? null).toBe(m.unlistAt === null ? null : at(m.unlistAt).getTime());
  expect(SPU_STATUSES).toContain(s.status);
  let status = previousStatus;
  for (const type of eventTypes) {
    const to: SpuStatus = type === 'catalog.spu.listed' ? 'listed' : 'unlisted';
    const allowed: readonly SpuStatus[] = SPU_TRANSITIONS[status];
    expect(allowed, `${status} → ${to} is in the transition table`).toContain(to);
    status = to;
  }
  expect(status, 'every status change is recorded as an event').toBe(s.status);
  if (s.listAt && s.unlistAt) expect(s.unlistAt.getTime()).toBeGreaterThan(s.listAt.getTime());
  expect(s.skus).toHaveLength(4);
}

const due = (t: number | null, now: number): boolean => t !== null && t <= now;

class ListCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const expected: Outcome = m.status !== 'listed' ? { ok: true, events: ['listed'] } : rejection('CATALOG.INVALID_STATUS_CHANGE');
    check(m, r, expected, () => r.spu.list(at(r.now)), {
      status: 'listed',
      listAt: null,
      unlistAt: due(m.unlistAt, m.now) ? null : m.unlistAt,
    });
  }
  toString = () => 'list';
}

class UnlistCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const expected: Outcome = m.status === 'listed' ? { ok: true, events: ['unlisted'] } : rejection('CATALOG.INVALID_STATUS_CHANGE');
    check(m, r, expected, () => r.spu.unlist(at(r.now)), {
      status: 'unlisted',
      unlistAt: null,
      listAt: due(m.listAt, m.now) ? null : m.listAt,
    });
  }
  toString = () => 'unlist';
}

/** An offset in minutes from now, null to cancel, undefined to leave as it is. */
type Offset = number | null | undefined;

class ScheduleCommand implements fc.Command<Model, Real> {
  constructor(
    readonly listIn: Offset,
    readonly unlistIn: Offset,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const abs = (o: Offset): number | null | undefined => (o === null || o === undefined ? o : m.now + o);
    const listAt = abs(this.listIn);
    const unlistAt = abs(this.unlistIn);
    const nextList = listAt === undefined ? m.listAt : listAt;
    const nextUnlist = unlistAt === undefined ? m.unlistAt : unlistAt;
    let expected: Outcome = { ok: true, events: [] };
    if ((typeof listAt === 'number' && listAt <= m.now) || (typeof unlistAt === 'number' && unlistAt <= m.now)) {
      expected = rejection('CATALOG.SCHEDULE_IN_PAST');
    } else if (nextList !== null && nextUnlist !== null && nextUnlist <= nextList) {
      expected = rejection('CATALOG.INVALID_SCHEDULE');
    }
    const toDate = (t: number | null | undefined) => (t === null || t === undefined ? t : at(t));
    check(m, r, expected, () => r.spu.schedule({ listAt: toDate(listAt), unlistAt: toDate(unlistAt) }, at(r.now)), {
      listAt: nextList,
      unlistAt: nextUnlist,
    });
  }
  toString = () => `schedule(list ${String(this.listIn)}, unlist ${String(this.unlistIn)})`;
}

class ApplyDueCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const entries = [
      { at: m.listAt, action: 'list' as const },
      { at: m.unlistAt, action: 'unlist' as const },
    ]
      .filter((e) => due(e.at, m.now))
      .sort((a, b) => a.at! - b.at!);
    let status = m.status;
    const events: ('listed' | 'unlisted')[] = [];
    for (const e of entries) {
      if (e.action === 'list' && status !== 'listed') {
        status = 'listed';
        events.push('listed');
      } else if (e.action === 'unlist' && status === 'listed') {
        status = 'unlisted';
        events.push('unlisted');
      }
    }
    let changed: boolean | undefined;
    check(m, r, { ok: true, events }, () => (changed = r.spu.applyDueSchedule(at(r.now))), {
      status,
      listAt: due(m.listAt, m.now) ? null : m.listAt,
      unlistAt: due(m.unlistAt, m.now) ? null : m.unlistAt,
    });
    expect(changed).toBe(entries.length > 0);
    const s = r.spu.toSnapshot();
    expect(due(s.listAt?.getTime() ?? null, at(m.now).getTime()) || due(s.unlistAt?.getTime() ?? null, at(m.now).getTime())).toBe(false);
  }
  toString = () => 'applyDueSchedule';
}

class TickCommand implements fc.Command<Model, Real> {
  constructor(readonly minutes: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.now += this.minutes;
    r.now += this.minutes;
  }
  toString = () => `tick(${this.minutes})`;
}

const offset: fc.Arbitrary<Offset> = fc.oneof(
  { arbitrary: fc.integer({ min: -3, max: 40 }), weight: 4 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

const commands = fc.commands(
  [
    fc.constant(new ListCommand()),
    fc.constant(new UnlistCommand()),
    fc.tuple(offset, offset).map(([l, u]) => new ScheduleCommand(l, u)),
    fc.constant(new ApplyDueCommand()),
    fc.integer({ min: 0, max: 30 }).map((n) => new TickCommand(n)),
  ],
  { maxCommands: 40 },
);

describe('SPU listing state machine (CAT-3) against a model', () => {
  it('the transition table is draft → listed ⇄ unlisted', () => {
    expect(SPU_TRANSITIONS).toEqual({ draft: ['listed'], listed: ['unlisted'], unlisted: ['listed'] });
  });

  it('every sequence of list, unlist, schedule, clock ticks and applyDueSchedule agrees with the model', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const setup = () => {
          const spu = aPhoneSpu();
          spu.pullEvents();
          return { model: { status: 'draft', listAt: null, unlistAt: null, now: 0 } satisfies Model as Model, real: { spu, now: 0 } };
        };
        fc.modelRun(setup, cmds);
      }),
      { numRuns: 1000 },
    );
  });

  it('CAT-3: a manual unlisting is not undone by a listing entry that was already due', () => {
    // regression found by the model: listed, a listing scheduled for t+5, the scheduler late, the
    // operator unlists at t+10; the stale entry must not list the product again at the next tick
    const spu = aPhoneSpu();
    spu.list(at(0));
    spu.schedule({ listAt: at(5) }, at(1));
    spu.unlist(at(10));
    expect(spu.applyDueSchedule(at(10))).toBe(false);
    expect(spu.status).toBe('unlisted');
  });

  it('CAT-3: a manual listing is not undone by an unlisting entry that was already due', () => {
    const spu = aPhoneSpu();
    spu.schedule({ unlistAt: at(5) }, at(1));
    spu.list(at(10));
    spu.applyDueSchedule(at(10));
    expect(spu.status).toBe('listed');
  });

  it('CAT-3: a scheduled listing then unlisting applied late runs in time order', () => {
    const spu = aPhoneSpu();
    spu.schedule({ listAt: at(5), unlistAt: at(8) }, at(0));
    expect(spu.applyDueSchedule(at(4))).toBe(false);
    expect(spu.status).toBe('draft');
    expect(spu.applyDueSchedule(at(9))).toBe(true);
    expect(spu.status).toBe('unlisted');
    expect(spu.pullEvents().map((e) => e.type)).toEqual(['catalog.spu.created', 'catalog.spu.listed', 'catalog.spu.unlisted']);
  });

  it('CAT-3: scheduled times lie in the future and unlisting comes after listing', () => {
    const spu = aPhoneSpu();
    expect(domainErrorOf(() => spu.schedule({ listAt: at(0) }, at(0))).code).toBe('CATALOG.SCHEDULE_IN_PAST');
    expect(domainErrorOf(() => spu.schedule({ listAt: at(5), unlistAt: at(5) }, at(0))).code).toBe('CATALOG.INVALID_SCHEDULE');
    spu.schedule({ listAt: at(5) }, at(0));
    expect(domainErrorOf(() => spu.schedule({ unlistAt: at(4) }, at(0))).code).toBe('CATALOG.INVALID_SCHEDULE');
    expect(spu.toSnapshot().unlistAt).toBeNull();
  });
});
