import { z } from 'zod';
import type { Persistence } from '../../../../application/shared/persistence.js';
import { jsonObject, wireObject, type Check, type Json, type Same } from './shared.js';

/** The service's own routes: liveness and the OpenAPI document. */

export const health = wireObject({ status: z.literal('ok'), persistence: z.enum(['memory', 'postgresql']) });

export const readiness = wireObject({ status: z.literal('ready') });

/** The OpenAPI 3.1 document: its top level described, paths and components as JSON objects. */
export const openApiDocumentSchema = wireObject({
  openapi: z.literal('3.1.0'),
  info: wireObject({ title: z.string(), version: z.string() }),
  servers: z.array(wireObject({ url: z.string() })),
  paths: z.record(z.string(), jsonObject),
  components: jsonObject,
});

export type ServiceWireChecks = [Check<Same<z.output<typeof health>['persistence'], Json<Persistence['kind']>>>];
