import type { Route } from '../route.js';
import { membershipMemberRoutes } from './member-routes.js';
import { membershipStaffRoutes } from './staff-routes.js';

/**
 * Membership (#7). Members act on their own profile, addresses, history and sign-in (`/me/membership…`);
 * staff with role `membership` (or admin) manage rule tables, levels, manual changes and RFM.
 */
export const membershipRoutes: Route[] = [...membershipMemberRoutes, ...membershipStaffRoutes];
