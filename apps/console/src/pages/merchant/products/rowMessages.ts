import type { Translate } from '../../../i18n/index.tsx';

/** The editor's client-side check messages, in the console's language. */
export const rowMessages = (t: Translate) => ({
  price: t('请填写售价'),
  stock: t('请填写库存（整数）'),
  original: t('划线价须高于售价'),
  weight: t('重量须为不小于 0 的整数（克）'),
  code: t('商家编码为 1–40 位字母、数字或 - _ .，以字母或数字开头'),
});
