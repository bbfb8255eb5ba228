import type { Route } from '../route.js';
import { catalogPublicRoutes } from './public-routes.js';
import { catalogStaffCategoryRoutes } from './staff-category-routes.js';
import { catalogStaffProductRoutes } from './staff-product-routes.js';

/**
 * Catalog routes: public reads of what shoppers may see, staff routes (`/admin`) for everything else.
 * The order is the routes' matching and OpenAPI order: public reads, staff categories, brands and front categories, staff products.
 */
export const catalogRoutes: Route[] = [...catalogPublicRoutes, ...catalogStaffCategoryRoutes, ...catalogStaffProductRoutes];
