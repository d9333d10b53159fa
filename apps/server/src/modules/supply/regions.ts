// Province → region, and how far apart regions are (road km between their hubs: 上海, 北京, 武汉, 广州, 成都, 西安,
// 沈阳), for routing an order to the nearest warehouse that holds the goods.

const REGION_PROVINCES: Record<string, string[]> = {
  华东: ['上海市', '江苏省', '浙江省', '安徽省', '福建省', '江西省', '山东省', '台湾省'],
  华北: ['北京市', '天津市', '河北省', '山西省', '内蒙古自治区'],
  华中: ['河南省', '湖北省', '湖南省'],
  华南: ['广东省', '广西壮族自治区', '海南省', '香港特别行政区', '澳门特别行政区'],
  西南: ['重庆市', '四川省', '贵州省', '云南省', '西藏自治区'],
  西北: ['陕西省', '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区'],
  东北: ['辽宁省', '吉林省', '黑龙江省'],
};

const HUB_KM: Record<string, Record<string, number>> = {
  华东: { 华北: 1070, 华中: 690, 华南: 1210, 西南: 1660, 西北: 1220, 东北: 1190 },
  华北: { 华中: 1050, 华南: 1890, 西南: 1520, 西北: 910, 东北: 630 },
  华中: { 华南: 840, 西南: 980, 西北: 650, 东北: 1660 },
  华南: { 西南: 1240, 西北: 1300, 东北: 2500 },
  西南: { 西北: 610, 东北: 2140 },
  西北: { 东北: 1530 },
};

export const PROVINCES = Object.values(REGION_PROVINCES).flat();

export function regionOf(province: string): string | undefined {
  return Object.keys(REGION_PROVINCES).find((r) => REGION_PROVINCES[r]!.includes(province));
}

/** Distance rank from a shipping province to a warehouse: same province first, then region hub distance. */
export function distanceKm(
  toProvince: string | null | undefined,
  warehouse: { province: string; region: string },
): number {
  if (!toProvince) return 0;
  if (toProvince === warehouse.province) return 0;
  const region = regionOf(toProvince);
  if (!region) return 0;
  if (region === warehouse.region) return 300;
  return HUB_KM[region]?.[warehouse.region] ?? HUB_KM[warehouse.region]?.[region] ?? 0;
}
