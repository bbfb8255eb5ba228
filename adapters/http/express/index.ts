export { createApp } from './app.js';
export { createRouter, allRoutes, toProblem, type HttpOptions } from './router.js';
export { Hs256Authenticator, signToken, type Authenticator, type Identity, type IdentityKind } from './auth.js';
export { jsonLogger, silentLogger, type Logger } from './logger.js';
export { openApiDocument } from './openapi.js';
export { route, type Route, type RouteContext, type Access } from './route.js';
export { problem, HttpProblem, STATUS_BY_KIND, type Problem } from './problem.js';
export { OutageLog, type OutageLogOptions } from './outage-log.js';
