import * as finance from '../../application/finance/index.js';
import { FINANCE_STORE } from '../../application/finance/store.js';
import { financeRoutes } from '../http/express/finance/index.js';
import { memoryFinanceStore } from '../persistence/memory/finance/repositories.js';
import { baseDeps, defineContext, memoryStore } from './module.js';

/**
 * 财务 (spec §13, issue #16 item 4): the double-entry ledger (分户账) — postings from orders paid and
 * completed, refunds issued and paid out, late payments and channel fees; balanced (FIN-1) and append-only
 * by the database (decision 0037); reversals; trial balance, balances at a date, period reports — over
 * HTTP at /admin/ledger. Reads payments through payment's published `paymentForLedger`.
 */
export const financeContext = defineContext({
  name: 'finance',
  deps: (w): finance.FinanceDeps => baseDeps(w),
  facades: {
    ledger: {
      /** What the subscriptions run, one per business event. */
      postOrderPaid: (d) => new finance.PostOrderPaid(d),
      postOrderCompleted: (d) => new finance.PostOrderCompleted(d),
      postRefundIssued: (d) => new finance.PostRefundIssued(d),
      postRefundPaidOut: (d) => new finance.PostRefundPaidOut(d),
      postLatePayment: (d) => new finance.PostLatePayment(d),
      postLateRefund: (d) => new finance.PostLateRefund(d),
      /** A channel's fees of a day, from its reconciled statement (what reconciliation calls). */
      postChannelFees: (d) => new finance.PostChannelFees(d),
      reversePosting: (d) => new finance.ReversePosting(d),
      accounts: (d) => new finance.ListAccounts(d),
      postings: (d) => new finance.SearchPostings(d),
      trialBalance: (d) => new finance.TrialBalanceAt(d),
      balance: (d) => new finance.BalanceOfAccount(d),
      periodReport: (d) => new finance.PeriodReportOf(d),
      /** What a channel's clearing account holds at a moment (for reconciliation's check against statements). */
      clearingBalance: (d) => new finance.ClearingBalance(d),
    },
  },
  routes: financeRoutes,
  subscriptions: (self) => finance.financeSubscriptions(self.ledger),
  persistence: {
    memory: [memoryStore(FINANCE_STORE, memoryFinanceStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/finance/index.js')).financePostgres,
  },
});
