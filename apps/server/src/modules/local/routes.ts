import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import * as svc from './service.ts';

const tags = ['本地生活'];
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });
const Id = z.object({ id: z.string().min(1).max(64) });
const Lat = z.coerce.number().min(-90).max(90);
const Lng = z.coerce.number().min(-180).max(180);

const StoreBody = z.object({
  name: z.string().trim().min(1).max(60),
  address: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(30),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  hours: z.string().trim().min(1).max(60),
  services: z.array(z.string().trim().min(1).max(20)).max(20),
  status: z.enum(['open', 'closed']).optional(),
});
const Store = StoreBody.extend({ id: z.string(), merchantId: z.string(), status: z.enum(['open', 'closed']) });
const OfferKind = z.enum(['voucher', 'set_meal']);
const OfferBody = z.object({
  storeId: z.string().min(1).max(64),
  kind: OfferKind,
  title: z.string().trim().min(1).max(60),
  description: z.string().max(1000).optional(),
  skuId: z.string().min(1).max(64),
  price: z.number().int().positive().max(100_000_000),
  faceValue: z.number().int().positive().max(100_000_000),
  quota: z.number().int().min(1).max(1_000_000),
  validUntil: z.iso.datetime({ offset: true }),
  refundAtExpiry: z.boolean(),
});
const Offer = z.object({
  id: z.string(),
  storeId: z.string(),
  kind: OfferKind,
  title: z.string(),
  description: z.string(),
  productId: z.string(),
  skuId: z.string(),
  price: z.number().int(),
  faceValue: z.number().int(),
  quota: z.number().int(),
  sold: z.number().int(),
  validUntil: z.string(),
  refundAtExpiry: z.boolean(),
  status: z.enum(['active', 'ended']),
});
const Nearby = z.object({
  radiusM: z.number().int(),
  items: z.array(z.object({ store: Store, distanceM: z.number().int(), distance: z.string(), offers: z.array(Offer) })),
});
const VoucherStatus = z.enum(['pending', 'unused', 'used', 'expired', 'refunding', 'refunded', 'void']);
const Voucher = z.object({
  id: z.string(),
  orderId: z.string(),
  code: z.string().nullable(),
  status: VoucherStatus,
  validUntil: z.string(),
  usedAt: z.string().nullable(),
  offer: z.object({
    id: z.string(),
    title: z.string(),
    kind: OfferKind,
    price: z.number().int(),
    faceValue: z.number().int(),
    refundAtExpiry: z.boolean(),
  }),
  store: z.object({ id: z.string(), name: z.string(), address: z.string(), hours: z.string() }),
  qrSvg: z.string().nullable(),
});
const Code = z.object({ code: z.string().trim().min(6).max(40) });

export default async function localRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/local/nearby',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '附近门店与团购（默认 3 公里内，由近到远）',
        description: '位置只用于本次查询，不保存。',
        querystring: z.object({ lat: Lat, lng: Lng, radius: z.coerce.number().int().min(100).max(50_000).optional() }),
        response: { 200: Nearby },
      },
    },
    async (req) => svc.nearbyOffers(ctxOf(req), { lat: req.query.lat, lng: req.query.lng, radiusM: req.query.radius }),
  );
  r.get(
    '/api/v1/local/offers/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '团购详情',
        params: Id,
        response: { 200: Offer.extend({ onSale: z.boolean(), store: Store }) },
      },
    },
    async (req) => svc.getOffer(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/local/offers/:id/orders',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '购买团购券（下单，需 Idempotency-Key；付款后发放券码）',
        headers: IdempotencyHeader,
        params: Id,
        body: z.object({ expectedAmount: z.number().int().positive() }),
        response: {
          201: z.object({
            voucherId: z.string(),
            orderId: z.string(),
            checkoutId: z.string(),
            amount: z.number().int(),
            payDeadline: z.string(),
          }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.buyVoucher(ctxOf(req), req.params.id, req.body))),
  );
  r.get(
    '/api/v1/me/local/vouchers',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的团购券（含券码与二维码）',
        querystring: z.object({ orderId: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(Voucher) }) },
      },
    },
    async (req) => svc.myVouchers(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/merchant/local/stores',
    {
      config: { permission: 'merchant:shop.read' },
      schema: { tags, summary: '本店门店', response: { 200: z.object({ items: z.array(Store) }) } },
    },
    async (req) => svc.listMyStores(ctxOf(req)),
  );
  r.post(
    '/api/v1/merchant/local/stores',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: { tags, summary: '登记门店（坐标手填或在地图上点选）', body: StoreBody, response: { 201: Store } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createStore(ctxOf(req), req.body))),
  );
  r.put(
    '/api/v1/merchant/local/stores/:id',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: { tags, summary: '修改门店', params: Id, body: StoreBody, response: { 200: Store } },
    },
    async (req) => svc.updateStore(ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/merchant/local/offers',
    {
      config: { permission: 'merchant:shop.read' },
      schema: { tags, summary: '本店团购', response: { 200: z.object({ items: z.array(Offer) }) } },
    },
    async (req) => svc.listMyOffers(ctxOf(req)),
  );
  r.post(
    '/api/v1/merchant/local/offers',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: { tags, summary: '发布团购券/套餐（关联一个已上架商品规格）', body: OfferBody, response: { 201: Offer } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createOffer(ctxOf(req), req.body))),
  );
  r.post(
    '/api/v1/merchant/local/offers/:id/end',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: { tags, summary: '结束团购（已售出的券仍可核销）', params: Id, response: { 200: Offer } },
    },
    async (req) => svc.endOffer(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/merchant/local/vouchers/:code',
    {
      config: { permission: 'merchant:vouchers.redeem' },
      schema: {
        tags,
        summary: '查询券码（核销前确认）',
        params: Code,
        response: { 200: Voucher.extend({ usable: z.boolean(), reason: z.string().nullable() }) },
      },
    },
    async (req) => unwrap(await svc.lookupVoucher(ctxOf(req), req.params.code)),
  );
  r.post(
    '/api/v1/merchant/local/vouchers/verify',
    {
      config: { permission: 'merchant:vouchers.redeem' },
      schema: {
        tags,
        summary: '核销券码（每张券只能核销一次）',
        description: '并发核销同一券码时只有一次成功，其余得到 409 voucher-used。',
        body: Code,
        response: { 200: Voucher },
      },
    },
    async (req) => unwrap(await svc.verifyVoucher(ctxOf(req), req.body.code)),
  );
  r.get(
    '/api/v1/merchant/local/redemptions',
    {
      config: { permission: 'merchant:vouchers.redeem' },
      schema: { tags, summary: '核销记录（最近 50 张）', response: { 200: z.object({ items: z.array(Voucher) }) } },
    },
    async (req) => svc.recentRedemptions(ctxOf(req)),
  );
}
