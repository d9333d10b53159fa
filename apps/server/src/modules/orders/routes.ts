import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { RequiredIdempotencyKey } from '../../platform/idempotency.ts';
import {
  AddToCart,
  CancelInput,
  Cart,
  ChangeAddressInput,
  CartSelection,
  Checkout,
  Id,
  OrderDetail,
  OrderSummary,
  page,
  Paging,
  PlacedCheckout,
  PlaceOrderInput,
  Quote,
  QuoteInput,
  Status,
  UpdateCartLine,
} from './dto.ts';
import merchantOrderRoutes from './merchant-routes.ts';
import * as svc from './service.ts';

const cartTags = ['购物车'];
const orderTags = ['订单'];

export default async function orderRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- cart ----
  r.get(
    '/api/v1/cart',
    {
      config: { permission: 'user' },
      schema: { tags: cartTags, summary: '查看购物车（按店铺分组）', response: { 200: Cart } },
    },
    async (req) => svc.getCart(ctxOf(req)),
  );
  r.post(
    '/api/v1/cart/items',
    {
      config: { permission: 'user' },
      schema: { tags: cartTags, summary: '加入购物车（同一规格合并数量）', body: AddToCart, response: { 200: Cart } },
    },
    async (req) => unwrap(await svc.addToCart(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/v1/cart/items/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags: cartTags,
        summary: '修改购物车商品数量或勾选',
        params: Id,
        body: UpdateCartLine,
        response: { 200: Cart },
      },
    },
    async (req) => unwrap(await svc.updateCartLine(ctxOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/cart/items/:id',
    {
      config: { permission: 'user' },
      schema: { tags: cartTags, summary: '移出购物车', params: Id, response: { 200: Cart } },
    },
    async (req) => svc.removeCartLine(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/cart/selection',
    {
      config: { permission: 'user' },
      schema: {
        tags: cartTags,
        summary: '批量勾选/取消勾选（用于结算）',
        body: CartSelection,
        response: { 200: Cart },
      },
    },
    async (req) => svc.setCartSelection(ctxOf(req), req.body),
  );

  // ---- checkout ----
  r.post(
    '/api/v1/checkout/quote',
    {
      config: { permission: 'user' },
      schema: {
        tags: orderTags,
        summary: '结算试算：按店铺分组的价格、优惠、运费与应付总额',
        body: QuoteInput,
        response: { 200: Quote },
      },
    },
    async (req) => unwrap(await svc.quoteCheckout(ctxOf(req), req.body)),
  );
  r.post(
    '/api/v1/orders',
    {
      config: { permission: 'user' },
      schema: {
        tags: orderTags,
        summary: '提交订单（需 Idempotency-Key；按店铺拆单）',
        description:
          '服务端重新计价，金额与 expectedAmount 不一致时返回 409 price-changed；库存不足返回 409 out-of-stock，且不会产生任何订单。缺少 Idempotency-Key 时返回 400 validation-failed。',
        headers: RequiredIdempotencyKey,
        body: PlaceOrderInput,
        response: { 201: PlacedCheckout },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.placeOrder(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/checkouts/:id',
    {
      config: { permission: 'user' },
      schema: { tags: orderTags, summary: '结算单（支付页使用）', params: Id, response: { 200: Checkout } },
    },
    async (req) => svc.getCheckout(ctxOf(req), req.params.id),
  );

  // ---- buyer's orders ----
  r.get(
    '/api/v1/orders',
    {
      config: { permission: 'user' },
      schema: {
        tags: orderTags,
        summary: '我的订单',
        querystring: Paging.extend({ status: Status.optional() }),
        response: { 200: page(OrderSummary) },
      },
    },
    async (req) => svc.listMyOrders(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/orders/:id',
    {
      config: { permission: 'user' },
      schema: { tags: orderTags, summary: '订单详情（含物流与时间线）', params: Id, response: { 200: OrderDetail } },
    },
    async (req) => svc.getMyOrder(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/orders/:id/cancel',
    {
      config: { permission: 'user' },
      schema: {
        tags: orderTags,
        summary: '取消待付款订单（释放库存）',
        params: Id,
        body: CancelInput.optional(),
        response: { 200: OrderDetail },
      },
    },
    async (req) => svc.cancelOrder(ctxOf(req), req.params.id, req.body?.reason),
  );
  r.post(
    '/api/v1/orders/:id/address',
    {
      config: { permission: 'user' },
      schema: {
        tags: orderTags,
        summary: '发货前修改收货地址（改为地址簿中的地址）',
        description:
          '仅限待付款或待发货的订单；同一地址重复提交不产生变化。新地址的运费不同（偏远地区加收）时返回 409 shipping-fee-differs，已发货或已结束返回 409 address-change-closed，订单或地址不属于本人返回 404。',
        params: Id,
        body: ChangeAddressInput,
        response: { 200: OrderDetail },
      },
    },
    async (req) => unwrap(await svc.changeOrderAddress(ctxOf(req), req.params.id, req.body.addressId)),
  );
  r.post(
    '/api/v1/orders/:id/confirm-receipt',
    {
      config: { permission: 'user' },
      schema: { tags: orderTags, summary: '确认收货', params: Id, response: { 200: OrderDetail } },
    },
    async (req) => svc.confirmReceipt(ctxOf(req), req.params.id),
  );

  await merchantOrderRoutes(app);
}
