/**
 * PRM-2 review with a second pair of eyes (issue #12, decision 0021): a version is approved only by a
 * staff member who neither submitted it nor wrote it; the record keeps who submitted and who approved,
 * with the times. Rejecting stays open to the submitter (a withdrawal writes no price).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Activity } from '../../../domain/promotion/activity.js';
import { reviewRejection, type ActivityVersion } from '../../../domain/promotion/review.js';
import { at, domainErrorOf } from '../../support/mothers.js';
import { aFullReduction } from './promotion-mothers.js';

/** Few names, so that the same person often turns up in two roles. */
const staff = fc.constantFrom('ann', 'bob', 'cy', 'dee');

/** A draft written by `author` (and edited by `editors`), submitted by `submitter`. */
function submitted(author: string | null, editors: readonly string[], submitter: string): Activity {
  const a = Activity.create('act-1', aFullReduction(), at(0), author === null ? {} : { by: author });
  editors.forEach((by, i) => a.revise({ priority: i + 1 }, at(1), { by }));
  a.submit(at(2), { by: submitter });
  a.pullEvents();
  return a;
}

describe('PRM-2 four eyes: who approves', () => {
  it('property: any approval by the submitter or an author of the version is refused (PROMOTION.SELF_APPROVAL, 403) and changes nothing; any by someone else passes', () => {
    fc.assert(
      fc.property(fc.option(staff, { nil: null }), fc.array(staff, { maxLength: 3 }), staff, staff, (author, editors, submitter, approver) => {
        const a = submitted(author, editors, submitter);
        const before = a.toSnapshot();
        const ownWork = approver === submitter || approver === author || editors.includes(approver);
        if (ownWork) {
          const e = domainErrorOf(() => a.approve(at(3), { by: approver }));
          expect(e).toMatchObject({ code: 'PROMOTION.SELF_APPROVAL', kind: 'forbidden', details: { version: 1, by: approver } });
          expect(a.toSnapshot(), 'a refused approval changes nothing').toBe(before);
          expect(a.pullEvents()).toEqual([]);
        } else {
          a.approve(at(3), { by: approver });
          expect(a.latest).toMatchObject({ status: 'published', submittedBy: submitter, submittedAt: at(2), approvedBy: approver, approvedAt: at(3) });
          expect(a.toSnapshot().liveVersion).toBe(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: the guard alone — for any version record, approving is refused exactly when the approver submitted or wrote it', () => {
    const base = Activity.create('act-1', aFullReduction(), at(0)).latest;
    fc.assert(
      fc.property(fc.array(staff, { maxLength: 3 }), staff, staff, (authors, submitter, by) => {
        const version: ActivityVersion = { ...base, status: 'pending_review', authors, submittedBy: submitter, submittedAt: at(1) };
        const r = reviewRejection({ voided: false, version, now: at(2), by }, 'published');
        if (by === submitter || authors.includes(by)) expect(r).toMatchObject({ code: 'PROMOTION.SELF_APPROVAL', kind: 'forbidden' });
        else expect(r).toBeNull();
      }),
    );
  });

  it('the record keeps both people with their times, shows who wrote the version, and the events name them', () => {
    const a = Activity.create('act-1', aFullReduction(), at(0), { by: 'mia' });
    expect(a.latest).toMatchObject({ authors: ['mia'], submittedBy: null, approvedBy: null, approvedAt: null });
    a.submit(at(1), { by: 'mia' });
    a.approve(at(2), { by: 'rex' });
    expect(a.latest).toMatchObject({
      authors: ['mia'],
      submittedBy: 'mia',
      submittedAt: at(1),
      approvedBy: 'rex',
      approvedAt: at(2),
      reviewedBy: 'rex',
      reviewedAt: at(2),
    });
    expect(a.pullEvents().map((e) => [e.type, e.payload.by])).toEqual([
      ['promotion.activity.created', 'mia'],
      ['promotion.activity.submitted', 'mia'],
      ['promotion.activity.published', 'rex'],
    ]);
  });

  it('a revision of a published activity is approved by neither its author nor its submitter; the live version keeps serving meanwhile', () => {
    const a = Activity.create('act-1', aFullReduction(), at(0), { by: 'mia' });
    a.submit(at(1), { by: 'mia' });
    a.approve(at(2), { by: 'rex' });
    a.revise({ name: '一分钱' }, at(3), { by: 'rex' }); // the first approver now writes the prices
    a.revise({ priority: 2 }, at(4), { by: 'sam' }); // and another edits the same draft
    expect(a.latest).toMatchObject({ number: 2, authors: ['rex', 'sam'] });
    a.submit(at(5), { by: 'mia' });
    for (const by of ['rex', 'sam', 'mia']) expect(domainErrorOf(() => a.approve(at(6), { by })).code).toBe('PROMOTION.SELF_APPROVAL');
    expect(a.liveAt(at(6))?.definition.name).toBe('满300减40');
    a.approve(at(7), { by: 'joy' });
    expect(a.toSnapshot().versions.map((v) => [v.number, v.status, v.approvedBy])).toEqual([
      [1, 'superseded', 'rex'],
      [2, 'published', 'joy'],
    ]);
  });

  it('the submitter may reject (withdraw) their own submission: it records the reviewer, approves nothing', () => {
    const a = Activity.create('act-1', aFullReduction(), at(0), { by: 'mia' });
    a.submit(at(1), { by: 'mia' });
    a.reject('wrong price', at(2), { by: 'mia' });
    expect(a.latest).toMatchObject({ status: 'rejected', reviewedBy: 'mia', reviewedAt: at(2), approvedBy: null, approvedAt: null });
    expect(a.toSnapshot().liveVersion).toBeNull();
  });

  it('a review step names its staff member (PROMOTION.ACTOR_REQUIRED) — after the table, so a draft is still not approvable', () => {
    const a = Activity.create('act-1', aFullReduction(), at(0));
    const nobody = { by: '' };
    expect(domainErrorOf(() => a.approve(at(1), nobody)).code).toBe('PROMOTION.INVALID_TRANSITION');
    expect(domainErrorOf(() => a.submit(at(1), nobody))).toMatchObject({ code: 'PROMOTION.ACTOR_REQUIRED', kind: 'invalid' });
    expect(domainErrorOf(() => a.submit(at(1), {} as { by: string })).code).toBe('PROMOTION.ACTOR_REQUIRED');
    a.submit(at(1), { by: 'mia' });
    expect(domainErrorOf(() => a.approve(at(2), nobody)).code).toBe('PROMOTION.ACTOR_REQUIRED');
    expect(domainErrorOf(() => a.reject('no', at(2), nobody)).code).toBe('PROMOTION.ACTOR_REQUIRED');
    expect(a.latest.status).toBe('pending_review');
  });

  it('a version submitted by nobody known (stored before four eyes) cannot be approved: who would the second pair of eyes be?', () => {
    const a = Activity.create('act-1', aFullReduction(), at(0));
    a.submit(at(1), { by: 'mia' });
    const legacy = Activity.restore({ ...a.toSnapshot(), versions: [{ ...a.latest, submittedBy: null }] });
    expect(domainErrorOf(() => legacy.approve(at(2), { by: 'rex' }))).toMatchObject({
      code: 'PROMOTION.SELF_APPROVAL',
      details: { reason: 'SUBMITTER_UNKNOWN' },
    });
    legacy.reject('resubmit it', at(2), { by: 'rex' });
    expect(legacy.latest.status).toBe('rejected');
  });
});
