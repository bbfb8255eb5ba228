import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/** The risk context's error list (风控, spec §16): a verdict at order placement that stops the order (403). */
export const RISK_ERRORS = errorCatalogue('RISK', {
  /** High or extreme risk: the order is not placed (403); details `level`, `rule`. */
  ORDER_BLOCKED: 'forbidden',
  /** Medium risk: a second-factor check is needed before this order can be placed (403); details `rule`. */
  VERIFICATION_REQUIRED: 'forbidden',
});

/** The codes by name (`RISK_ERROR.ORDER_BLOCKED` is `'RISK.ORDER_BLOCKED'`). */
export const RISK_ERROR = RISK_ERRORS.codes;

export type RiskErrorCode = CodeOf<typeof RISK_ERRORS>;
