import type { GetOk } from '../../api/client.ts';

// Shapes and labels of complaints, 先行赔付 claims, patrol findings and the credit score (docs/TRUST.md).
export type Complaint = GetOk<'/api/v1/admin/complaints'>['items'][number];
export type Claim = GetOk<'/api/v1/admin/compensation-claims'>['items'][number];
export type Finding = GetOk<'/api/v1/admin/patrol-findings'>['items'][number];
export type Credit = GetOk<'/api/v1/merchant/credit'>;

export const COMPLAINT_CATEGORY = {
  'not-as-described': '货不对板',
  quality: '质量问题',
  counterfeit: '疑似假货',
  service: '服务态度',
  shipping: '发货物流',
  other: '其他',
} as const;
export const CLAIM_REASON = {
  'not-as-described': '货不对板',
  counterfeit: '疑似假货',
  'merchant-unresponsive': '商家不处理售后',
  'lost-in-delivery': '快递丢件',
} as const;
export const FINDING_KIND = {
  'missing-qualification': '类目资质缺失',
  'untruthful-original-price': '划线价不真实',
  'stale-stock': '在架无库存',
  'abnormal-refund-rate': '售后率异常',
} as const;
export const STEP = {
  filed: '提交投诉',
  escalated: '超时升级',
  responded: '客服回复',
  'merchant-responded': '商家回复',
  'resolved-upheld': '办结：成立',
  'resolved-not-upheld': '办结：不成立',
  claimed: '提交申请',
  approved: '同意赔付',
  recovered: '向商家追偿',
  rejected: '驳回',
  paid: '赔付到账',
} as const;
