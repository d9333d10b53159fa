import { z } from 'zod';
import { OwnMediaUrl } from '../../platform/media.ts';
import { MAX_CHAT_CHARS, MAX_CHAT_IMAGES } from './rules.ts';
import { ADMISSIONS, MEMBER_ROLES, MEMBER_TIERS } from './schema.ts';

/** Response and request shapes shared by the module's HTTP and WebSocket routes. */

export const Id = z.string().min(1).max(64);
export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const ChatText = z.string().trim().min(1, '请输入消息内容').max(MAX_CHAT_CHARS, `消息最多 ${MAX_CHAT_CHARS} 个字`);
/** What a member can post: text, images (uploaded to /media/ first) or a product card, each with optional words. */
export const chatInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: ChatText }),
  z.object({
    kind: z.literal('image'),
    imageUrls: z.array(OwnMediaUrl).min(1, '请选择图片').max(MAX_CHAT_IMAGES, `最多 ${MAX_CHAT_IMAGES} 张图片`),
    text: z.string().trim().max(MAX_CHAT_CHARS).optional(),
  }),
  z.object({ kind: z.literal('product'), productId: Id, text: z.string().trim().max(MAX_CHAT_CHARS).optional() }),
]);

export const CommunityCard = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  coverUrl: z.string().nullable(),
  admission: z.enum(ADMISSIONS),
  admissionMinTier: z.string().nullable(),
  exclusive: z.boolean(),
  merchant: z
    .object({ id: z.string(), name: z.string(), logoUrl: z.string().nullable(), status: z.string() })
    .nullable(),
  memberCount: z.number(),
  createdAt: z.string(),
});

export const Group = z.object({
  id: z.string(),
  seq: z.number(),
  memberCount: z.number(),
  capacity: z.number(),
  createdAt: z.string(),
});

export const CommunityDetail = CommunityCard.extend({
  standing: z.enum(['owner', 'admin', 'moderator', 'member', 'none']),
  membership: z
    .object({
      groupId: z.string(),
      tier: z.enum(MEMBER_TIERS),
      role: z.enum(MEMBER_ROLES),
      joinedAt: z.string(),
      mutedUntil: z.string().nullable(),
    })
    .nullable(),
  applicationPending: z.boolean(),
  groups: z.array(Group),
});

export const ChatMessage = z.object({
  id: z.string(),
  groupId: z.string(),
  sender: z.object({ id: z.string(), nickname: z.string(), avatarUrl: z.string().nullable() }),
  kind: z.enum(['text', 'image', 'product']),
  text: z.string(),
  imageUrls: z.array(z.string()),
  product: z
    .object({ productId: z.string(), title: z.string(), imageUrl: z.string().nullable(), minPrice: z.number() })
    .nullable(),
  pinned: z.boolean(),
  removed: z.boolean(),
  pending: z.boolean(),
  createdAt: z.string(),
});

export const Announcement = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  promotional: z.boolean(),
  pinned: z.boolean(),
  createdAt: z.string(),
});

export const Meetup = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  location: z.string(),
  startsAt: z.string(),
  capacity: z.number(),
  signedUp: z.number(),
  mine: z.boolean(),
  open: z.boolean(),
});

export const Segment = z.object({
  tiers: z.array(z.enum(MEMBER_TIERS)).max(3).default([]),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
});
