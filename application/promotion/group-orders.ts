import { findSpus } from '../catalog/index.js';
import type { SpuSnapshot } from '../../domain/catalog/index.js';
import type { ActivityScope, ScopedLine } from '../../domain/pricing/index.js';
import type { Activity } from '../../domain/promotion/activity.js';
import { toError } from '../../domain/promotion/errors.js';
import type { GroupBuySnapshot } from '../../domain/promotion/group-buy.js';
import { groupOrderRejection, type GroupOrder } from '../../domain/promotion/group-order.js';
import { orderFacts } from '../ordering/index.js';
import type { Transaction } from '../shared/unit-of-work.js';

/** Scopes that match a line by what the catalog knows of its product, not by what the order holds. */
const CATALOG_SCOPES: readonly ActivityScope['kind'][] = ['categories', 'brands', 'tags'];

/**
 * An order as a group buy judges it (decision 0021): the ordering context's published facts
 * (`orderFacts`, in this transaction); the product's categories, brand and tags are read from the
 * catalog only when the activity's scope matches by them. Null: no such order.
 */
export async function groupOrderOf(tx: Transaction, orderId: string, scope: ActivityScope = { kind: 'all' }): Promise<GroupOrder | null> {
  const facts = await orderFacts(tx, orderId);
  if (!facts) return null;
  const spuIds = [...new Set(facts.lines.map((l) => l.spuId))];
  const spus = new Map<string, SpuSnapshot>();
  if (CATALOG_SCOPES.includes(scope.kind)) for (const spu of await findSpus(tx, spuIds)) spus.set(spu.id, spu);
  const lines = facts.lines.map((l): ScopedLine => {
    const spu = spus.get(l.spuId);
    return {
      skuId: l.skuId,
      productId: l.spuId,
      shopId: l.shopId,
      selfRun: false,
      categoryIds: spu?.categoryPath ?? [],
      brandId: spu?.brandId ?? null,
      tags: spu?.tags.map((t) => t.name) ?? [],
    };
  });
  return { id: facts.id, memberId: facts.memberId, awaitingPayment: facts.awaitingPayment, paid: facts.paid, split: facts.split, lines };
}

/** Opening or joining `group` with `orderId`: the member's own order, awaiting payment, of the activity's goods — or its rejection. */
export async function checkGroupOrder(tx: Transaction, activity: Activity, group: GroupBuySnapshot, memberId: string, orderId: string): Promise<void> {
  const definition = activity.versionNumbered(group.activityVersion)!.definition;
  const order = await groupOrderOf(tx, orderId, definition.scope);
  const rejection = groupOrderRejection({ activityId: activity.id, definition, tier: group.tier, memberId, orderId, order });
  if (rejection) throw toError(rejection);
}
