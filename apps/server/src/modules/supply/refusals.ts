import { refusals } from '../../platform/errors.ts';

export const refuse = refusals({
  'unknown-province': [422, '省份无法识别'],
  'warehouse-name-taken': '已有同名仓库',
  'supplier-name-taken': '已有同名供应商',
  'warehouse-not-found': [404, '仓库不存在'],
  'supplier-not-found': [404, '供应商不存在'],
  'sku-not-found': [422, '规格不属于本店'],
  'share-too-large': [422, '供货占比合计超过 100%'],
  'same-warehouse': [422, '调出与调入仓库相同'],
  'insufficient-warehouse-stock': '仓库库存不足',
  'stock-sold-meanwhile': '可售库存已被售出，请刷新后重新盘点',
  'no-warehouse': '请先建立仓库',
  'po-not-found': [404, '采购单不存在'],
  'po-wrong-status': '采购单当前状态不允许此操作',
  'po-over-receipt': [422, '收货数量超过未到货数量'],
  'bad-dates': [422, '日期不合理'],
  'no-supplier': [422, '该规格尚未关联供应商，无法生成采购单'],
});
