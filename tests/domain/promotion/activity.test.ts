import { describe, expect, it } from 'vitest';
import { compileActivity } from '../../../domain/pricing/activity.js';
import { Activity } from '../../../domain/promotion/activity.js';
import { activityCode } from '../../../domain/promotion/code.js';
import {
  REVIEW_GUARDS,
  REVIEW_STATUSES,
  REVIEW_TRANSITIONS,
  reviewRejection,
  timeStatusAt,
  type ActivityVersion,
  type ReviewStatus,
} from '../../../domain/promotion/review.js';
import { Money } from '../../../domain/shared/money.js';
import { at, domainErrorOf } from '../../support/mothers.js';
import { aBargain, aFullReduction, aGroupBuy, aPublished, GROUP_SKU } from './promotion-mothers.js';

const draft = () => Activity.create('act-1', aFullReduction(), at(0));
const types = (a: Activity) => a.pullEvents().map((e) => e.type);

describe('Activity setup (PRM-2)', () => {
  it('creates version 1 as a draft with a generated code, defaults filled, and records promotion.activity.created', () => {
    const a = draft();
    const s = a.toSnapshot();
    expect(s).toMatchObject({ id: 'act-1', code: activityCode('act-1'), kind: 'full_reduction', liveVersion: null, voidedAt: null, version: 0 });
    expect(s.versions).toHaveLength(1);
    expect(s.versions[0]).toMatchObject({ number: 1, status: 'draft', submittedAt: null, reviewedAt: null });
    expect(s.versions[0]!.definition).toMatchObject({
      name: '满300减40',
      channels: [],
      audience: { kind: 'all' },
      scope: { kind: 'all' },
      shopId: null,
      perMemberLimit: null,
      budget: null,
      stacking: 'shared',
      priority: 0,
      groupBuy: null,
      stockPool: null,
    });
    expect(types(a)).toEqual(['promotion.activity.created']);
  });

  it('codes are ACT- and Crockford base 32 of the id: a UUID gives 26 characters, distinct ids distinct codes', () => {
    expect(activityCode('018f2d3c-7b1a-7c00-8000-0123456789ab')).toMatch(/^ACT-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(activityCode('018f2d3c-7b1a-7c00-8000-0123456789ab')).not.toBe(activityCode('018f2d3c-7b1a-7c00-8000-0123456789ac'));
    expect(new Set(['a1', 'A1', 'a2', 'a10', '活动'].map(activityCode)).size).toBe(5);
  });

  it('stores rule amounts as decimal strings (a Money in the rule becomes its string), and the engine accepts what is stored', () => {
    const a = Activity.create(
      'act-m',
      aFullReduction({ rule: { kind: 'full_reduction', rule: { mode: 'per_every', every: Money.of('100'), off: '10.00' } } }),
      at(0),
    );
    const rule = a.latest.definition.rule;
    expect(rule).toEqual({ kind: 'full_reduction', rule: { mode: 'per_every', every: '100.00', off: '10.00' } });
  });

  it.each([
    ['PRM-2: a window that ends before it starts', { endsAt: at(-1) }, 'PROMOTION.INVALID_WINDOW', 'ENDS_BEFORE_START'],
    ['a window that ends when it starts', { endsAt: at(0) }, 'PROMOTION.INVALID_WINDOW', 'ENDS_BEFORE_START'],
    ['an invalid date', { startsAt: new Date('nope') }, 'PROMOTION.INVALID_WINDOW', 'INVALID_DATE'],
    ['an empty name', { name: '  ' }, 'PROMOTION.INVALID_NAME', 'LENGTH'],
    ['a per-member limit of 0', { perMemberLimit: 0 }, 'PROMOTION.INVALID_SETTINGS', 'OUT_OF_RANGE'],
    ['a negative priority', { priority: -1 }, 'PROMOTION.INVALID_SETTINGS', 'OUT_OF_RANGE'],
    ['a zero budget', { budget: Money.of(0) }, 'PROMOTION.INVALID_BUDGET', 'NOT_A_POSITIVE_AMOUNT'],
    ['a budget of fractional cents', { budget: Money.of('1.005') }, 'PROMOTION.INVALID_BUDGET', 'NOT_A_POSITIVE_AMOUNT'],
    ['a budget in dollars', { budget: Money.of('100', 'USD') }, 'PROMOTION.INVALID_BUDGET', 'NOT_A_POSITIVE_AMOUNT'],
    ['an unknown channel', { channels: ['fax' as never] }, 'PROMOTION.INVALID_SETTINGS', 'UNKNOWN_CHANNEL'],
    ['an unknown kind', { rule: { kind: 'lottery' } as never }, 'PROMOTION.INVALID_KIND', 'UNKNOWN_KIND'],
    ['a malformed stock pool', { stockPool: 'has space' }, 'PROMOTION.INVALID_SETTINGS', 'MALFORMED'],
  ])('refuses %s with its code', (_what, over, code, reason) => {
    const e = domainErrorOf(() => Activity.create('x', aFullReduction(over), at(0)));
    expect([e.code, e.details.reason]).toEqual([code, reason]);
  });

  it('the rule, audience and scope are judged by the pricing engine itself: overlapping tiers, an empty audience are PRICING.INVALID_RULE', () => {
    const overlapping = aFullReduction({
      rule: {
        kind: 'full_reduction',
        rule: {
          mode: 'tiered',
          tiers: [
            { threshold: '300.00', off: '40.00' },
            { threshold: '300.00', off: '50.00' },
          ],
        },
      },
    });
    expect(domainErrorOf(() => Activity.create('x', overlapping, at(0)))).toMatchObject({ code: 'PRICING.INVALID_RULE', details: { reason: 'TIERS_OVERLAP' } });
    const nobody = aFullReduction({ audience: { kind: 'members', memberIds: [] } });
    expect(domainErrorOf(() => Activity.create('x', nobody, at(0)))).toMatchObject({ code: 'PRICING.INVALID_RULE', details: { field: 'audience' } });
  });

  it.each([
    ['no group-buy terms on a group_buy rule', aGroupBuy({ groupBuy: undefined as never }), 'MISSING'],
    ['group-buy terms on another kind', aFullReduction({ groupBuy: { type: 'normal', size: 3, hours: 24, ladder: [] } }), 'ONLY_FOR_GROUP_BUY'],
    ['a group of one', aGroupBuy({}, { size: 1 }), 'OUT_OF_RANGE'],
    ['ladder sizes not growing', aGroupBuy({}, { ladder: [{ size: 3, prices: [{ skuId: GROUP_SKU, price: '79.00' }] }] }), 'SIZES_NOT_INCREASING'],
    ['a bigger group paying more', aGroupBuy({}, { ladder: [{ size: 5, prices: [{ skuId: GROUP_SKU, price: '99.00' }] }] }), 'PRICE_RISES'],
    ['a ladder pricing other SKUs', aGroupBuy({}, { ladder: [{ size: 5, prices: [{ skuId: 'other', price: '79.00' }] }] }), 'SKUS_DIFFER'],
    ['a ladder mixing prices and percentages', aGroupBuy({}, { ladder: [{ size: 5, percentOff: '20' }] }), 'MIXED_PRICING'],
    ['zero hours', aGroupBuy({}, { hours: 0 }), 'OUT_OF_RANGE'],
  ])('group buy: refuses %s (PROMOTION.INVALID_GROUP_BUY)', (_what, input, reason) => {
    expect(domainErrorOf(() => Activity.create('x', input, at(0)))).toMatchObject({ code: 'PROMOTION.INVALID_GROUP_BUY', details: { reason } });
  });

  it.each([
    ['a floor at the original price', { floorPrice: '100.00' }, 'FLOOR_NOT_BELOW_ORIGINAL'],
    ['more helpers than cents to cut', { originalPrice: '0.05', floorPrice: '0.01', maxHelpers: 5 }, 'TOO_MANY_HELPERS'],
    ['fractional cents', { floorPrice: '1.005' }, 'NOT_AN_AMOUNT'],
    ['no helpers', { maxHelpers: 0 }, 'OUT_OF_RANGE'],
  ])('bargain: refuses %s (PROMOTION.INVALID_BARGAIN)', (_what, rule, reason) => {
    expect(domainErrorOf(() => Activity.create('x', aBargain({}, rule), at(0)))).toMatchObject({ code: 'PROMOTION.INVALID_BARGAIN', details: { reason } });
  });
});

describe('PRM-2 review: the transition table as data, with pure guards', () => {
  const version = (status: ReviewStatus, endsAt = at(100)): ActivityVersion => ({
    ...draft().latest,
    status,
    submittedBy: 'mia',
    definition: { ...draft().latest.definition, endsAt },
  });

  it('every pair of statuses is allowed exactly when the table lists it; otherwise PROMOTION.INVALID_TRANSITION with from and to', () => {
    for (const from of REVIEW_STATUSES) {
      for (const to of REVIEW_STATUSES) {
        const r = reviewRejection({ voided: false, version: version(from), now: at(0), by: 'rex' }, to);
        const listed = (REVIEW_TRANSITIONS[from] as readonly ReviewStatus[]).includes(to);
        if (listed) expect(r, `${from} → ${to}`).toBeNull();
        else expect(r, `${from} → ${to}`).toMatchObject({ code: 'PROMOTION.INVALID_TRANSITION', details: { from, to } });
      }
    }
  });

  it('guards: a voided activity takes no step; nothing is submitted or approved once its window has ended', () => {
    expect(reviewRejection({ voided: true, version: version('draft'), now: at(0), by: 'rex' }, 'pending_review')?.code).toBe('PROMOTION.ACTIVITY_VOIDED');
    expect(reviewRejection({ voided: false, version: version('draft', at(10)), now: at(10), by: 'rex' }, 'pending_review')?.code).toBe(
      'PROMOTION.WINDOW_ENDED',
    );
    expect(reviewRejection({ voided: false, version: version('pending_review', at(10)), now: at(11), by: 'rex' }, 'published')?.code).toBe(
      'PROMOTION.WINDOW_ENDED',
    );
    expect(reviewRejection({ voided: false, version: version('pending_review', at(10)), now: at(11), by: 'rex' }, 'rejected')).toBeNull();
    expect(Object.keys(REVIEW_GUARDS).sort()).toEqual([...REVIEW_STATUSES].sort());
  });

  it('PRM-2: approving what was never submitted is PROMOTION.INVALID_TRANSITION and changes nothing', () => {
    const a = draft();
    a.pullEvents();
    const before = a.toSnapshot();
    expect(domainErrorOf(() => a.approve(at(1), { by: 'rex' }))).toMatchObject({
      code: 'PROMOTION.INVALID_TRANSITION',
      kind: 'conflict',
      details: { from: 'draft', to: 'published' },
    });
    expect(domainErrorOf(() => a.reject('no', at(1), { by: 'rex' })).code).toBe('PROMOTION.INVALID_TRANSITION');
    expect(a.toSnapshot()).toBe(before);
    expect(a.pullEvents()).toEqual([]);
  });

  it('PRM-2: draft → pending review → published; the published version serves', () => {
    const a = draft();
    a.submit(at(1), { by: 'alice' });
    expect(a.latest).toMatchObject({ status: 'pending_review', submittedBy: 'alice' });
    expect(a.activeAt(at(2))).toBeNull();
    a.approve(at(2), { by: 'bob' });
    expect(a.latest).toMatchObject({ status: 'published', reviewedBy: 'bob' });
    expect(a.toSnapshot().liveVersion).toBe(1);
    expect(types(a)).toEqual(['promotion.activity.created', 'promotion.activity.submitted', 'promotion.activity.published']);
    const input = a.activeAt(at(3))!;
    expect(input).toMatchObject({ id: 'act-1', kind: 'full_reduction', name: '满300减40', startsAt: at(0), endsAt: at(24 * 60) });
    expect(compileActivity(input, 'CNY').family).toBe('reduction');
  });

  it('PRM-2: editing a published activity makes version 2, reviewed on its own, while version 1 keeps serving; approval replaces it', () => {
    const a = aPublished('act-1', aFullReduction());
    const v2 = a.revise(
      { name: '满300减50', rule: { kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '300.00', off: '50.00' }] } } },
      at(10),
    );
    expect(v2).toMatchObject({ number: 2, status: 'draft' });
    expect(a.activeAt(at(11))?.name).toBe('满300减40');
    a.revise({ name: '满300减45' }, at(11)); // a draft is edited in place
    expect(a.toSnapshot().versions.map((v) => [v.number, v.status, v.definition.name])).toEqual([
      [1, 'published', '满300减40'],
      [2, 'draft', '满300减45'],
    ]);
    a.submit(at(12), { by: 'mia' });
    expect(domainErrorOf(() => a.revise({ name: 'again' }, at(12)))).toMatchObject({
      code: 'PROMOTION.INVALID_TRANSITION',
      details: { from: 'pending_review' },
    });
    expect(a.activeAt(at(12))?.name).toBe('满300减40');
    a.pullEvents();
    a.approve(at(13), { by: 'joy' });
    expect(a.pullEvents().map((e) => [e.type, e.payload.version, e.payload.replacedVersion])).toEqual([['promotion.activity.published', 2, 1]]);
    expect(a.toSnapshot().versions.map((v) => v.status)).toEqual(['superseded', 'published']);
    expect(a.activeAt(at(14))?.name).toBe('满300减45');
  });

  it('PRM-2: a rejected new version leaves the live one serving; a revision after it starts version 3', () => {
    const a = aPublished('act-1', aFullReduction());
    a.revise({ priority: 5 }, at(1));
    a.submit(at(2), { by: 'mia' });
    a.reject('too generous', at(3), { by: 'bob' });
    expect(a.latest).toMatchObject({ number: 2, status: 'rejected', rejectionReason: 'too generous', reviewedBy: 'bob' });
    expect(a.activeAt(at(4))?.priority).toBe(0);
    expect(domainErrorOf(() => a.reject(' ', at(3), { by: 'bob' })).code).toBe('PROMOTION.INVALID_SETTINGS');
    expect(a.revise({ priority: 4 }, at(5)).number).toBe(3);
  });

  it('a new version keeps the kind (PROMOTION.KIND_CHANGED)', () => {
    const a = aPublished('act-1', aFullReduction());
    expect(domainErrorOf(() => a.revise({ rule: { kind: 'full_discount', tiers: [{ threshold: '100.00', percentOff: '10' }] } }, at(1))).code).toBe(
      'PROMOTION.KIND_CHANGED',
    );
  });

  it('voiding stops the live version at once; afterwards no review step, revision or second void', () => {
    const a = aPublished('act-1', aFullReduction());
    a.void('stock problem', at(5));
    expect(a.activeAt(at(6))).toBeNull();
    expect(a.timeStatusAt(at(6))).toBe('voided');
    expect(types(a)).toEqual(['promotion.activity.voided']);
    expect(domainErrorOf(() => a.revise({ priority: 1 }, at(7))).code).toBe('PROMOTION.ACTIVITY_VOIDED');
    expect(domainErrorOf(() => a.void(undefined, at(7)))).toMatchObject({ code: 'PROMOTION.INVALID_TRANSITION', details: { from: 'voided' } });
    const d = draft();
    d.void(undefined, at(1));
    expect(domainErrorOf(() => d.submit(at(2), { by: 'mia' })).code).toBe('PROMOTION.ACTIVITY_VOIDED');
  });
});

describe('PRM-2 time status: a pure function of now', () => {
  it('not started before the window, active inside [start, end), ended at the end; never published = not started (or ended)', () => {
    const a = aPublished('act-1', aFullReduction({ startsAt: at(10), endsAt: at(20) }));
    expect([9, 10, 19, 20, 30].map((m) => a.timeStatusAt(at(m)))).toEqual(['not_started', 'active', 'active', 'ended', 'ended']);
    expect([9, 10, 19, 20].map((m) => a.activeAt(at(m)) !== null)).toEqual([false, true, true, false]);
    const never = Activity.create('d', aFullReduction({ startsAt: at(10), endsAt: at(20) }), at(0)).toSnapshot();
    expect([5, 15, 20].map((m) => timeStatusAt(never, at(m)))).toEqual(['not_started', 'not_started', 'ended']);
  });

  it('a bargain activity serves (liveAt) but gives the pricing engine nothing (activeAt is null)', () => {
    const a = aPublished('b', aBargain());
    expect(a.liveAt(at(1))?.number).toBe(1);
    expect(a.activeAt(at(1))).toBeNull();
  });
});
