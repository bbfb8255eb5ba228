import { z } from 'zod';
import type { Identity } from '../auth.js';
import { component, wireObject, type Check, type Json, type Same } from './shared.js';

/** Who the caller is, as the authenticator saw it. */
export const identity = component('Identity', wireObject({ subject: z.string(), kind: z.enum(['member', 'staff']), roles: z.array(z.string()) }));

export type IdentityWireChecks = [Check<Same<z.output<typeof identity>, Json<Identity>>>];
