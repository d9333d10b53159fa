import { inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { communities } from './schema.ts';

/** Names of communities, for naming an order's source. */
export async function communityNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(inArray(communities.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
