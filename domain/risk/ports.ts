import type { OrderRiskQuery, RiskVerdict } from './risk.js';

/** Port: risk control (风控) as ordering asks it. The default adapter checks blacklists. */
export interface RiskControl {
  assessOrder(query: OrderRiskQuery): Promise<RiskVerdict>;
}
