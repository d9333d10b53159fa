import type { GetOk } from '../../../api/client.ts';
import type { MessageKey } from '../../../i18n/index.tsx';

export type Entry = GetOk<'/api/v1/admin/ad-lexicon'>['items'][number];
export type Version = GetOk<'/api/v1/admin/ad-lexicon/versions'>[number];
export type Snapshot = Version['after'];

export const RULE_CATEGORIES: [Entry['category'], MessageKey][] = [
  ['absolute', '绝对化用语'],
  ['authority', '国家机关或特定身份名义'],
  ['medical', '医疗用语（非医疗商品）'],
  ['efficacy', '功效与安全性保证'],
  ['claim', '产地、获奖与数据需证明'],
  ['price', '误导性价格用语'],
  ['returns', '收益与保本承诺'],
];

export const ACTION_LABEL: Record<Entry['action'], MessageKey> = { block: '拦截', review: '人工审核' };
export const CHANGE_LABEL: Record<Version['action'], MessageKey> = {
  create: '新增',
  update: '修改',
  disable: '停用',
  enable: '启用',
};

/** The fields a change writes: what undo puts back. */
export const editable = (s: Snapshot) => ({
  kind: s.kind,
  text: s.text,
  exceptPattern: s.exceptPattern,
  category: s.category,
  action: s.action,
  article: s.article,
  title: s.title,
  rewrite: s.rewrite,
  scope: s.scope,
  categoryIds: s.categoryIds,
  enabled: s.enabled,
});
