import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { liveSessionBriefs } from '../live/api.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { postSubject } from '../posts/api.ts';
import type { COMPLAINT_SUBJECTS } from './schema.ts';

/** What a complaint is about, read through the orders, live and posts modules' api.ts. */
export interface ComplaintSubject {
  subjectType: (typeof COMPLAINT_SUBJECTS)[number];
  subjectId: string;
  subjectTitle: string | null;
  /** The shop that answers first; null for a creator's own post: the platform answers alone. */
  merchantId: string | null;
  orderId: string | null;
  productId: string | null;
}

export type SubjectInput =
  { orderId: string; productId?: string | undefined } | { liveSessionId: string } | { postId: string };

const refuse = refusals({
  'order-not-complainable': [409, '未付款或已取消的订单不能投诉'],
  'product-not-in-order': [422, '该商品不在这笔订单中'],
});

export async function resolveSubject(db: Db, userId: string, input: SubjectInput): Promise<Result<ComplaintSubject>> {
  if ('liveSessionId' in input) {
    const room = (await liveSessionBriefs(db, [input.liveSessionId])).get(input.liveSessionId);
    if (!room) throw notFound('直播间', input.liveSessionId);
    return ok({
      ...none,
      subjectType: 'live-session',
      subjectId: room.id,
      subjectTitle: room.title,
      merchantId: room.merchantId,
    });
  }
  if ('postId' in input) {
    const post = await postSubject(db, input.postId);
    if (!post || post.status === 'deleted') throw notFound('笔记', input.postId);
    return ok({
      ...none,
      subjectType: 'post',
      subjectId: post.id,
      subjectTitle: post.title,
      merchantId: post.merchantId,
    });
  }
  const order = await getOrderForAfterSale(db, input.orderId);
  if (!order || order.userId !== userId) throw notFound('订单', input.orderId);
  if (['pending_payment', 'cancelled'].includes(order.status)) return refuse('order-not-complainable');
  if (input.productId && !order.lines.some((l) => l.productId === input.productId))
    return refuse('product-not-in-order');
  return ok({
    subjectType: 'order',
    subjectId: order.orderId,
    subjectTitle: null,
    merchantId: order.merchantId,
    orderId: order.orderId,
    productId: input.productId ?? null,
  });
}

const none = { orderId: null, productId: null } as const;
