import { describe, expect, it } from 'vitest';
import { comboKey, generateRows, specTextOf, usableDims, validateRows, type SkuRow } from './skuMatrix.ts';

const msg = { price: 'price', stock: 'stock', original: 'original' };

describe('SKU matrix', () => {
  it('generates every combination of the dimensions, in entry order', () => {
    const dims = [
      { name: '颜色', values: ['米白', '雾蓝'] },
      { name: '规格', values: ['30ml', '50ml', '100ml'] },
    ];
    expect(generateRows(dims, []).map((r) => specTextOf(dims, r.specValues))).toEqual([
      '米白 / 30ml',
      '米白 / 50ml',
      '米白 / 100ml',
      '雾蓝 / 30ml',
      '雾蓝 / 50ml',
      '雾蓝 / 100ml',
    ]);
  });

  it('keeps price, stock and id of combinations that still exist when a value is added', () => {
    const dims = [{ name: '颜色', values: ['米白'] }];
    const [first] = generateRows(dims, []);
    const priced: SkuRow = { ...first!, id: 'sku_1', price: 12900, stock: 5 };
    const next = generateRows([{ name: '颜色', values: ['米白', '雾蓝'] }], [priced]);
    expect(next).toHaveLength(2);
    expect(next[0]).toEqual(priced);
    expect(next[1]).toMatchObject({ specValues: { 颜色: '雾蓝' }, price: null, stock: null, enabled: true });
  });

  it('is one default SKU without dimensions, and ignores unnamed, empty or repeated dimensions', () => {
    expect(generateRows([], [])).toHaveLength(1);
    const dims = usableDims([
      { name: ' ', values: ['a'] },
      { name: '颜色', values: [] },
      { name: '尺码', values: ['S', 'S', ' M '] },
      { name: '尺码', values: ['L'] },
    ]);
    expect(dims).toEqual([{ name: '尺码', values: ['S', 'M'] }]);
    expect(comboKey(dims, { 尺码: 'M' })).toBe('尺码=M');
  });

  it('flags missing prices and stock and a 划线价 not above the price, but not switched-off new rows', () => {
    const rows: SkuRow[] = [
      {
        key: 'a',
        specValues: {},
        price: null,
        originalPrice: null,
        stock: 1,
        enabled: true,
        weightGrams: null,
        code: '',
      },
      {
        key: 'b',
        id: 'sku_b',
        specValues: {},
        price: 1000,
        originalPrice: 900,
        stock: null,
        enabled: true,
        weightGrams: null,
        code: '',
      },
      {
        key: 'c',
        specValues: {},
        price: null,
        originalPrice: null,
        stock: null,
        enabled: false,
        weightGrams: null,
        code: '',
      },
    ];
    const errors = validateRows(rows, msg);
    expect(errors.get('a')).toEqual({ price: 'price' });
    expect(errors.get('b')).toEqual({ stock: 'stock', originalPrice: 'original' });
    expect(errors.has('c')).toBe(false);
  });
});
