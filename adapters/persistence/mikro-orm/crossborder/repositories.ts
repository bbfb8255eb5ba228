import type { CrossBorderStore } from '../../../../application/crossborder/store.js';
import type { CrossBorderPurchases } from '../../../../domain/crossborder/ports.js';
import { Money } from '../../../../domain/shared/money.js';
import type { TxScope } from '../db.js';

/** The cross-border store of one PostgreSQL transaction. */
export const pgCrossBorderStore = (_tx: TxScope): CrossBorderStore => ({ purchases: noCrossBorderPurchasesYet });

/**
 * Paid cross-border orders on PostgreSQL: no table yet. Nothing records them until ordering places
 * cross-border orders (issue #6: they are refused, ORDER.CROSS_BORDER_NOT_SUPPORTED), so every person
 * has paid zero — what the in-process counter bound before the context had its store answered too.
 */
export const noCrossBorderPurchasesYet: CrossBorderPurchases = { paidInYear: async () => Money.zero() };
