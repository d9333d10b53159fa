import { z } from 'zod';

/**
 * Response shapes of the room's interactions (the DTOs built in lottery.ts, polls.ts, pk.ts and flash.ts): the
 * interaction routes answer with them and the session detail / control panel carry the latest of each.
 */

export const Lottery = z.object({
  id: z.string(),
  sessionId: z.string(),
  keyword: z.string(),
  prize: z.object({ kind: z.literal('coupon'), templateId: z.string(), title: z.string() }),
  winnersCount: z.number().int(),
  status: z.enum(['open', 'drawn', 'cancelled']),
  opensAt: z.string(),
  closesAt: z.string(),
  drawnAt: z.string().nullable(),
  seedCommitment: z.string().describe('SHA-256(seed)，抽奖开始即公布'),
  seed: z.string().nullable().describe('开奖后公布'),
  entrantsCount: z.number().int(),
  winners: z.array(z.object({ userId: z.string(), nickname: z.string() })),
  prizeNote: z.string().nullable(),
  entered: z.boolean().optional(),
  won: z.boolean().optional(),
});
export const LotteryDetail = Lottery.extend({
  entrants: z.array(z.object({ userId: z.string(), nickname: z.string() })),
  verify: z.string().describe('如何复算开奖结果'),
});
export const Poll = z.object({
  id: z.string(),
  sessionId: z.string(),
  question: z.string(),
  options: z.array(z.object({ label: z.string(), productId: z.string().nullable(), votes: z.number().int() })),
  totalVotes: z.number().int(),
  status: z.enum(['open', 'closed']),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  myVote: z.number().int().nullable().optional(),
});
const PkSide = z.object({
  sessionId: z.string(),
  title: z.string(),
  hostNickname: z.string(),
  hostAvatarUrl: z.string().nullable(),
  score: z.number().int().describe('PK 开始以来增加的 GMV（分）或点赞数'),
});
export const Pk = z.object({
  id: z.string(),
  status: z.enum(['invited', 'running', 'finished', 'declined']),
  metric: z.enum(['gmv', 'likes']),
  durationSeconds: z.number().int(),
  invitedAt: z.string(),
  startedAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  winner: z.enum(['a', 'b', 'draw']).nullable(),
  a: PkSide,
  b: PkSide,
});
export const LiveFlash = z.object({
  id: z.string(),
  sessionId: z.string(),
  itemId: z.string().describe('用秒杀抢购接口 POST /api/v1/flash-sales/items/:itemId/purchase 购买'),
  saleId: z.string(),
  productId: z.string(),
  skuId: z.string(),
  title: z.string(),
  specText: z.string(),
  imageUrl: z.string().nullable(),
  flashPrice: z.number().int(),
  regularPrice: z.number().int(),
  quantity: z.number().int(),
  remaining: z.number().int(),
  perUserLimit: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  state: z.enum(['upcoming', 'live', 'sold_out', 'ended']),
});
