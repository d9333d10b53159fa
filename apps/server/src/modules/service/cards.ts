import type { Db } from '../../platform/db.ts';
import { afterSaleBriefs } from '../aftersales/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { liveSessionBriefs } from '../live/api.ts';
import { orderBriefs } from '../orders/api.ts';
import type { AssistantCard } from './assistant-port.ts';
import type { MessageCard } from './schema.ts';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** What a card needs to know: whose it may be (orders and after-sales are the consumer's own) and its shop. */
export interface CardSubject {
  card: MessageCard;
  merchantId: string;
}

/**
 * A card for a thing the consumer points at, or undefined when it does not exist or is someone else's order or
 * after-sale — a consumer can only show their own.
 */
export async function cardFor(
  db: Db,
  userId: string,
  kind: AssistantCard['kind'] | 'live',
  id: string,
): Promise<CardSubject | undefined> {
  if (kind === 'order' || kind === 'logistics') {
    const o = (await orderBriefs(db, [id])).get(id);
    if (!o || o.userId !== userId) return undefined;
    const subtitle = `${o.statusLabel} · 实付 ${yuan(o.payAmount)} · 订单号 ${o.orderNo}`;
    return { merchantId: o.merchantId, card: { kind, id, title: o.title, subtitle, imageUrl: o.imageUrl } };
  }
  if (kind === 'after_sale') {
    const a = (await afterSaleBriefs(db, [id])).get(id);
    if (!a || a.userId !== userId) return undefined;
    const subtitle = `${a.statusLabel} · 退款 ${yuan(a.amount)}`;
    return { merchantId: a.merchantId, card: { kind, id, title: a.productTitle, subtitle, imageUrl: null } };
  }
  if (kind === 'product') {
    const p = (await getProductBriefs(db, [id])).get(id);
    if (!p || p.status !== 'listed') return undefined;
    const subtitle = p.minPrice === p.maxPrice ? yuan(p.minPrice) : `${yuan(p.minPrice)} 起`;
    return { merchantId: p.merchantId, card: { kind, id, title: p.title, subtitle, imageUrl: p.imageUrl } };
  }
  if (kind === 'live') {
    const l = (await liveSessionBriefs(db, [id])).get(id);
    if (!l) return undefined;
    return { merchantId: l.merchantId, card: { kind, id, title: l.title, subtitle: '直播间', imageUrl: l.coverUrl } };
  }
  // Coupons have no shop-independent card yet: the assistant's text names them.
  return undefined;
}
