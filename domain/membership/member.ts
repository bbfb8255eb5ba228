import type { DomainError } from '../shared/domain-error.js';
import { MEMBERSHIP_ERRORS } from './errors.js';

export const GENDERS = ['male', 'female', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

/** A delivery address of a member; one of them may be the default. */
export interface Address {
  readonly id: string;
  readonly recipient: string;
  readonly phone: string;
  readonly region: string;
  readonly detail: string;
  readonly isDefault: boolean;
}

/** 付费会员 (a monthly or yearly card): bought for a period, apart from the growth levels. */
export interface PaidCard {
  readonly plan: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/**
 * A member's profile (spec §12). The platform level (VIP1…) follows the growth value; points and growth
 * balances are not fields here: they are the sums of their ledgers, kept by guarded counters.
 */
export interface MemberProfile {
  readonly id: string;
  readonly registeredAt: Date;
  readonly phone: string | null;
  readonly gender: Gender;
  /** Platform level: 1 = VIP1 … */
  readonly level: number;
  readonly addresses: readonly Address[];
  readonly paidCard: PaidCard | null;
  readonly version: number;
}

export const MAX_ADDRESSES = 20;

export function checkPhone(phone: string | null): void {
  if (phone !== null && !/^\+?[0-9]{5,20}$/.test(phone)) {
    throw MEMBERSHIP_ERRORS.raise('INVALID_PHONE', 'a phone number has 5 to 20 digits', { phone });
  }
}

export function newMember(id: string, at: Date, fields: { phone?: string | null; gender?: Gender }): MemberProfile {
  checkPhone(fields.phone ?? null);
  checkGender(fields.gender ?? 'unknown');
  return { id, registeredAt: at, phone: fields.phone ?? null, gender: fields.gender ?? 'unknown', level: 1, addresses: [], paidCard: null, version: 0 };
}

function checkGender(g: string): void {
  if (!(GENDERS as readonly string[]).includes(g)) throw MEMBERSHIP_ERRORS.raise('INVALID_GENDER', `gender is one of ${GENDERS.join(', ')}`, { gender: g });
}

export function changeProfile(m: MemberProfile, fields: { phone?: string | null; gender?: Gender }): MemberProfile {
  if (fields.phone !== undefined) checkPhone(fields.phone);
  if (fields.gender !== undefined) checkGender(fields.gender);
  return { ...m, phone: fields.phone === undefined ? m.phone : fields.phone, gender: fields.gender ?? m.gender };
}

/**
 * Adds an address under a new id made by the server (decision 0021: clients never choose address
 * ids). The one marked default makes the others not default; the first is default.
 */
export function addAddress(m: MemberProfile, a: Address): MemberProfile {
  if (m.addresses.some((x) => x.id === a.id)) throw new Error(`address id ${a.id} is taken: ids are made by the server, once`);
  return placeAddress(m, a, m.addresses);
}

/** Replaces one of the member's own addresses; an id they do not have (another member's, or none) is MEMBERSHIP.ADDRESS_NOT_FOUND. */
export function replaceAddress(m: MemberProfile, a: Address): MemberProfile {
  if (!m.addresses.some((x) => x.id === a.id)) throw addressNotFound(a.id);
  return placeAddress(
    m,
    a,
    m.addresses.filter((x) => x.id !== a.id),
  );
}

function addressNotFound(addressId: string): DomainError {
  return MEMBERSHIP_ERRORS.raise('ADDRESS_NOT_FOUND', `no address ${addressId}`, { addressId });
}

/** `a` checked and placed last beside `others`; default handling as `addAddress` says. */
function placeAddress(m: MemberProfile, a: Address, others: readonly Address[]): MemberProfile {
  for (const [name, v, max] of [
    ['recipient', a.recipient, 60],
    ['region', a.region, 200],
    ['detail', a.detail, 300],
  ] as const) {
    if (typeof v !== 'string' || v.trim().length === 0 || v.length > max) {
      throw MEMBERSHIP_ERRORS.raise('INVALID_ADDRESS', `${name} has 1 to ${max} characters`, { field: name });
    }
  }
  checkPhone(a.phone);
  if (others.length >= MAX_ADDRESSES) throw MEMBERSHIP_ERRORS.raise('TOO_MANY_ADDRESSES', `at most ${MAX_ADDRESSES} addresses`);
  const isDefault = a.isDefault || others.length === 0;
  const rest = isDefault ? others.map((x) => (x.isDefault ? { ...x, isDefault: false } : x)) : others;
  return { ...m, addresses: [...rest, { ...a, isDefault }] };
}

export function removeAddress(m: MemberProfile, addressId: string): MemberProfile {
  const gone = m.addresses.find((x) => x.id === addressId);
  if (!gone) throw addressNotFound(addressId);
  const rest = m.addresses.filter((x) => x.id !== addressId);
  if (gone.isDefault && rest.length > 0 && !rest.some((x) => x.isDefault)) rest[0] = { ...rest[0]!, isDefault: true };
  return { ...m, addresses: rest };
}

const DAY = 86_400_000;

/** Buying a paid card: an active card of the same plan is extended from its end, otherwise it starts now. */
export function buyPaidCard(m: MemberProfile, plan: string, days: number, at: Date): MemberProfile {
  if (!/^[a-z0-9_-]{1,40}$/.test(plan)) throw MEMBERSHIP_ERRORS.raise('INVALID_PLAN', 'a plan is a short code such as "monthly"', { plan });
  if (!Number.isSafeInteger(days) || days < 1 || days > 3660) throw MEMBERSHIP_ERRORS.raise('INVALID_PERIOD', 'a card lasts 1 to 3660 days', { days });
  const active = m.paidCard && m.paidCard.endsAt > at && m.paidCard.plan === plan ? m.paidCard : null;
  const startsAt = active ? active.startsAt : at;
  const from = active ? active.endsAt : at;
  return { ...m, paidCard: { plan, startsAt, endsAt: new Date(from.getTime() + days * DAY) } };
}

export function paidCardActive(m: MemberProfile, at: Date): boolean {
  return m.paidCard !== null && m.paidCard.startsAt <= at && at < m.paidCard.endsAt;
}

/** 店铺会员: a member's membership of one shop, with the shop's own level beside the platform level. */
export interface ShopMembership {
  readonly shopId: string;
  readonly memberId: string;
  readonly level: number;
  readonly joinedAt: Date;
}

/** A level change, platform (`scope` = 'platform') or of a shop (`scope` = the shop id). */
export interface LevelChange {
  readonly id: string;
  readonly memberId: string;
  readonly scope: string;
  readonly fromLevel: number;
  readonly toLevel: number;
  /** 'growth', 'manual', 'rfm' (a downgrade driven by RFM) or 'join'. */
  readonly reason: string;
  readonly at: Date;
}

/** A manual change by staff, audited: who, why, what. */
export interface AuditRecord {
  readonly id: string;
  readonly memberId: string;
  readonly action: string;
  readonly operator: string;
  readonly reason: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

/** Who and why, required for every manual change. */
export function checkAudit(operator: string, reason: string): void {
  if (typeof operator !== 'string' || operator.length === 0) throw MEMBERSHIP_ERRORS.raise('OPERATOR_REQUIRED', 'a manual change names its operator');
  if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > 500) {
    throw MEMBERSHIP_ERRORS.raise('REASON_REQUIRED', 'a manual change gives its reason (1 to 500 characters)');
  }
}
