import { route, type Route } from './route.js';
import { health, openApiDocumentSchema, readiness } from './wire/service.js';

/** The service's own public routes: liveness, readiness and the contract. */
export const serviceRoutes: Route[] = [
  route({
    method: 'get',
    path: '/health',
    tag: 'service',
    access: 'public',
    response: health,
    errors: {},
    summary: 'Liveness: the process answers (and names its persistence). It does not check the database.',
    handler: async ({ zt }) => ({ status: 'ok', persistence: zt.persistence.kind }),
  }),
  route({
    method: 'get',
    path: '/ready',
    tag: 'service',
    access: 'public',
    response: readiness,
    errors: {},
    summary:
      'Readiness: the database answers within a short timeout (1 s by default) and the service is not shutting down; otherwise 503 SERVICE.UNAVAILABLE with Retry-After (decision 0024). Point a load balancer here.',
    handler: async ({ service }) => {
      await service.ready();
      return { status: 'ready' as const };
    },
  }),
  route({
    method: 'get',
    path: '/openapi.json',
    tag: 'service',
    access: 'public',
    response: openApiDocumentSchema,
    errors: {},
    summary: 'This OpenAPI 3.1 document, with a servers entry for the prefix the service is mounted at',
    handler: async ({ service }) => service.document(),
  }),
];
