import type { App } from '../app.ts';
import type { Deps } from '../deps.ts';
import accountRoutes from './accounts/routes.ts';
import { wireAfterSales } from './aftersales/events.ts';
import afterSaleRoutes from './aftersales/routes.ts';
import { ensureDefaultCategories } from './catalog/categories.ts';
import { wire as wireCatalog } from './catalog/events.ts';
import catalogRoutes from './catalog/routes.ts';
import mediaRoutes from './media/routes.ts';
import { wireOrders } from './orders/events.ts';
import orderRoutes from './orders/routes.ts';
import { wirePayments } from './payments/events.ts';
import paymentRoutes from './payments/routes.ts';
import reviewRoutes from './reviews/routes.ts';
import systemRoutes from './system/routes.ts';

export interface ModuleDef {
  name: string;
  routes?: (app: App) => Promise<void>;
  /** Subscribes to events and registers jobs. */
  wire?: (deps: Deps) => void;
  /** Runs once at start, after migrations (reference data such as the category tree). */
  init?: (deps: Deps) => Promise<void>;
}

/** Every business capability, in the order they are wired. */
export const modules: ModuleDef[] = [
  { name: 'system', routes: systemRoutes },
  { name: 'accounts', routes: accountRoutes },
  { name: 'catalog', routes: catalogRoutes, wire: wireCatalog, init: (deps) => ensureDefaultCategories(deps.database.db) },
  { name: 'media', routes: mediaRoutes },
  { name: 'orders', routes: orderRoutes, wire: wireOrders },
  { name: 'payments', routes: paymentRoutes, wire: wirePayments },
  { name: 'aftersales', routes: afterSaleRoutes, wire: wireAfterSales },
  { name: 'reviews', routes: reviewRoutes },
];
