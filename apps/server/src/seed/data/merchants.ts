/** Demo shops. Invented names; every description says it is demo data. */
export interface DemoMerchant {
  key: string;
  name: string;
  description: string;
  ownerPhone: string;
  ownerNickname: string;
  /** Subcategories whose generated products this shop lists. */
  subs: string[];
}

const DEMO = '【演示数据】本店为好物平台演示店铺，商品、价格与销量仅用于体验，不发货。';

export const DEMO_MERCHANTS: DemoMerchant[] = [
  {
    key: 'huajianji',
    name: '花间集美妆集合店',
    description: `${DEMO}专注国货护肤与彩妆，所售商品均附检验报告，支持正品查验。`,
    ownerPhone: '13800000002',
    ownerNickname: '花间集店长',
    subs: ['cat_skincare', 'cat_makeup'],
  },
  {
    key: 'lanyue',
    name: '澜月香氛小铺',
    description: `${DEMO}香水、香薰与护手霜，提供小样试香与礼盒包装。`,
    ownerPhone: '13800000102',
    ownerNickname: '澜月主理人',
    subs: ['cat_fragrance', 'cat_skincare'],
  },
  {
    key: 'shiyi',
    name: '拾衣女装工作室',
    description: `${DEMO}原创设计女装，每周上新，尺码问题支持免费换货。`,
    ownerPhone: '13800000103',
    ownerNickname: '拾衣小姐姐',
    subs: ['cat_women', 'cat_underwear', 'cat_shoes'],
  },
  {
    key: 'beiweixian',
    name: '北纬线男装',
    description: `${DEMO}基础款男装与休闲鞋靴，工厂直供。`,
    ownerPhone: '13800000104',
    ownerNickname: '北纬线阿杰',
    subs: ['cat_men', 'cat_shoes'],
  },
  {
    key: 'qimu',
    name: '栖木家居生活馆',
    description: `${DEMO}床品、厨具与收纳好物，大件商品送货上门。`,
    ownerPhone: '13800000105',
    ownerNickname: '栖木家居',
    subs: ['cat_bedding', 'cat_kitchen', 'cat_storage'],
  },
  {
    key: 'shanye',
    name: '山野食记',
    description: `${DEMO}产地直采的零食与应季水果，生鲜冷链发货。`,
    ownerPhone: '13800000106',
    ownerNickname: '山野食记掌柜',
    subs: ['cat_snacks', 'cat_fresh'],
  },
  {
    key: 'chayu',
    name: '茶语山房',
    description: `${DEMO}名优茶与冲调饮品，可开具电子发票。`,
    ownerPhone: '13800000107',
    ownerNickname: '茶语山房',
    subs: ['cat_tea', 'cat_fresh'],
  },
  {
    key: 'jike',
    name: '极客数码优选',
    description: `${DEMO}手机配件、智能设备与影音数码，全国联保。`,
    ownerPhone: '13800000108',
    ownerNickname: '极客老王',
    subs: ['cat_phone_acc', 'cat_smart', 'cat_audio'],
  },
  {
    key: 'mengya',
    name: '萌芽母婴馆',
    description: `${DEMO}奶粉辅食与婴童服饰，由持证育婴师提供选购建议。`,
    ownerPhone: '13800000109',
    ownerNickname: '萌芽妈妈',
    subs: ['cat_formula', 'cat_kids_wear'],
  },
  {
    key: 'tongqu',
    name: '童趣岛玩具屋',
    description: `${DEMO}早教玩具与绘本，全部商品通过 3C 认证。`,
    ownerPhone: '13800000110',
    ownerNickname: '童趣岛岛主',
    subs: ['cat_toys', 'cat_kids_wear'],
  },
];
