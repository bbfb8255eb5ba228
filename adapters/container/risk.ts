import type { RiskControl } from '../../domain/risk/index.js';
import { BlacklistRiskControl } from '../system/risk/blacklist-risk-control.js';
import { baseDeps, defineContext, provide, type Wiring } from './module.js';
import { TOKENS } from './tokens.js';

/**
 * The host's risk control: `createZhongtai({ risk })`, or as before issue #13 `createZhongtai({ ordering: { risk } })`;
 * default a blacklist, empty.
 */
const riskOf = (w: Wiring): RiskControl | undefined =>
  (w.options.risk as RiskControl | undefined) ?? ((w.options.ordering ?? {}) as { readonly risk?: RiskControl }).risk;

/** 风控 (spec §16): blacklists at order placement; it has no use cases of its own yet, only the port it provides. */
export const riskContext = defineContext({
  name: 'risk',
  deps: baseDeps,
  facades: {},
  provides: [provide(TOKENS.RiskControl, (w) => riskOf(w) ?? new BlacklistRiskControl())],
});
