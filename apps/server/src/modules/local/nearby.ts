import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { boundingBox, formatDistance } from './rules.ts';
import { localStores } from './schema.ts';
import { liveOffersOf, offerDto, storeDto } from './stores.ts';

// 附近: stores within a radius of the buyer, nearest first. PostGIS is not assumed (PGlite has none): a bounding box
// on the (lat, lng) index narrows the candidates, then the exact haversine distance filters and orders them.

export interface Point {
  lat: number;
  lng: number;
}

/** Haversine distance in metres from `p` to a store's coordinates, in SQL. */
const distanceTo = (p: Point) => sql<number>`(2 * 6371008.8 * asin(least(1, sqrt(
  power(sin(radians(${localStores.lat} - ${p.lat}::float8) / 2), 2)
  + cos(radians(${p.lat}::float8)) * cos(radians(${localStores.lat}))
  * power(sin(radians(${localStores.lng} - ${p.lng}::float8) / 2), 2)))))`;

/**
 * Open stores within `radiusM` of `p`, nearest first. `scan: 'full'` drops the bounding box: the benchmark's
 * baseline, the same answer computed over every row.
 */
export async function storesWithin(
  db: Db,
  p: Point,
  radiusM: number,
  limit: number,
  scan: 'box' | 'full' = 'box',
): Promise<{ store: typeof localStores.$inferSelect; distanceM: number }[]> {
  const box = boundingBox(p.lat, p.lng, radiusM);
  const distance = distanceTo(p);
  const rows = await db
    .select({ store: localStores, distanceM: distance.mapWith(Number) })
    .from(localStores)
    .where(
      and(
        eq(localStores.status, 'open'),
        scan === 'box' ? between(localStores.lat, box.minLat, box.maxLat) : undefined,
        scan === 'box' ? between(localStores.lng, box.minLng, box.maxLng) : undefined,
        sql`${distance} <= ${radiusM}`,
      ),
    )
    .orderBy(asc(distance), asc(localStores.id))
    .limit(limit);
  return rows;
}

/** The shop's 附近 list: stores within the radius (3 km unless asked otherwise), each with its offers on sale. */
export async function nearbyOffers(ctx: Ctx, q: Point & { radiusM?: number | undefined }) {
  const radiusM = q.radiusM ?? ctx.deps.config.LOCAL_NEARBY_RADIUS_M;
  const stores = await storesWithin(ctx.db, q, radiusM, 50);
  const offers = await liveOffersOf(
    ctx.db,
    stores.map((s) => s.store.id),
    ctx.now(),
  );
  return {
    radiusM,
    items: stores.map(({ store, distanceM }) => ({
      store: storeDto(store),
      distanceM: Math.round(distanceM),
      distance: formatDistance(distanceM),
      offers: offers
        .filter((o) => o.storeId === store.id)
        .sort((a, b) => a.price - b.price || a.id.localeCompare(b.id))
        .map(offerDto),
    })),
  };
}
