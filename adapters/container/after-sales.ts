import * as afterSales from '../../application/after-sales/index.js';
import { AFTER_SALES_STORE } from '../../application/after-sales/store.js';
import { memoryAfterSalesStore } from '../persistence/memory/after-sales/repositories.js';
import { seedAfterSalesDemo } from '../demo/after-sales.js';
import { afterSalesRoutes } from '../http/express/after-sales/index.js';
import { baseDeps, defineContext, memoryStore } from './module.js';

/** 售后 (spec §11, issue #15 in progress): requests from opening to the refund and its consequences, over HTTP at /me/after-sales and /admin/after-sales. */
export const afterSalesContext = defineContext({
  name: 'afterSales',
  deps: baseDeps,
  facades: {
    afterSales: {
      open: (d) => new afterSales.OpenAfterSalesRequest(d),
      review: (d) => new afterSales.ReviewAfterSalesRequest(d),
      withdraw: (d) => new afterSales.WithdrawAfterSalesRequest(d),
      shipBack: (d) => new afterSales.ShipBackAfterSalesGoods(d),
      receive: (d) => new afterSales.ReceiveAfterSalesGoods(d),
      adjustRefund: (d) => new afterSales.AdjustAfterSalesRefund(d),
      refund: (d) => new afterSales.RefundAfterSalesRequest(d),
      /** What the `payment.refund-acknowledged` subscription runs. */
      completeRefund: (d) => new afterSales.CompleteAfterSalesRefund(d),
      /** What the `order.shipped` subscription runs (an exchange order's shipment completes its request). */
      completeExchange: (d) => new afterSales.CompleteExchange(d),
      listOfMember: (d) => new afterSales.ListMemberAfterSalesRequests(d),
      get: (d) => new afterSales.GetAfterSalesRequest(d),
      search: (d) => new afterSales.SearchAfterSalesRequests(d),
      statistics: (d) => new afterSales.AfterSalesRequestStatistics(d),
      getWindow: (d) => new afterSales.GetAfterSalesWindow(d),
      setWindow: (d) => new afterSales.SetAfterSalesWindow(d),
      /** The ship-back timer's handler (the job runner calls it). */
      expireUnshipped: (d) => new afterSales.ExpireUnshippedReturn(d),
    },
  },
  jobs: (self) => ({
    [afterSales.AFTER_SALES_JOB.SHIP_BACK_TIMEOUT]: async (job) => {
      const { notBefore } = await self.afterSales.expireUnshipped({ requestId: String(job.payload.requestId) });
      return notBefore ? { notBefore } : undefined;
    },
  }),
  routes: afterSalesRoutes,
  subscriptions: (self) => afterSales.afterSalesSubscriptions(self.afterSales),
  demo: (zt) => seedAfterSalesDemo(zt),
  persistence: {
    memory: [memoryStore(AFTER_SALES_STORE, memoryAfterSalesStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/after-sales/index.js')).afterSalesPostgres,
  },
});
