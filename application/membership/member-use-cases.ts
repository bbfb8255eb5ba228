import { addAddress, buyPaidCard, changeProfile, checkAudit, newMember, paidCardActive, removeAddress, replaceAddress, type Address, type Gender, type MemberProfile, type ShopMembership } from '../../domain/membership/member.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { member, type Deps } from './support.js';

export interface MemberView extends MemberProfile {
  readonly growth: number;
  readonly points: number;
  readonly paidCardActive: boolean;
  readonly shops: readonly ShopMembership[];
}

const checkId = (id: unknown, what: string) => {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw DomainError.invalid('MEMBERSHIP.INVALID_ID', `${what} is 1 to 64 letters, digits, - or _`, { [what]: id });
};

/** Registers a member (idempotent: an existing member is returned unchanged), with zero growth and points. */
export class RegisterMember {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; phone?: string | null; gender?: Gender }): Promise<MemberProfile> {
    checkId(cmd.memberId, 'memberId');
    return this.uow.run(async (tx) => {
      const existing = await tx.members.get(cmd.memberId);
      if (existing) return existing;
      const m = newMember(cmd.memberId, this.d.clock.now(), cmd);
      const version = await tx.members.save(m);
      tx.recordEvents([{ type: 'membership.member.registered', aggregateId: m.id, occurredAt: m.registeredAt, payload: {} }]);
      return { ...m, version };
    });
  }
}

/** A member's profile with growth and points balances, paid card and shop memberships. */
export class GetMember {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string }): Promise<MemberView> {
    return this.uow.run(async (tx) => {
      const m = await member(tx, cmd.memberId);
      return {
        ...m, growth: await tx.growthLedger.balance(m.id), points: await tx.pointsLedger.balance(m.id),
        paidCardActive: paidCardActive(m, this.d.clock.now()), shops: await tx.members.shopMemberships(m.id),
      };
    });
  }
}

async function edit(uow: UnitOfWork, memberId: string, change: (m: MemberProfile) => MemberProfile): Promise<MemberProfile> {
  return uow.run(async (tx) => {
    const next = change(await member(tx, memberId));
    return { ...next, version: await tx.members.save(next) };
  });
}

export class UpdateMemberProfile {
  constructor(private readonly uow: UnitOfWork) {}
  execute(cmd: { memberId: string; phone?: string | null; gender?: Gender }): Promise<MemberProfile> {
    return edit(this.uow, cmd.memberId, (m) => changeProfile(m, cmd));
  }
}

/**
 * Without `addressId`: adds an address under a new id the server makes. With one: replaces that address
 * of the member's; an id they do not have (another member's, or none) is MEMBERSHIP.ADDRESS_NOT_FOUND,
 * never a new address (decision 0021).
 */
export class PutAddress {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; addressId?: string } & Omit<Address, 'id' | 'isDefault'> & { isDefault?: boolean }): Promise<MemberProfile> {
    const fields = { recipient: cmd.recipient, phone: cmd.phone, region: cmd.region, detail: cmd.detail, isDefault: cmd.isDefault ?? false };
    const addressId = cmd.addressId;
    if (addressId === undefined) return edit(this.uow, cmd.memberId, (m) => addAddress(m, { id: this.d.ids.next(), ...fields }));
    return edit(this.uow, cmd.memberId, (m) => replaceAddress(m, { id: addressId, ...fields }));
  }
}

export class RemoveAddress {
  constructor(private readonly uow: UnitOfWork) {}
  execute(cmd: { memberId: string; addressId: string }): Promise<MemberProfile> {
    return edit(this.uow, cmd.memberId, (m) => removeAddress(m, cmd.addressId));
  }
}

/** 付费会员: buys or extends a paid card (apart from the growth levels). */
export class BuyPaidCard {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; plan: string; days: number }): Promise<MemberProfile> {
    return this.uow.run(async (tx) => {
      const now = this.d.clock.now();
      const next = buyPaidCard(await member(tx, cmd.memberId), cmd.plan, cmd.days, now);
      const version = await tx.members.save(next);
      tx.recordEvents([{ type: 'membership.paid-card.bought', aggregateId: next.id, occurredAt: now, payload: { plan: cmd.plan, days: cmd.days, endsAt: next.paidCard!.endsAt.toISOString() } }]);
      return { ...next, version };
    });
  }
}

/** 店铺会员: a member joins a shop (idempotent), at the shop's level 1. One member, many shops. */
export class JoinShop {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; shopId: string }): Promise<ShopMembership> {
    checkId(cmd.shopId, 'shopId');
    return this.uow.run(async (tx) => {
      await member(tx, cmd.memberId);
      const existing = await tx.members.shopMembership(cmd.shopId, cmd.memberId);
      if (existing) return existing;
      const m: ShopMembership = { shopId: cmd.shopId, memberId: cmd.memberId, level: 1, joinedAt: this.d.clock.now() };
      await tx.members.saveShopMembership(m);
      tx.recordEvents([{ type: 'membership.shop.joined', aggregateId: cmd.memberId, occurredAt: m.joinedAt, payload: { shopId: cmd.shopId } }]);
      return m;
    });
  }
}

/** A shop sets a member's shop level (its own scale, beside the platform level): audited. */
export class SetShopLevel {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; shopId: string; level: number; operator: string; reason: string }): Promise<ShopMembership> {
    checkAudit(cmd.operator, cmd.reason);
    if (!Number.isSafeInteger(cmd.level) || cmd.level < 1 || cmd.level > 20) throw DomainError.invalid('MEMBERSHIP.INVALID_LEVEL', 'a level is 1 to 20', { level: cmd.level });
    return this.uow.run(async (tx) => {
      const m = await tx.members.shopMembership(cmd.shopId, cmd.memberId);
      if (!m) throw DomainError.notFound('MEMBERSHIP.NOT_A_SHOP_MEMBER', `member ${cmd.memberId} has not joined shop ${cmd.shopId}`, { shopId: cmd.shopId });
      const at = this.d.clock.now();
      const next = { ...m, level: cmd.level };
      await tx.members.saveShopMembership(next);
      await tx.members.recordLevelChange({ id: this.d.ids.next(), memberId: m.memberId, scope: cmd.shopId, fromLevel: m.level, toLevel: cmd.level, reason: 'manual', at });
      await tx.members.recordAudit({ id: this.d.ids.next(), memberId: m.memberId, action: 'shop_level', operator: cmd.operator, reason: cmd.reason, detail: { shopId: cmd.shopId, from: m.level, to: cmd.level }, at });
      tx.recordEvents([{ type: 'membership.level.changed', aggregateId: m.memberId, occurredAt: at, payload: { scope: cmd.shopId, fromLevel: m.level, toLevel: cmd.level, reason: 'manual' } }]);
      return next;
    });
  }
}
