import { describe, expect, it } from 'vitest';
import { trackingNoProblem } from './carriers.ts';
import { DEFAULT_SHIPPING_TEMPLATE, ruleFee, type ShippingTemplate, shippingFeeFor } from './templates.ts';
import { statusOfState } from './tracking.ts';

const at = (t: ShippingTemplate, province: string | null, units: number, itemsAmount = 1000) =>
  shippingFeeFor(t, { province, units, itemsAmount });

describe('shipping templates', () => {
  it('keeps the platform default: ¥8 per parcel whatever the pieces, free from ¥99', () => {
    expect(at(DEFAULT_SHIPPING_TEMPLATE, '广东省', 1, 9899)).toBe(800);
    expect(at(DEFAULT_SHIPPING_TEMPLATE, '广东省', 5, 9899)).toBe(800);
    expect(at(DEFAULT_SHIPPING_TEMPLATE, null, 1, 9900)).toBe(0);
  });

  it('charges first pieces then each started block of extra pieces', () => {
    const rule = { firstUnits: 2, firstFee: 1000, extraUnits: 3, extraFee: 400 };
    expect([1, 2, 3, 5, 6, 8].map((u) => ruleFee(rule, u))).toEqual([1000, 1000, 1400, 1400, 1800, 1800]);
  });

  const t: ShippingTemplate = {
    chargeBy: 'pieces',
    defaultRule: { firstUnits: 1, firstFee: 1000, extraUnits: 1, extraFee: 500 },
    regions: [{ provinces: ['广东', '广西'], firstUnits: 1, firstFee: 600, extraUnits: 1, extraFee: 200 }],
    freeThreshold: 20000,
    remoteProvinces: ['新疆', '西藏'],
    remoteMode: 'surcharge',
    remoteExtraFee: 1500,
  };

  it('prices a province group by its own rule and the rest by the default', () => {
    expect(at(t, '广东省', 2)).toBe(800);
    expect(at(t, '广西壮族自治区', 1)).toBe(600);
    expect(at(t, '浙江省', 2)).toBe(1500);
    // Before an address is chosen the default rule applies.
    expect(at(t, null, 2)).toBe(1500);
  });

  it('waives the piece fee from the threshold but still adds the remote surcharge', () => {
    expect(at(t, '广东省', 3, 20000)).toBe(0);
    expect(at(t, '新疆维吾尔自治区', 1)).toBe(2500);
    expect(at(t, '西藏自治区', 4, 20000)).toBe(1500);
    expect(shippingFeeFor(t, { province: '浙江省', units: 3, itemsAmount: 100, memberFree: true })).toBe(0);
  });

  it('does not deliver to remote provinces when the merchant says so', () => {
    const nowhere = { ...t, remoteMode: 'undeliverable' as const };
    expect(at(nowhere, '新疆维吾尔自治区', 1, 50_000)).toBeNull();
    expect(at(nowhere, '广东省', 1)).toBe(600);
  });
});

describe('weight-based templates', () => {
  // 首重 1 kg ¥10, 续重 each 0.5 kg ¥3; 广东 ¥6 + ¥2 per kg; free from ¥300; 新疆 +¥20.
  const w: ShippingTemplate = {
    chargeBy: 'weight',
    defaultRule: { firstUnits: 1000, firstFee: 1000, extraUnits: 500, extraFee: 300 },
    regions: [{ provinces: ['广东'], firstUnits: 1000, firstFee: 600, extraUnits: 1000, extraFee: 200 }],
    freeThreshold: 30000,
    remoteProvinces: ['新疆'],
    remoteMode: 'surcharge',
    remoteExtraFee: 2000,
  };
  const fee = (province: string | null, weightGrams: number, units = 1, itemsAmount = 1000) =>
    shippingFeeFor(w, { province, units, weightGrams, itemsAmount });

  it('rounds every started block of extra weight up', () => {
    expect(fee('浙江省', 1000)).toBe(1000);
    expect(fee('浙江省', 1001)).toBe(1300);
    expect(fee('浙江省', 1500)).toBe(1300);
    expect(fee('浙江省', 1501)).toBe(1600);
    expect(fee('浙江省', 3200)).toBe(1000 + 5 * 300);
    // 1.2 kg in 广东 (续重 per whole kg) pays the first kg and one started kg.
    expect(fee('广东省', 1200)).toBe(800);
    expect(fee('广东省', 2000)).toBe(800);
    expect(fee('广东省', 2001)).toBe(1000);
  });

  it('charges the first weight for a light parcel or SKUs without a weight, nothing for an empty one', () => {
    expect(fee('浙江省', 80)).toBe(1000);
    expect(fee('浙江省', 0, 3)).toBe(1000);
    expect(fee('浙江省', 0, 0)).toBe(0);
  });

  it('keeps the threshold and remote rules of the piece templates', () => {
    expect(fee('浙江省', 9000, 2, 30000)).toBe(0);
    expect(fee('新疆维吾尔自治区', 1200)).toBe(1300 + 2000);
    expect(fee('新疆维吾尔自治区', 9000, 1, 30000)).toBe(2000);
    expect(
      shippingFeeFor(w, { province: '浙江省', units: 1, weightGrams: 5000, itemsAmount: 0, memberFree: true }),
    ).toBe(0);
  });

  it('ignores weight in a piece template', () => {
    expect(
      shippingFeeFor(DEFAULT_SHIPPING_TEMPLATE, { province: '浙江省', units: 1, weightGrams: 50_000, itemsAmount: 0 }),
    ).toBe(800);
  });
});

describe('tracking numbers per carrier', () => {
  it.each([
    ['顺丰速运', 'SF1234567890123'],
    ['顺丰速运', '123456789012'],
    ['中通快递', '75123456789012'],
    ['圆通速递', 'YT1234567890123'],
    ['韵达快递', '4312345678901'],
    ['申通快递', '7712345678901'],
    ['极兔速递', 'JT1234567890123'],
    ['京东物流', 'JDVA12345678901'],
    ['EMS', 'EA123456789CN'],
    ['EMS', '1012345678901'],
    ['中国邮政', '9812345678901'],
  ])('accepts %s %s', (carrier, no) => expect(trackingNoProblem(carrier, no)).toBeNull());

  it.each([
    ['顺丰速运', 'SF12345'],
    ['顺丰速运', 'YT1234567890123'],
    ['中通快递', 'ZT1234567890'],
    ['极兔速递', 'JT12345'],
    ['京东物流', '1234567890123'],
    ['EMS', 'E123456789CN'],
    ['中国邮政', '8812345678901'],
  ])('refuses %s %s with the format to use', (carrier, no) =>
    expect(trackingNoProblem(carrier, no)).toContain(`${carrier}运单号格式不对`),
  );

  it('maps 快递100 states, including resultv2 sub-states, to the four stages', () => {
    expect(['1', '0', '5', '3', '301', '501', '14', '2'].map(statusOfState)).toEqual([
      'collected',
      'in_transit',
      'delivering',
      'signed',
      'signed',
      'delivering',
      'exception',
      'exception',
    ]);
  });
});
