import { api, type BodyOf, type GetOk, must } from '../../../api/client.ts';

// One set of screens for 店铺券 (merchant staff) and 平台券 (operators): only the base path differs.

export type CouponOwner = 'merchant' | 'platform';
export type CouponTemplate = GetOk<'/api/v1/merchant/coupon-templates'>['items'][number];
export type TemplateBody = BodyOf<'/api/v1/merchant/coupon-templates', 'post'>;
export type IssueBody = BodyOf<'/api/v1/merchant/coupon-templates/{id}/issue', 'post'>;

export const couponKeys = {
  list: (owner: CouponOwner, merchantId?: string) => ['coupon-templates', owner, merchantId ?? 'platform'] as const,
};

export function fetchTemplates(owner: CouponOwner, cursor: string | undefined) {
  const query = { limit: 20, ...(cursor ? { cursor } : {}) };
  return owner === 'merchant'
    ? must(api.GET('/api/v1/merchant/coupon-templates', { params: { query } }))
    : must(api.GET('/api/v1/admin/coupon-templates', { params: { query } }));
}

export function createTemplate(owner: CouponOwner, body: TemplateBody) {
  return owner === 'merchant'
    ? must(api.POST('/api/v1/merchant/coupon-templates', { body }))
    : must(api.POST('/api/v1/admin/coupon-templates', { body }));
}

export function stopTemplate(owner: CouponOwner, id: string) {
  const params = { path: { id } };
  return owner === 'merchant'
    ? must(api.POST('/api/v1/merchant/coupon-templates/{id}/stop', { params }))
    : must(api.POST('/api/v1/admin/coupon-templates/{id}/stop', { params }));
}

export function issueTemplate(owner: CouponOwner, id: string, body: IssueBody, key: string) {
  const params = { path: { id }, header: { 'idempotency-key': key } };
  return owner === 'merchant'
    ? must(api.POST('/api/v1/merchant/coupon-templates/{id}/issue', { params, body }))
    : must(api.POST('/api/v1/admin/coupon-templates/{id}/issue', { params, body }));
}
