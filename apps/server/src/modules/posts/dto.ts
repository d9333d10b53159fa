import { z } from 'zod';
import { POST_KINDS, POST_STATUSES } from './schema.ts';

export const Author = z.object({ id: z.string(), nickname: z.string(), avatarUrl: z.string().nullable() });
const Sponsor = z.object({ label: z.literal('广告'), merchantId: z.string(), brandName: z.string() });
export const PostCard = z.object({
  id: z.string(),
  kind: z.enum(POST_KINDS),
  title: z.string(),
  coverUrl: z.string().nullable(),
  isVideo: z.boolean(),
  author: Author,
  likeCount: z.number(),
  liked: z.boolean(),
  sponsor: Sponsor.nullable(),
  productCount: z.number(),
  status: z.enum(POST_STATUSES),
  createdAt: z.string(),
});
export const TaggedProduct = z.object({
  id: z.string(),
  title: z.string(),
  imageUrl: z.string().nullable(),
  minPrice: z.number(),
  maxPrice: z.number(),
  available: z.boolean(),
});
export const PostDetail = PostCard.extend({
  body: z.string(),
  images: z.array(z.string()),
  videoUrl: z.string().nullable(),
  posterUrl: z.string().nullable(),
  topics: z.array(z.string()),
  products: z.array(TaggedProduct),
  commentCount: z.number(),
  favouriteCount: z.number(),
  shareCount: z.number(),
  viewCount: z.number(),
  favourited: z.boolean(),
  followingAuthor: z.boolean(),
  isMine: z.boolean(),
  verifiedPurchase: z.boolean(),
});
const CommentBase = z.object({
  id: z.string(),
  author: Author,
  replyTo: Author.nullable(),
  body: z.string(),
  status: z.enum(['published', 'pending_review']),
  replyCount: z.number(),
  createdAt: z.string(),
});
export const Comment = CommentBase.extend({ replies: z.array(CommentBase.extend({ replies: z.array(z.unknown()) })) });
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const Id = z.string().min(1).max(64);
export const IdParams = z.object({ id: Id });
export const Created = z.object({ id: z.string(), status: z.string() });
