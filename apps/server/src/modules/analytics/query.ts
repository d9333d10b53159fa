import type { Deps } from '../../deps.ts';
import type { QueryParams, Row } from '../../platform/analytics/engine.ts';
import { eventsTableDdl } from './event-model.ts';

const ensured = new WeakMap<object, Promise<void>>();

/**
 * Runs a read over the engine's `events` table (created on first use, so a query before the first load
 * answers "nothing yet" instead of failing). Every analytics screen, experiment and alert reads through here.
 */
export async function queryEvents<T extends Row = Row>(
  deps: Deps,
  sql: string,
  params: QueryParams = {},
): Promise<T[]> {
  let ready = ensured.get(deps.analytics);
  if (!ready) {
    ready = deps.analytics.ensure(eventsTableDdl(deps.analytics));
    ensured.set(deps.analytics, ready);
  }
  await ready;
  return deps.analytics.query<T>(sql, params);
}
