// The serving side of the recommender bench: loads a synthetic market's catalogue, model and a set of signed-in
// users into a (scratch) database the way production holds them, for the HTTP measurements of bench:recommend and
// bench:feed.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../apps/server/src/deps.ts';
import { createUser } from '../../apps/server/src/modules/accounts/service.ts';
import type { RecommenderModel } from '../../apps/server/src/modules/discovery/model/market-model.ts';
import { precomputeAllUserFeeds, precomputeUserFeeds } from '../../apps/server/src/modules/discovery/precompute.ts';
import type { Db } from '../../apps/server/src/platform/db.ts';
import type { Market } from './market.ts';

/**
 * The serving path at the market's scale: the catalogue (products, one SKU each, shops), discovery's item rows,
 * popularity and top-10 neighbours from the model, and `benchUsers` signed-in users — the most active followers of
 * creators — with their history, interest tags and follow edges (the creators with their purchases too), their
 * candidates precomputed as the rebuild job does. Returns the bench users' phones (password `bench-2026`).
 */
export async function loadServingData(
  deps: Pick<Deps, 'fieldCrypto'>,
  db: Db,
  m: Market,
  model: RecommenderModel,
  benchUsers: number,
  say: (s: string) => void,
  /** `all`: everyone with history, as the rebuild job does; `bench`: only the users who will ask for feeds. */
  precompute: 'all' | 'bench' = 'all',
): Promise<{ phones: string[]; precomputeSeconds: number }> {
  let t0 = performance.now();
  const leafRows = await db.execute(sql`select id from categories where parent_id is not null order by id`);
  const leaves = ((leafRows as { rows: { id: string }[] }).rows ?? []).map((r) => r.id);
  const now = new Date(m.end - 7 * 86_400_000);
  await db.execute(sql`insert into merchants (id, name, status, created_at)
    select 'mch_b' || g, '基准店铺 ' || g, 'active', ${now} from generate_series(0, ${m.spec.merchants - 1}) g`);
  const n = m.items.count;
  const cat = Array.from(m.items.category, (c) => leaves[c % leaves.length]!);
  const merchant = Array.from(m.items.merchant, (x) => `mch_b${x}`);
  const created = Array.from(m.items.createdAt, (t) => new Date(t).toISOString());
  const available = Array.from(m.items.available, (a) => a === 1);
  const pop = Array.from(model.popularity, (p) => Math.round(p * 1000) / 1000);
  await db.execute(sql`insert into products (id, merchant_id, category_id, title, images, status, min_price, max_price, created_at, updated_at)
    select 'prd_b' || (g - 1), v.m, v.c, '基准商品 ' || (g - 1), '{}', case when v.a then 'listed' else 'delisted' end, 9900, 9900, v.t, v.t
    from unnest(${sql.param(merchant)}::text[], ${sql.param(cat)}::text[], ${sql.param(created)}::timestamptz[], ${sql.param(available)}::boolean[]) with ordinality as v(m, c, t, a, g)`);
  await db.execute(sql`insert into skus (id, product_id, merchant_id, spec_values, spec_text, price, stock, created_at)
    select 'sku_b' || substr(id, 6), id, merchant_id, '{}'::jsonb, '默认', 9900, 100, created_at from products where id like 'prd_b%'`);
  await db.execute(sql`insert into discovery_items (product_id, merchant_id, category_id, listed_at, available, popularity, updated_at)
    select 'prd_b' || (g - 1), v.m, v.c, v.t, v.a, v.p, ${now}
    from unnest(${sql.param(merchant)}::text[], ${sql.param(cat)}::text[], ${sql.param(created)}::timestamptz[], ${sql.param(available)}::boolean[], ${sql.param(pop)}::float8[]) with ordinality as v(m, c, t, a, p, g)`);
  // Top-10 neighbours per product, written in slices.
  const { k, ids, scores } = model.neighbours;
  for (let start = 0; start < n; start += 10_000) {
    const from: string[] = [];
    const rank: number[] = [];
    const to: string[] = [];
    const score: number[] = [];
    for (let i = start; i < Math.min(n, start + 10_000); i++)
      for (let r = 0; r < 10; r++) {
        const j = ids[i * k + r]!;
        if (j < 0) break;
        from.push(`prd_b${i}`);
        rank.push(r);
        to.push(`prd_b${j}`);
        score.push(scores[i * k + r]!);
      }
    await db.execute(sql`insert into discovery_neighbours (product_id, kind, rank, neighbour_id, score)
      select v.f, 'similar', v.r, v.t, v.s from unnest(${sql.param(from)}::text[], ${sql.param(rank)}::int[], ${sql.param(to)}::text[], ${sql.param(score)}::float8[]) as v(f, r, t, s)`);
  }
  say(`  catalogue and neighbours loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Bench users: the non-creators following the most creators; their creators come along.
  const following = model.following;
  const candidates = Array.from({ length: m.spec.users - m.spec.creators }, (_, i) => i + m.spec.creators)
    .map((u) => ({ u, f: following.offsets[u + 1]! - following.offsets[u]! }))
    .sort((a, b) => b.f - a.f || a.u - b.u)
    .slice(0, benchUsers)
    .map((x) => x.u);
  const people = new Set(candidates);
  for (const u of candidates)
    for (let p = following.offsets[u]!; p < following.offsets[u + 1]!; p++) people.add(following.cols[p]!);
  const userId = new Map<number, string>();
  const phones = new Map<number, string>();
  let i = 0;
  for (const u of people) {
    const phone = `139${String(10_000_000 + i++).slice(-8)}`;
    // Only the bench users sign in: their creators need no password (hashing one costs ~50 ms of CPU).
    const password = candidates.includes(u) ? 'bench-2026' : undefined;
    const { id } = await createUser(deps, db, { phone, now, ...(password ? { password } : {}) });
    userId.set(u, id);
    phones.set(u, phone);
  }
  const iu: string[] = [];
  const ip: string[] = [];
  const iw: number[] = [];
  const it: string[] = [];
  for (const u of people)
    for (let p = model.byUser.offsets[u]!; p < model.byUser.offsets[u + 1]!; p++) {
      iu.push(userId.get(u)!);
      ip.push(`prd_b${model.byUser.cols[p]!}`);
      iw.push(model.byUser.values[p]!);
      it.push(new Date(model.byUser.lastTimes[p]!).toISOString());
    }
  await db.execute(sql`insert into discovery_interactions (user_id, product_id, kind, weight, last_at, last_event_id)
    select v.u, v.p, 'bought', v.w, v.t, 'bench' from unnest(${sql.param(iu)}::text[], ${sql.param(ip)}::text[], ${sql.param(iw)}::float8[], ${sql.param(it)}::timestamptz[]) as v(u, p, w, t)`);
  await db.execute(sql`insert into discovery_interest_tags (user_id, category_id, weight, updated_at)
    select i.user_id, d.category_id, sum(i.weight), ${now} from discovery_interactions i join discovery_items d on d.product_id = i.product_id
    group by i.user_id, d.category_id having sum(i.weight) >= 10`);
  const fu: string[] = [];
  const fv: string[] = [];
  for (const u of candidates)
    for (let p = following.offsets[u]!; p < following.offsets[u + 1]!; p++) {
      fu.push(userId.get(u)!);
      fv.push(userId.get(following.cols[p]!)!);
    }
  await db.execute(sql`insert into follows (follower_id, target_type, target_id, created_at)
    select v.a, 'user', v.b, ${now} from unnest(${sql.param(fu)}::text[], ${sql.param(fv)}::text[]) as v(a, b) on conflict do nothing`);
  // The rebuild job's last step: each bench user's precomputed candidates (the feed reads one row per user).
  t0 = performance.now();
  const precomputed =
    precompute === 'all'
      ? await precomputeAllUserFeeds(db, now)
      : (
          await precomputeUserFeeds(
            db,
            candidates.map((u) => userId.get(u)!),
            now,
          )
        ).size;
  const precomputeSeconds = (performance.now() - t0) / 1000;
  say(`  precomputed candidates of ${precomputed} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // The rows above are this run's build: the server's start-up rebuild sees a fresh one and leaves them.
  await db.execute(sql`insert into discovery_builds (id, built_at, items, interactions, neighbour_rows, millis)
    values ('dbd_bench', ${new Date()}, ${n}, ${iu.length}, 0, 0)`);
  await db.execute(sql`analyze`);
  say(
    `  ${candidates.length} bench users (${people.size} with their creators), ${iu.length} interactions, ${fu.length} follows`,
  );
  return { phones: candidates.map((u) => phones.get(u)!), precomputeSeconds };
}
