import { route, type Route } from './route.js';
import { health, openApiDocumentSchema } from './wire/service.js';

/** The service's own public routes: liveness and the contract. */
export const serviceRoutes: Route[] = [
  route({
    method: 'get', path: '/health', tag: 'service', access: 'public', response: health, errors: {},
    summary: 'Liveness: the process answers (and names its persistence). It does not check the database.',
    handler: async ({ zt }) => ({ status: 'ok', persistence: zt.persistence.kind }),
  }),
  route({
    method: 'get', path: '/openapi.json', tag: 'service', access: 'public', response: openApiDocumentSchema, errors: {},
    summary: 'This OpenAPI 3.1 document, with a servers entry for the prefix the service is mounted at',
    handler: async ({ service }) => service.document(),
  }),
];
