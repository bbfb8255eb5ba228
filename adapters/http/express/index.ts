export { createApp } from './app.js';
export { createRouter, allRoutes, toProblem, type HttpOptions } from './router.js';
export {
  Hs256Authenticator,
  signToken,
  keyId,
  AUDIENCE,
  DEFAULT_ISSUER,
  MIN_SECRET_LENGTH,
  type Authenticator,
  type Identity,
  type IdentityKind,
  type TokenKey,
  type TokenSettings,
  type Hs256Options,
} from './auth.js';
export { jsonLogger, silentLogger, type Logger } from './logger.js';
export { openApiDocument } from './openapi.js';
export { route, errorsOf, type Route, type RouteContext, type Access, type ErrorCodes, type RejectionStatus } from './route.js';
export { GENERIC_ERROR_CODES } from './contract.js';
/** The pieces of response schemas (money, timestamp, page envelopes …), for host routes' `response`. */
export * as wire from './wire/shared.js';
export { problem, HttpProblem, STATUS_BY_KIND, type Problem } from './problem.js';
export { ROLES, roleCatalogue, isRole, routeRoleProblems, type Role } from './roles.js';
export { listen, problemClientErrors } from './server.js';
export { OutageLog, type OutageLogOptions } from './outage-log.js';
