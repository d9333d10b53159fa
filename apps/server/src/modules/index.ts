import type { App } from '../app.ts';
import type { Deps } from '../deps.ts';
import accountRoutes from './accounts/routes.ts';
import { ensureDefaultCategories } from './catalog/categories.ts';
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
  { name: 'catalog', init: (deps) => ensureDefaultCategories(deps.database.db) },
];
