import { z } from 'zod';
import { MAX_CART_LINES, MAX_LINE_QTY } from './cart.ts';
import { CARRIERS, trackingNoProblem } from '../logistics/api.ts';
import { CAMPAIGN_KINDS, ORDER_STATUSES } from './schema.ts';

// The orders HTTP API's zod schemas: they validate input, shape output and document both.

const Fen = z.number().int().describe('金额，单位：分');
const IsoTime = z.string().describe('ISO 8601 时间');
export const Id = z.object({ id: z.string().min(1).max(64) });
export const Status = z.enum(ORDER_STATUSES);

export const Paging = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
});
const DayOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: '日期格式应为 YYYY-MM-DD 或 ISO 8601 时间',
});
export const OrderSearch = Paging.extend({
  status: Status.optional(),
  q: z.string().trim().max(60).optional(),
  from: DayOrTime.optional().describe('下单时间起（含）；只写日期时按北京时间当天 0 点'),
  to: DayOrTime.optional().describe('下单时间止；只写日期时含当天'),
});

const ReturnPolicy = z.object({ noReason7d: z.boolean(), reason: z.string().nullable() });
const Discount = z.object({
  source: z.enum(['member', 'coupon', 'points']),
  label: z.string(),
  amount: Fen,
  couponId: z.string().optional(),
});

// ---- cart ----

const CartLine = z.object({
  id: z.string(),
  skuId: z.string(),
  productId: z.string(),
  title: z.string(),
  specText: z.string(),
  imageUrl: z.string().nullable(),
  qty: z.number().int(),
  selected: z.boolean(),
  unitPrice: Fen.describe('当前价格'),
  priceWhenAdded: Fen.describe('加入购物车时的价格'),
  priceChanged: z.boolean(),
  stock: z.number().int(),
  outOfStock: z.boolean(),
  insufficientStock: z.boolean(),
  unavailable: z.boolean().describe('已下架、规格停用或店铺暂停营业'),
  lineAmount: Fen,
});
export const Cart = z.object({
  groups: z.array(z.object({ merchantId: z.string(), merchantName: z.string(), lines: z.array(CartLine) })),
  lineCount: z.number().int(),
  selectedQty: z.number().int(),
  selectedItemsAmount: Fen,
});
const Qty = z
  .number()
  .int('数量必须是整数')
  .min(1, '数量至少为 1')
  .max(MAX_LINE_QTY, `单个商品最多购买 ${MAX_LINE_QTY} 件`);
export const AddToCart = z.object({ skuId: z.string().min(1, '请选择商品规格').max(64), qty: Qty.default(1) });
export const UpdateCartLine = z
  .object({ qty: Qty.optional(), selected: z.boolean().optional() })
  .refine((v) => v.qty !== undefined || v.selected !== undefined, { error: '请提供 qty 或 selected' });
export const CartSelection = z.object({
  selected: z.boolean(),
  lineIds: z.array(z.string().max(64)).max(MAX_CART_LINES).optional().describe('不传则全选/全不选'),
});

// ---- what coupons and membership add to a checkout (the ports in checkout-ports.ts fill them) ----

/** What the checkout quote says about coupons (filled by the coupons module through CheckoutCouponsPort). */
export const CheckoutCoupons = z.object({
  appliedIds: z.array(z.string()).describe('下单时作为 couponIds 提交'),
  discountAmount: Fen,
  options: z.array(
    z.object({
      id: z.string(),
      templateId: z.string(),
      name: z.string(),
      label: z.string(),
      merchantId: z.string().nullable(),
      validFrom: IsoTime,
      validUntil: IsoTime,
      firstOrderOnly: z.boolean(),
      usable: z.boolean(),
      reason: z.string().nullable(),
      estimatedDiscount: Fen.nullable(),
      selected: z.boolean(),
    }),
  ),
});
const CouponIds = z
  .array(z.string().max(64))
  .max(20)
  .optional()
  .describe('使用的优惠券；不传则自动选择最优组合（每店一张店铺券 + 一张平台券），传 [] 表示不用券');

/** What membership and points did to a checkout quote (filled through CheckoutLoyaltyPort). */
export const CheckoutLoyalty = z.object({
  tier: z.string().describe('会员等级代码：regular / silver / gold / diamond'),
  tierName: z.string(),
  memberPercentOff: z.number().int().describe('会员价：商品金额减免百分比'),
  freeShipping: z.boolean().describe('会员包邮（免基础运费）'),
  points: z.object({
    balance: z.number().int(),
    usable: z.number().int().describe('本单最多可用积分（整百，≤ 商品金额 20%）'),
    used: z.number().int().describe('本单已抵扣积分（usePoints=true 时）'),
    pointsPerYuan: z.number().int(),
    capPercent: z.number().int(),
  }),
});
const UsePoints = z.boolean().optional().describe('使用积分抵扣（100 积分 = ¥1，最多抵商品金额的 20%）');

// ---- checkout ----

const ItemsFields = {
  items: z
    .array(z.object({ skuId: z.string().min(1).max(64), qty: Qty }))
    .min(1, '请至少选择一件商品')
    .max(MAX_CART_LINES, `一次最多结算 ${MAX_CART_LINES} 种商品`)
    .optional(),
  fromCart: z.literal(true).optional().describe('结算购物车中选中的商品'),
  usePoints: UsePoints,
};
const oneSource = (v: { items?: unknown; fromCart?: true | undefined }) =>
  (v.items !== undefined) !== (v.fromCart === true);
const oneSourceError = { error: '请提供 items 或 fromCart 其中之一' };

export const QuoteInput = z
  .object({ ...ItemsFields, addressId: z.string().max(64).optional(), couponIds: CouponIds })
  .refine(oneSource, oneSourceError);
export const PlaceOrderInput = z
  .object({
    ...ItemsFields,
    addressId: z.string({ error: '请选择收货地址' }).min(1, '请选择收货地址').max(64),
    note: z.string().max(200, '备注最多 200 字').optional(),
    expectedAmount: Fen.min(0).describe('确认页展示的应付金额（分）；与服务端重新计算的金额不一致时拒绝下单'),
    couponIds: CouponIds,
  })
  .refine(oneSource, oneSourceError);

const QuoteLine = z.object({
  skuId: z.string(),
  productId: z.string(),
  title: z.string(),
  specText: z.string(),
  imageUrl: z.string().nullable(),
  unitPrice: Fen,
  qty: z.number().int(),
  lineAmount: Fen,
  discountAmount: Fen,
  payAmount: Fen,
  returnPolicy: ReturnPolicy,
});
export const Quote = z.object({
  merchants: z.array(
    z.object({
      merchantId: z.string(),
      merchantName: z.string(),
      lines: z.array(QuoteLine),
      itemsAmount: Fen,
      discountAmount: Fen,
      shippingFee: Fen,
      payAmount: Fen,
      discounts: z.array(Discount),
    }),
  ),
  itemsAmount: Fen,
  discountAmount: Fen,
  shippingFee: Fen,
  amount: Fen.describe('应付总额：下单时作为 expectedAmount 提交'),
  addressId: z.string().nullable(),
  coupons: CheckoutCoupons.optional().describe('可用/不可用优惠券及原因；appliedIds 为本次使用的券'),
  loyalty: CheckoutLoyalty.optional().describe('会员等级权益与积分抵扣'),
});

// ---- orders ----

const OrderLine = QuoteLine.omit({ returnPolicy: true }).extend({
  id: z.string(),
  refundedQty: z.number().int(),
  refundedAmount: Fen,
  returnPolicy: ReturnPolicy,
});
export const OrderSummary = z.object({
  id: z.string(),
  orderNo: z.string().describe('订单号：北京时间日期 + 当日序号，如 20261206000123'),
  checkoutId: z.string(),
  status: Status,
  statusLabel: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  itemsAmount: Fen,
  discountAmount: Fen,
  shippingFee: Fen,
  payAmount: Fen,
  refundedAmount: Fen,
  lines: z.array(OrderLine),
  createdAt: IsoTime,
  payDeadline: IsoTime,
  campaignKind: z
    .enum(CAMPAIGN_KINDS)
    .nullable()
    .describe('下单活动：flash_sale 秒杀 / group_buy 拼团 / bargain 砍价；普通订单为 null'),
  shipHold: z
    .object({ code: z.string(), tag: z.string().describe('如 待成团'), reason: z.string().describe('为何暂不能发货') })
    .nullable()
    .describe('已付款但暂不能发货（如拼团尚未成团）；无则为 null'),
});
export const StaffOrderSummary = OrderSummary.extend({
  userId: z.string(),
  recipient: z.string(),
  trackingNo: z.string().nullable(),
});
const Address = z.object({
  recipient: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
});
export const OrderDetail = OrderSummary.extend({
  userId: z.string(),
  discounts: z.array(Discount),
  address: Address,
  note: z.string().nullable(),
  paidAt: IsoTime.nullable(),
  shippedAt: IsoTime.nullable(),
  deliveredAt: IsoTime.nullable(),
  completedAt: IsoTime.nullable(),
  cancelledAt: IsoTime.nullable(),
  closedAt: IsoTime.nullable(),
  cancelReason: z.string().nullable(),
  autoConfirmAt: IsoTime.nullable().describe('待收货时，系统自动确认收货的时间'),
  openAfterSales: z.number().int(),
  logistics: z
    .object({
      carrier: z.string(),
      trackingNo: z.string(),
      shippedAt: IsoTime,
      source: z.enum(['sandbox', 'kuaidi100']).describe('sandbox：按订单时间模拟；kuaidi100：快递100 推送的真实轨迹'),
      statusLabel: z.string().nullable().describe('已揽收/运输中/派送中/已签收'),
      notice: z.string(),
      nodes: z.array(z.object({ at: IsoTime, text: z.string() })),
    })
    .nullable()
    .describe('物流信息'),
  timeline: z.array(
    z.object({ type: z.string(), label: z.string(), at: IsoTime, data: z.record(z.string(), z.unknown()) }),
  ),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const PlacedCheckout = z.object({
  checkoutId: z.string(),
  amount: Fen,
  payDeadline: IsoTime,
  orders: z.array(OrderSummary),
});
export const Checkout = z.object({
  id: z.string(),
  status: z.enum(['pending_payment', 'paid', 'cancelled']),
  amount: Fen,
  payableAmount: Fen.describe('仍待支付的订单金额合计'),
  payDeadline: IsoTime,
  paidAt: IsoTime.nullable(),
  orders: z.array(OrderSummary),
});
export const ChangeAddressInput = z.object({
  addressId: z.string({ error: '请选择收货地址' }).min(1, '请选择收货地址').max(64),
});
export const CancelInput = z.object({ reason: z.string().trim().max(100, '取消原因最多 100 字').optional() });
export const ShipInput = z
  .object({
    carrier: z.enum(CARRIERS, { error: `快递公司须为：${CARRIERS.join('、')}` }),
    trackingNo: z.string().trim().toUpperCase().max(32, '运单号最多 32 位'),
  })
  .superRefine((v, ctx) => {
    const problem = trackingNoProblem(v.carrier, v.trackingNo);
    if (problem) ctx.addIssue({ code: 'custom', path: ['trackingNo'], message: problem });
  });
