import type { ShopMembership } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { member } from './lookups.js';
import { checkId } from './profiles.js';
import { MEMBERSHIP_STORE } from './store.js';

/** 店铺会员: a member joins a shop (idempotent), at the shop's level 1. One member, many shops. */
export class JoinShop {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; shopId: string }): Promise<ShopMembership> {
    checkId(cmd.shopId, 'shopId');
    return this.d.uow.run(async (tx) => {
      const members = tx.use(MEMBERSHIP_STORE).members;
      await member(tx, cmd.memberId);
      const existing = await members.shopMembership(cmd.shopId, cmd.memberId);
      if (existing) return existing;
      const m: ShopMembership = { shopId: cmd.shopId, memberId: cmd.memberId, level: 1, joinedAt: this.d.clock.now() };
      await members.saveShopMembership(m);
      tx.recordEvents([{ type: 'membership.shop.joined', aggregateId: cmd.memberId, occurredAt: m.joinedAt, payload: { shopId: cmd.shopId } }]);
      return m;
    });
  }
}
