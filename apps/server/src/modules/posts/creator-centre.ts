import { desc, inArray, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { creatorAttributedLines, orderStatsByPost } from '../attribution/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { commissionByPost } from '../distribution/api.ts';
import { posts } from './schema.ts';
import { sponsorsOf } from './views.ts';

export interface CreatorPostRow {
  id: string;
  title: string;
  kind: string;
  status: string;
  coverUrl: string | null;
  sponsored: boolean;
  createdAt: string;
  views: number;
  productClicks: number;
  likes: number;
  comments: number;
  favourites: number;
  shares: number;
  /** Paid orders credited to the post by last touch (cancelled and fully refunded ones excluded). */
  orders: number;
  gmv: number;
  /** The creator's commission on those lines (distribution's: recorded minus reversed), and the settled part. */
  commission: number;
  commissionSettled: number;
}

const POSTS_SHOWN = 100;

/**
 * The creator centre: honest counts from the posts tables (views, clicks, interactions), from attribution (orders
 * and GMV) and from distribution (the creator's commission on lines attributed to each post).
 */
export async function creatorOverview(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(posts)
    .where(sql`${posts.authorId} = ${user.userId} and ${posts.status} <> 'deleted'`)
    .orderBy(desc(posts.createdAt))
    .limit(POSTS_SHOWN);
  const stats = await orderStatsByPost(
    ctx.db,
    rows.map((r) => r.id),
  );
  const commission = await commissionByPost(
    ctx.db,
    rows.map((r) => r.id),
    user.userId,
  );
  const sponsors = await sponsorsOf(ctx.db, rows);
  const postRows: CreatorPostRow[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    status: r.status,
    coverUrl: r.kind === 'video' ? r.posterUrl : (r.images[0] ?? null),
    sponsored: sponsors.has(r.id),
    createdAt: r.createdAt.toISOString(),
    views: r.viewCount,
    productClicks: r.productClickCount,
    likes: r.likeCount,
    comments: r.commentCount,
    favourites: r.favouriteCount,
    shares: r.shareCount,
    orders: stats.get(r.id)?.orders ?? 0,
    gmv: stats.get(r.id)?.gmv ?? 0,
    commission: commission.get(r.id)?.amount ?? 0,
    commissionSettled: commission.get(r.id)?.settled ?? 0,
  }));
  const lines = await creatorAttributedLines(ctx.db, user.userId, 20);
  const products = await getProductBriefs(
    ctx.db,
    lines.map((l) => l.productId),
  );
  const titles = new Map(
    (lines.length === 0
      ? []
      : await ctx.db
          .select({ id: posts.id, title: posts.title })
          .from(posts)
          .where(
            inArray(
              posts.id,
              lines.flatMap((l) => (l.postId ? [l.postId] : [])),
            ),
          )
    ).map((p) => [p.id, p.title]),
  );
  const sum = (k: keyof Pick<CreatorPostRow, 'views' | 'productClicks' | 'orders' | 'gmv' | 'likes' | 'commission'>) =>
    postRows.reduce((s, r) => s + r[k], 0);
  return {
    totals: {
      posts: postRows.length,
      views: sum('views'),
      productClicks: sum('productClicks'),
      likes: sum('likes'),
      orders: sum('orders'),
      gmv: sum('gmv'),
      commission: sum('commission'),
    },
    posts: postRows,
    recentOrders: lines.map((l) => ({
      ...l,
      productTitle: products.get(l.productId)?.title ?? '商品',
      postTitle: l.postId ? (titles.get(l.postId) ?? null) : null,
    })),
  };
}
