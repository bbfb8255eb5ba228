import type { UseCaseDeps } from '../shared/deps.js';

/** What the finance context's use cases are built with: the unit of work, the clock and ids — no ports of their own. */
export interface FinanceDeps extends UseCaseDeps {}
