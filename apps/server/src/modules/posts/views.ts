import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getMerchantBriefs, getProductBriefs } from '../catalog/api.ts';
import { postFavourites, postLikes, type posts } from './schema.ts';

export type PostRow = typeof posts.$inferSelect;

export interface AuthorView {
  id: string;
  nickname: string;
  avatarUrl: string | null;
}

/** 「广告」 disclosure for posts paid by a brand; derived from the partnership, never from the author's input. */
export interface SponsorView {
  label: '广告';
  merchantId: string;
  brandName: string;
}

export interface PostCard {
  id: string;
  kind: PostRow['kind'];
  title: string;
  coverUrl: string | null;
  isVideo: boolean;
  author: AuthorView;
  likeCount: number;
  liked: boolean;
  sponsor: SponsorView | null;
  productCount: number;
  status: PostRow['status'];
  createdAt: string;
}

export interface Viewer {
  userId: string | null;
}

const unknownAuthor = (id: string): AuthorView => ({ id, nickname: '已注销用户', avatarUrl: null });

/** Authors, sponsors and the viewer's likes for a batch of posts, in three queries however many posts. */
export async function postCards(db: Db, rows: PostRow[], viewer: Viewer): Promise<PostCard[]> {
  if (rows.length === 0) return [];
  const authors = await publicProfiles(db, [...new Set(rows.map((r) => r.authorId))]);
  const sponsors = await sponsorsOf(db, rows);
  const liked = viewer.userId
    ? new Set(
        (
          await db
            .select({ postId: postLikes.postId })
            .from(postLikes)
            .where(
              and(
                eq(postLikes.userId, viewer.userId),
                inArray(
                  postLikes.postId,
                  rows.map((r) => r.id),
                ),
              ),
            )
        ).map((r) => r.postId),
      )
    : new Set<string>();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    coverUrl: r.kind === 'video' ? r.posterUrl : (r.images[0] ?? null),
    isVideo: r.kind === 'video',
    author: authorView(r.authorId, authors),
    likeCount: r.likeCount,
    liked: liked.has(r.id),
    sponsor: sponsors.get(r.id) ?? null,
    productCount: r.productIds.length,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }));
}

export function authorView(
  id: string,
  profiles: Map<string, { nickname: string; avatarUrl: string | null }>,
): AuthorView {
  const p = profiles.get(id);
  return p ? { id, nickname: p.nickname, avatarUrl: p.avatarUrl } : unknownAuthor(id);
}

export async function sponsorsOf(db: Db, rows: PostRow[]): Promise<Map<string, SponsorView>> {
  const sponsored = rows.filter((r) => r.partnershipId && r.sponsorMerchantId);
  if (sponsored.length === 0) return new Map();
  const brands = await getMerchantBriefs(db, [...new Set(sponsored.map((r) => r.sponsorMerchantId!))]);
  return new Map(
    sponsored.map((r) => [
      r.id,
      {
        label: '广告' as const,
        merchantId: r.sponsorMerchantId!,
        brandName: brands.get(r.sponsorMerchantId!)?.name ?? '品牌方',
      },
    ]),
  );
}

export interface TaggedProduct {
  id: string;
  title: string;
  imageUrl: string | null;
  minPrice: number;
  maxPrice: number;
  /** Listed and buyable now; a delisted product still shows, greyed, so the post keeps its meaning. */
  available: boolean;
}

export async function taggedProducts(db: Db, productIds: string[]): Promise<TaggedProduct[]> {
  const briefs = await getProductBriefs(db, productIds);
  return productIds.flatMap((id) => {
    const b = briefs.get(id);
    return b
      ? [
          {
            id,
            title: b.title,
            imageUrl: b.imageUrl,
            minPrice: b.minPrice,
            maxPrice: b.maxPrice,
            available: b.status === 'listed',
          },
        ]
      : [];
  });
}

export async function isFavourited(db: Db, postId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const [row] = await db
    .select()
    .from(postFavourites)
    .where(and(eq(postFavourites.postId, postId), eq(postFavourites.userId, userId)));
  return row !== undefined;
}
