import { refusals } from '../../platform/errors.ts';

/** Expected refusals of local life, each a 409/422 problem with a stable type and a Chinese title. */
export const refuse = refusals({
  'offer-unavailable': '该团购已下架或已结束',
  'sold-out': '该团购已售罄',
  'price-changed': '价格已变化，请刷新后重试',
  'voucher-not-found': [404, '券码不存在，请核对后重新输入'],
  'voucher-used': '该券已核销，不能重复使用',
  'voucher-expired': '该券已过有效期，不能核销',
  'voucher-unpaid': '该券所属订单尚未付款',
  'voucher-refunded': '该券已退款，不能核销',
  'invalid-store': [422, '门店信息有误'],
  'invalid-offer': [422, '团购设置有误'],
});

export const SHIP_HOLD = 'voucher';
export const EXPIRE_JOB = 'local.expire-voucher';
export const expireKey = (voucherId: string) => `${EXPIRE_JOB}:${voucherId}`;
/** The refund reference of an expired voucher: asking twice never refunds twice. */
export const refundRef = (voucherId: string) => `local:${voucherId}`;
export const voucherIdOfRefundRef = (refId: string) =>
  refId.startsWith('local:') ? refId.slice('local:'.length) : undefined;

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine): the exact check after the bounding box. */
export function haversineM(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const dLat = rad(bLat - aLat);
  const dLng = rad(bLng - aLng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(aLat)) * Math.cos(rad(bLat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The lat/lng box that contains every point within `radiusM` (widened a little so rounding never drops one). */
export function boundingBox(lat: number, lng: number, radiusM: number) {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI) * 1.001;
  const cos = Math.max(Math.cos(rad(lat)), 1e-6);
  const dLng = Math.min(180, dLat / cos);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** "850m" under a kilometre, "1.2km" above. */
export const formatDistance = (m: number): string =>
  m < 1000 ? `${Math.max(1, Math.round(m))}m` : `${(m / 1000).toFixed(1)}km`;
