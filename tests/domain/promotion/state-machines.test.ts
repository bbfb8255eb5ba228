import { describe, expect, it } from 'vitest';
import { BARGAIN, BARGAIN_TRANSITIONS } from '../../../domain/promotion/bargain.js';
import { afterPayment, GROUP, GROUP_TRANSITIONS, GroupBuy } from '../../../domain/promotion/group-buy.js';
import { REVIEW, REVIEW_TRANSITIONS } from '../../../domain/promotion/review.js';
import { at } from '../../support/mothers.js';
import { aGroupBuy, aPublished } from './promotion-mothers.js';

/** Issue #13: the promotion aggregates move through the state-machine helper, one lookup of their exported tables. */
describe('promotion state machines', () => {
  it('REVIEW, GROUP and BARGAIN are the helper over the exported tables: their finals are the history states, a move outside is PROMOTION.INVALID_TRANSITION', () => {
    expect(REVIEW.table).toBe(REVIEW_TRANSITIONS);
    expect(GROUP.table).toBe(GROUP_TRANSITIONS);
    expect(BARGAIN.table).toBe(BARGAIN_TRANSITIONS);
    expect(BARGAIN.finals).toEqual(['complete']);
    expect(REVIEW.finals).toEqual(['rejected', 'superseded']);
    expect(GROUP.finals).toEqual(['succeeded', 'failed']);
    expect(GROUP.rejection('succeeded', 'failed', { groupId: 'g' })).toMatchObject({
      code: 'PROMOTION.INVALID_TRANSITION',
      kind: 'conflict',
      details: { groupId: 'g', from: 'succeeded', to: 'failed' },
    });
  });

  it('a payment applied to a failed group (past the payment guard) never revives it: failed → succeeded is refused by the table', () => {
    const group = GroupBuy.open({ id: 'g1', activity: aPublished('gb', aGroupBuy()), leader: { memberId: 'L' }, orderId: 'oL', now: at(1) });
    expect(group.expire(at(24 * 60 * 30))).toBe(true);
    const failed = group.toSnapshot();
    expect(failed.status).toBe('failed');
    expect(() => afterPayment({ ...failed, paid: failed.size - 1 }, 'oL', at(2))).toThrow(
      expect.objectContaining({ code: 'PROMOTION.INVALID_TRANSITION', details: { groupId: 'g1', from: 'failed', to: 'succeeded' } }),
    );
  });

  it('a group that succeeded does not expire: the table lets only forming groups fail', () => {
    const group = GroupBuy.open({ id: 'g1', activity: aPublished('gb', aGroupBuy()), leader: { memberId: 'L' }, orderId: 'oL', now: at(1) });
    const done = GroupBuy.restore({ ...group.toSnapshot(), status: 'succeeded', paid: group.toSnapshot().size });
    expect(done.expire(at(24 * 60 * 30))).toBe(false);
    expect(done.status).toBe('succeeded');
  });
});
