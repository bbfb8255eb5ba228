import type { RiskControl } from '../../domain/risk/index.js';
import type { PreviewCheckout } from '../checkout/index.js';
import type { UseCaseDeps } from '../shared/deps.js';

/** What the ordering context's use cases are built with: the base deps, the checkout preview, risk control and ORD-3's timeout. */
export interface OrderingDeps extends UseCaseDeps {
  /** Prices what is bought exactly as the checkout page showed it (PRM-3), inside the placing transaction. */
  readonly preview: PreviewCheckout;
  /** Spec §16: blacklists at placement (the risk context's port). */
  readonly risk: RiskControl;
  /** ORD-3: how long an order waits for payment. Default 30 minutes. */
  readonly unpaidTimeoutMs?: number;
}
