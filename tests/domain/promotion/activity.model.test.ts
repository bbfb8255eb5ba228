/**
 * Model-based test of an activity's review (PRM-2) with the people who take each step, written from the
 * rules, not from the code:
 *
 * - a version is a draft, then pending review (submitted), then published (approved) or rejected; a
 *   newer published version supersedes the live one; a draft is edited in place, a published or
 *   rejected newest version is followed by a new draft; nothing changes under review; voiding ends all;
 * - every review step names its staff member; the table decides first (INVALID_TRANSITION), then
 *   voided (ACTIVITY_VOIDED), then the name (ACTOR_REQUIRED), then — approving only — four eyes: the
 *   approver neither submitted nor wrote the version (SELF_APPROVAL);
 * - a refused step changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Activity } from '../../../domain/promotion/activity.js';
import { REVIEW_TRANSITIONS, type ReviewStatus } from '../../../domain/promotion/review.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { at } from '../../support/mothers.js';
import { aFullReduction } from './promotion-mothers.js';

interface ModelVersion {
  status: ReviewStatus;
  authors: string[];
  submittedBy: string | null;
  approvedBy: string | null;
}
interface Model {
  versions: ModelVersion[];
  live: number | null;
  voided: boolean;
}
interface Real {
  activity: Activity;
}

const seen = new Set<string>();
const latest = (m: Model) => m.versions[m.versions.length - 1]!;

function step(m: Model, r: Real, expected: string | null, call: () => unknown, apply: () => void): void {
  const before = r.activity.toSnapshot();
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  seen.add(expected ?? 'ok');
  if (expected !== null) {
    expect(error, `expected ${expected}`).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(expected);
    expect(r.activity.toSnapshot(), 'a refused step changes nothing').toBe(before);
  } else {
    if (error !== undefined) throw error;
    apply();
  }
  const s = r.activity.toSnapshot();
  expect(s.versions.map((v) => ({ status: v.status, authors: [...v.authors], submittedBy: v.submittedBy, approvedBy: v.approvedBy }))).toEqual(m.versions);
  expect(s.liveVersion).toBe(m.live);
  expect(s.voidedAt !== null).toBe(m.voided);
  for (const v of s.versions.filter((x) => x.status === 'published' || x.status === 'superseded')) {
    expect(v.approvedBy, 'an approved version names its approver').not.toBeNull();
    expect([v.submittedBy, ...v.authors], 'four eyes').not.toContain(v.approvedBy);
  }
}

/** The table, then voided, then the named staff member: the code a review step to `to` is refused with, if any. */
function reviewRefusal(m: Model, to: ReviewStatus, by: string): string | null {
  if (!(REVIEW_TRANSITIONS[latest(m).status] as readonly ReviewStatus[]).includes(to)) return 'PROMOTION.INVALID_TRANSITION';
  if (m.voided) return 'PROMOTION.ACTIVITY_VOIDED';
  if (by === '') return 'PROMOTION.ACTOR_REQUIRED';
  return null;
}

class Submit implements fc.Command<Model, Real> {
  constructor(readonly by: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    step(
      m,
      r,
      reviewRefusal(m, 'pending_review', this.by),
      () => r.activity.submit(at(2), { by: this.by }),
      () => {
        Object.assign(latest(m), { status: 'pending_review', submittedBy: this.by });
      },
    );
  }
  toString = () => `submit(${this.by})`;
}

class Approve implements fc.Command<Model, Real> {
  constructor(readonly by: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const v = latest(m);
    const own = v.submittedBy === this.by || v.authors.includes(this.by);
    const refusal = reviewRefusal(m, 'published', this.by) ?? (own ? 'PROMOTION.SELF_APPROVAL' : null);
    step(
      m,
      r,
      refusal,
      () => r.activity.approve(at(3), { by: this.by }),
      () => {
        if (m.live !== null) m.versions[m.live - 1]!.status = 'superseded';
        Object.assign(v, { status: 'published', approvedBy: this.by });
        m.live = m.versions.length;
      },
    );
  }
  toString = () => `approve(${this.by})`;
}

class Reject implements fc.Command<Model, Real> {
  constructor(readonly by: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    step(
      m,
      r,
      reviewRefusal(m, 'rejected', this.by),
      () => r.activity.reject('no', at(3), { by: this.by }),
      () => {
        latest(m).status = 'rejected';
      },
    );
  }
  toString = () => `reject(${this.by})`;
}

class Revise implements fc.Command<Model, Real> {
  constructor(readonly by: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const v = latest(m);
    const refusal = m.voided ? 'PROMOTION.ACTIVITY_VOIDED' : v.status === 'pending_review' ? 'PROMOTION.INVALID_TRANSITION' : null;
    step(
      m,
      r,
      refusal,
      () => r.activity.revise({ priority: m.versions.length }, at(1), { by: this.by }),
      () => {
        if (v.status === 'draft') {
          if (!v.authors.includes(this.by)) v.authors.push(this.by);
        } else m.versions.push({ status: 'draft', authors: [this.by], submittedBy: null, approvedBy: null });
      },
    );
  }
  toString = () => `revise(${this.by})`;
}

class Void implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    step(
      m,
      r,
      m.voided ? 'PROMOTION.INVALID_TRANSITION' : null,
      () => r.activity.void('done', at(4)),
      () => {
        m.voided = true;
      },
    );
  }
  toString = () => 'void';
}

const people = ['ann', 'bob', 'cy'];
const person = fc.constantFrom(...people);
const commands = [
  person.map((p) => new Submit(p)),
  fc.constant(new Submit('')),
  person.map((p) => new Approve(p)),
  person.map((p) => new Approve(p)),
  fc.constant(new Approve('')),
  person.map((p) => new Reject(p)),
  person.map((p) => new Revise(p)),
  fc.constant(new Void()),
];

describe('Activity review (PRM-2) with four eyes, against an independent model', () => {
  it('model-based: any sequence of submit, approve, reject, revise and void by any staff — every approved version was approved by someone who neither submitted nor wrote it', () => {
    fc.assert(
      fc.property(person, fc.commands(commands, { maxCommands: 40 }), (creator, cmds) => {
        const activity = Activity.create('act-1', aFullReduction({ endsAt: at(7 * 24 * 60) }), at(0), { by: creator });
        const model: Model = { versions: [{ status: 'draft', authors: [creator], submittedBy: null, approvedBy: null }], live: null, voided: false };
        fc.modelRun(() => ({ model, real: { activity } }), cmds);
      }),
      { numRuns: 1_000 },
    );
    for (const reached of ['ok', 'PROMOTION.SELF_APPROVAL', 'PROMOTION.ACTOR_REQUIRED', 'PROMOTION.INVALID_TRANSITION', 'PROMOTION.ACTIVITY_VOIDED']) {
      expect(seen, reached).toContain(reached);
    }
  });
});
