import type { MessageKey } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';

/** The kinds of log entry the page names, in the order of its tabs (docs/TRANSPARENCY.md, "What goes in"). */
export const KINDS: { kind: string; label: MessageKey }[] = [
  { kind: 'review', label: '评价' },
  { kind: 'review-moderation', label: '评价审核结论' },
  { kind: 'review-appeal', label: '评价申诉' },
  { kind: 'review-appeal-decision', label: '评价申诉结果' },
  { kind: 'compensation-decision', label: '先行赔付决定' },
  { kind: 'compensation-paid', label: '先行赔付到账' },
  { kind: 'penalty', label: '商家处罚' },
  { kind: 'authentication', label: '鉴定结论' },
  { kind: 'staff-access', label: '员工查看个人信息' },
  { kind: 'trace-event', label: '溯源记录' },
];
export const kindLabel = (kind: string): MessageKey | undefined => KINDS.find((k) => k.kind === kind)?.label;

const CLAIM_REASON: Record<string, MessageKey> = {
  'not-as-described': '货不对板',
  counterfeit: '疑似假货',
  'merchant-unresponsive': '商家不处理售后',
  'lost-in-delivery': '快递丢件',
};
const PENALTY: Record<string, MessageKey> = {
  warning: '警告',
  delist: '下架商品',
  suspension: '暂停营业',
  'deposit-deduction': '扣除保证金',
};
const FIELD: Record<string, MessageKey> = {
  'order.address': '订单收货信息（手机号脱敏）',
  'order.phone': '收货人完整手机号',
  'orders.export': '导出含收货地址的订单',
  'user.profile': '按手机号查询的用户资料（手机号脱敏）',
  'user.phone': '用户完整手机号',
};
const ROLE: Record<string, MessageKey> = {
  super_admin: '超级管理员',
  ops: '运营',
  support: '客服',
  reviewer: '审核',
  risk: '风控',
  finance: '财务',
  analyst: '数据分析',
  inspector: '鉴定师',
};

type Payload = Record<string, string | number | boolean | null>;
/** One line of the fact, as a translatable message and its values. */
export interface FactLine {
  label: MessageKey;
  value?: string;
  valueKey?: MessageKey;
}

/** What the entry's leaf text commits to, in words: read from the logged text itself, never from another API. */
export function describeEntry(kind: string, leafData: string): FactLine[] {
  const { payload, at } = JSON.parse(leafData) as { payload: Payload; at: string };
  const s = (k: string) => String(payload[k] ?? '');
  if (kind === 'compensation-decision' || kind === 'compensation-paid') {
    const hours = (Date.parse(at) - Date.parse(s('claimedAt'))) / 3_600_000;
    const lines: FactLine[] = [];
    if (kind === 'compensation-decision')
      lines.push({ label: '决定', valueKey: payload.decision === 'approved' ? '同意赔付' : '驳回' });
    lines.push({ label: '金额', value: `¥${yuan(Number(payload.amount ?? 0))}` });
    if (payload.requested !== undefined)
      lines.push({ label: '申请金额', value: `¥${yuan(Number(payload.requested))}` });
    if (payload.reason) lines.push({ label: '原因', valueKey: CLAIM_REASON[s('reason')] ?? '其他' });
    lines.push({ label: '距申请（小时）', value: hours.toFixed(1) });
    lines.push({ label: '商家', value: s('merchantId') });
    return lines;
  }
  if (kind === 'review-appeal')
    return [
      { label: '商品', value: s('productId') },
      {
        label: '申诉时间距移除（小时）',
        value: ((Date.parse(at) - Date.parse(s('removedAt'))) / 3_600_000).toFixed(1),
      },
    ];
  if (kind === 'review-appeal-decision')
    return [
      { label: '结果', valueKey: payload.outcome === 'reinstated' ? '恢复展示' : '维持不展示' },
      { label: '距申诉（小时）', value: ((Date.parse(at) - Date.parse(s('appealedAt'))) / 3_600_000).toFixed(1) },
      { label: '商品', value: s('productId') },
    ];
  if (kind === 'penalty') {
    const lines: FactLine[] = [
      { label: '商家', value: s('merchantId') },
      { label: '处罚', valueKey: PENALTY[s('penaltyKind')] ?? '其他' },
      { label: '原因', value: s('reason') },
    ];
    if (payload.deduction) lines.push({ label: '扣除保证金', value: `¥${yuan(Number(payload.deduction))}` });
    if (payload.productId) lines.push({ label: '商品', value: s('productId') });
    return lines;
  }
  if (kind === 'authentication')
    return [
      { label: '结论', valueKey: payload.result === 'pass' ? '鉴定通过' : '鉴定未通过' },
      { label: '说明', value: s('findings') },
      { label: '岗位', valueKey: ROLE[s('inspectorRole')] ?? '其他' },
      { label: '商家', value: s('merchantId') },
      ...s('productIds')
        .split(',')
        .filter(Boolean)
        .map((id): FactLine => ({ label: '商品', value: id })),
    ];
  if (kind === 'staff-access')
    return [
      { label: '查看内容', valueKey: FIELD[s('field')] ?? '其他' },
      ...s('roles')
        .split(',')
        .filter(Boolean)
        .map((r): FactLine => ({ label: '岗位', valueKey: ROLE[r] ?? '其他' })),
    ];
  return [];
}
