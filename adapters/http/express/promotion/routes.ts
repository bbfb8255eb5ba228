import type { Route } from '../route.js';
import { promotionActivityRoutes } from './activity-routes.js';
import { promotionLimitGroupBargainRoutes } from './limit-group-bargain-routes.js';

/**
 * Promotion routes: activities and their review (PRM-2) for marketing staff, group buys and bargains for members, a price preview.
 * The order is the routes' matching and OpenAPI order: the activity routes, then purchase limits, group buys and bargains.
 */
export const promotionRoutes: Route[] = [...promotionActivityRoutes, ...promotionLimitGroupBargainRoutes];
