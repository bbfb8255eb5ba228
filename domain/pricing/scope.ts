import type { DomainError } from '../shared/domain-error.js';

/** Where the order is placed. */
export type Channel = 'app' | 'h5' | 'pc' | 'mini_program';
export const CHANNELS: readonly Channel[] = ['app', 'h5', 'pc', 'mini_program'];

/** The shopper as the engine needs them: who, which level (VIP1 …), new or not, on which channel. */
export interface MemberContext {
  readonly memberId?: string;
  readonly level?: string;
  /** A new customer: no order ever before (spec §6). */
  readonly isNew: boolean;
  readonly channel: Channel;
}

/** Who an activity is for (spec §5 setup): everyone, new members, listed members, or member levels. */
export type Audience =
  | { readonly kind: 'all' }
  | { readonly kind: 'new_members' }
  | { readonly kind: 'members'; readonly memberIds: readonly string[] }
  | { readonly kind: 'levels'; readonly levels: readonly string[] };

/** Which lines an activity covers. `tags` matches a line carrying any of the tags. */
export type ActivityScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'skus' | 'products' | 'categories' | 'brands' | 'shops' | 'tags'; readonly ids: readonly string[] };

/** What scope matching reads from a line. `categoryIds` holds the leaf category and its ancestors. */
export interface ScopedLine {
  readonly skuId: string;
  readonly productId: string;
  readonly categoryIds: readonly string[];
  readonly brandId: string | null;
  readonly shopId: string;
  readonly selfRun: boolean;
  readonly tags: readonly string[];
}

/** Compiles a scope to a predicate over lines (ids in a Set: one lookup per line). */
export function scopePredicate(scope: ActivityScope | undefined): (line: ScopedLine) => boolean {
  if (!scope || scope.kind === 'all') return () => true;
  const ids = new Set(scope.ids);
  switch (scope.kind) {
    case 'skus':
      return (l) => ids.has(l.skuId);
    case 'products':
      return (l) => ids.has(l.productId);
    case 'categories':
      return (l) => l.categoryIds.some((c) => ids.has(c));
    case 'brands':
      return (l) => l.brandId !== null && ids.has(l.brandId);
    case 'shops':
      return (l) => ids.has(l.shopId);
    case 'tags':
      return (l) => l.tags.some((t) => ids.has(t));
  }
}

export function validateScope(scope: ActivityScope | undefined, fail: (reason: string) => DomainError): void {
  if (scope === undefined || scope.kind === 'all') return;
  if (!['skus', 'products', 'categories', 'brands', 'shops', 'tags'].includes(scope.kind)) throw fail('UNKNOWN_SCOPE');
  if (!Array.isArray(scope.ids) || scope.ids.length === 0 || scope.ids.some((id) => typeof id !== 'string' || id === '')) {
    throw fail('EMPTY_SCOPE');
  }
}

export function audienceAdmits(audience: Audience | undefined, member: MemberContext): boolean {
  if (!audience || audience.kind === 'all') return true;
  switch (audience.kind) {
    case 'new_members':
      return member.isNew;
    case 'members':
      return member.memberId !== undefined && audience.memberIds.includes(member.memberId);
    case 'levels':
      return member.level !== undefined && audience.levels.includes(member.level);
  }
}

export function validateAudience(audience: Audience | undefined, fail: (reason: string) => DomainError): void {
  if (audience === undefined || audience.kind === 'all' || audience.kind === 'new_members') return;
  const list = audience.kind === 'members' ? audience.memberIds : audience.kind === 'levels' ? audience.levels : undefined;
  if (!Array.isArray(list) || list.length === 0) throw fail('EMPTY_AUDIENCE');
}

/** No channel list means every channel. */
export const channelAdmits = (channels: readonly Channel[] | undefined, channel: Channel): boolean =>
  channels === undefined || channels.length === 0 || channels.includes(channel);

export function validateChannels(channels: readonly Channel[] | undefined, fail: (reason: string) => DomainError): void {
  if (channels !== undefined && (!Array.isArray(channels) || channels.some((c) => !CHANNELS.includes(c)))) throw fail('UNKNOWN_CHANNEL');
}

/** A window [from, until): open ends are unbounded. */
export const inWindow = (from: Date | undefined, until: Date | undefined, now: Date): boolean =>
  (from === undefined || from.getTime() <= now.getTime()) && (until === undefined || now.getTime() < until.getTime());

export function validateWindow(from: Date | undefined, until: Date | undefined, fail: (reason: string) => DomainError): void {
  const bad = (d: Date | undefined) => d !== undefined && (!(d instanceof Date) || Number.isNaN(d.getTime()));
  if (bad(from) || bad(until)) throw fail('INVALID_DATE');
  if (from && until && from.getTime() >= until.getTime()) throw fail('EMPTY_WINDOW');
}
