// Issue #13: the package root and `zhongtai/container` export every facade type and every context's module.
import { describe, expect, it } from 'vitest';
import * as container from '../../adapters/container/index.js';
import * as mikroOrm from '../../adapters/persistence/mikro-orm/index.js';
import * as root from '../../index.js';
import type * as R from '../../index.js';

type Facades = Omit<R.Zhongtai, keyof R.ZhongtaiCore>;

// One named type per facade of `zt`: a facade added to a manifest without its named export here fails to
// compile (a missing key), and so does a named type that is not that facade.
const named = {
  catalog: undefined as unknown as R.CatalogFacade,
  inventory: undefined as unknown as R.InventoryFacade,
  dispatch: undefined as unknown as R.DispatchFacade,
  coupons: undefined as unknown as R.CouponFacade,
  promotions: undefined as unknown as R.PromotionFacade,
  freight: undefined as unknown as R.FreightFacade,
  cart: undefined as unknown as R.CartFacade,
  membership: undefined as unknown as R.MembershipFacade,
  checkout: undefined as unknown as R.CheckoutFacade,
  orders: undefined as unknown as R.OrdersFacade,
  orderQueries: undefined as unknown as R.OrderQueryFacade,
  payments: undefined as unknown as R.PaymentsFacade,
  fulfilment: undefined as unknown as R.FulfilmentFacade,
  afterSales: undefined as unknown as R.AfterSalesFacade,
  invoices: undefined as unknown as R.InvoiceFacade,
  ledger: undefined as unknown as R.LedgerFacade,
  reconciliation: undefined as unknown as R.ReconciliationFacade,
} satisfies { readonly [K in keyof Facades]-?: Facades[K] };

const manifestName = (context: string) => `${context}Context`;

describe('what the package exports (issue #13)', () => {
  it('names a type for every facade a zhongtai of all contexts has', () => {
    const zt = root.createZhongtai();
    const facades = Object.keys(zt).filter((k) => !['events', 'persistence', 'clock', 'container', 'jobs', 'contexts', 'close'].includes(k));
    expect(facades.sort()).toEqual(Object.keys(named).sort());
  });

  it('exports every context of CONTEXTS as its manifest, from the root and from zhongtai/container alike', () => {
    expect(root.CONTEXTS).toBe(container.CONTEXTS);
    for (const m of root.CONTEXTS) {
      expect((root as Record<string, unknown>)[manifestName(m.name)], m.name).toBe(m);
      expect((container as Record<string, unknown>)[manifestName(m.name)], m.name).toBe(m);
    }
    const exportedManifests = Object.keys(container).filter((k) => /^[a-z][A-Za-z]*Context$/.test(k) && k !== 'defineContext');
    expect(exportedManifests.sort()).toEqual(root.CONTEXTS.map((m) => manifestName(m.name)).sort());
  });

  it('exports what a host needs to add a context of its own', () => {
    for (const name of ['defineContext', 'baseDeps', 'exposed', 'memoryStore', 'memoryReadModel', 'provide']) {
      expect(typeof (root as Record<string, unknown>)[name], name).toBe('function');
      expect((container as Record<string, unknown>)[name], name).toBe((root as Record<string, unknown>)[name]);
    }
    // Its store and read-model keys from the root; its PostgreSQL part's helpers from zhongtai/mikro-orm.
    expect(root.storeKey<{ n: number }>('host-notes').context).toBe('host-notes');
    expect(typeof root.readModelKey).toBe('function');
    expect(typeof mikroOrm.pgStore).toBe('function');
    expect(typeof mikroOrm.pgReadModel).toBe('function');
  });
});
