import { refusals } from '../../platform/errors.ts';

/** Every expected refusal of the catalog, in one place so the API's problem types are easy to list. */
export const refuse = refusals({
  'category-not-found': [422, '商品类目不存在'],
  'sku-matrix-invalid': [422, 'SKU 规格组合不完整或重复'],
  'sku-not-found': [422, 'SKU 不属于该商品'],
  'sku-code-taken': [409, '商家编码已被使用'],
  'import-invalid': [422, '导入文件有错误，未做任何修改'],
  'original-price-untruthful': [422, '划线价不符合明码标价规定'],
  'original-price-not-above-price': [422, '划线价须高于售价'],
  'no-enabled-sku': [409, '商品没有可售的 SKU，不能上架'],
  'merchant-suspended': [409, '店铺已被暂停营业，不能上架商品'],
});
