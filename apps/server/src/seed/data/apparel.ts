import type { CategoryTemplate } from './types.ts';

const womenSizes = { name: '尺码', values: ['S', 'M', 'L', 'XL'], take: [2, 4] as [number, number] };
const menSizes = { name: '尺码', values: ['M', 'L', 'XL', 'XXL', '3XL'], take: [2, 4] as [number, number] };

// Brand names are invented for the demo; any resemblance to a real brand is unintended.
export const apparel: CategoryTemplate = {
  top: 'cat_apparel',
  count: 51,
  closing: '尺码请参考详情页尺码表，洗涤前请阅读水洗标；支持七天无理由退换（贴身衣物除外）。',
  brands: [
    { name: '拾衣', origin: '广东广州' },
    { name: '朴序', origin: '浙江杭州' },
    { name: '北纬线', origin: '福建泉州' },
    { name: '棉语', origin: '江苏南通' },
    { name: '行者', origin: '福建晋江' },
    { name: '织梦坊', origin: '浙江湖州' },
  ],
  types: [
    {
      key: 'dress', sub: 'cat_women', name: '法式碎花连衣裙', price: [139, 299],
      specs: [{ name: '颜色', values: ['蓝色碎花', '黄色碎花', '黑色碎花'], take: [1, 2] }, womenSizes],
      series: ['温柔', '度假风', '复古', '收腰'],
      points: ['V领显脸小', '收腰显瘦', '雪纺面料垂坠', '及踝长度'],
      attrs: { 材质: '聚酯纤维100%', 适用季节: '夏季', 版型: '收腰' },
    },
    {
      key: 'cardigan', sub: 'cat_women', name: '软糯针织开衫', price: [119, 259],
      specs: [{ name: '颜色', values: ['奶白', '燕麦', '雾霾蓝', '豆沙粉'], take: [2, 2] }, womenSizes],
      series: ['慵懒', '短款', '软糯', '小香风'],
      points: ['亲肤不扎', '短款显高', '可内搭可外穿', '百搭基础款'],
      attrs: { 材质: '腈纶60% 羊毛20% 锦纶20%', 适用季节: '春秋', 版型: '宽松' },
    },
    {
      key: 'widepants', sub: 'cat_women', name: '高腰垂感阔腿裤', price: [99, 199],
      specs: [{ name: '颜色', values: ['黑色', '杏色', '灰色'], take: [1, 2] }, womenSizes],
      series: ['通勤', '垂感', '拖地', '西装'],
      points: ['高腰拉长腿部比例', '垂感好不起皱', '侧边隐形拉链'],
      attrs: { 材质: '聚酯纤维92% 氨纶8%', 适用季节: '四季', 版型: '直筒' },
    },
    {
      key: 'tshirt', sub: 'cat_men', name: '纯棉圆领T恤', price: [59, 129],
      specs: [{ name: '颜色', values: ['白色', '黑色', '藏青', '灰色'], take: [2, 2] }, menSizes],
      series: ['重磅', '基础', '宽松', '新疆棉'],
      points: ['260g 重磅纯棉', '领口不易变形', '透气吸汗', '多色可选'],
      attrs: { 材质: '棉100%', 适用季节: '夏季', 版型: '宽松' },
    },
    {
      key: 'shirt', sub: 'cat_men', name: '免烫商务衬衫', price: [129, 259],
      specs: [{ name: '颜色', values: ['白色', '浅蓝', '条纹'], take: [1, 2] }, menSizes],
      series: ['免烫', '修身', '牛津纺', '通勤'],
      points: ['免烫易打理', '弹力面料不紧绷', '领型挺括'],
      attrs: { 材质: '棉70% 聚酯纤维30%', 适用季节: '四季', 版型: '修身' },
    },
    {
      key: 'jeans', sub: 'cat_men', name: '直筒弹力牛仔裤', price: [139, 269],
      specs: [{ name: '颜色', values: ['深蓝', '浅蓝', '黑色'], take: [1, 2] }, { name: '尺码', values: ['29', '30', '31', '32', '33', '34'], take: [3, 4] }],
      series: ['经典', '微弹', '水洗', '复古'],
      points: ['微弹舒适', '直筒修饰腿型', '耐磨不易褪色'],
      attrs: { 材质: '棉98% 氨纶2%', 适用季节: '四季', 版型: '直筒' },
    },
    {
      key: 'downjacket', sub: 'cat_men', name: '轻薄羽绒服', price: [299, 599],
      specs: [{ name: '颜色', values: ['黑色', '藏青', '卡其'], take: [1, 2] }, menSizes],
      series: ['轻暖', '立领', '可收纳', '连帽'],
      points: ['90% 白鸭绒', '轻至 260g', '可收纳成小包', '防泼水面料'],
      attrs: { 材质: '面料锦纶100% 填充物白鸭绒90%', 适用季节: '冬季', 版型: '常规' },
    },
    {
      key: 'sneakers', sub: 'cat_shoes', name: '复古休闲运动鞋', price: [199, 399],
      specs: [{ name: '颜色', values: ['米白', '灰绿', '黑白'], take: [1, 2] }, { name: '尺码', values: ['37', '38', '39', '40', '41', '42', '43', '44'], take: [3, 4] }],
      series: ['复古', '轻弹', '德训', '老爹'],
      points: ['缓震中底', '头层牛皮鞋面', '不挑脚型', '久走不累'],
      attrs: { 材质: '鞋面牛皮 鞋底橡胶', 适用季节: '四季', 闭合方式: '系带' },
    },
    {
      key: 'canvas', sub: 'cat_shoes', name: '经典帆布鞋', price: [79, 159],
      specs: [{ name: '颜色', values: ['白色', '黑色'], take: [1, 2] }, { name: '尺码', values: ['35', '36', '37', '38', '39', '40', '41', '42'], take: [3, 4] }],
      series: ['高帮', '低帮', '经典'],
      points: ['硫化大底', '百搭学院风', '透气帆布'],
      attrs: { 材质: '鞋面帆布 鞋底橡胶', 适用季节: '春夏秋', 闭合方式: '系带' },
    },
    {
      key: 'bag', sub: 'cat_shoes', name: '真皮通勤托特包', price: [259, 599],
      specs: [{ name: '颜色', values: ['黑色', '焦糖', '米白', '酒红'], take: [2, 4] }],
      series: ['通勤', '极简', '大容量'],
      points: ['头层牛皮', '可放 14 寸电脑', '内置拉链隔层'],
      attrs: { 材质: '头层牛皮', 适用场景: '通勤' },
    },
    {
      key: 'homewear', sub: 'cat_underwear', name: '莫代尔家居服套装', price: [99, 199],
      specs: [{ name: '颜色', values: ['雾蓝', '浅灰', '藕粉'], take: [1, 2] }, womenSizes],
      series: ['柔软', '居家', '冰丝'],
      points: ['莫代尔亲肤', '宽松不勒', '可外穿下楼'],
      attrs: { 材质: '莫代尔95% 氨纶5%', 适用季节: '春夏' },
    },
    {
      key: 'briefs', sub: 'cat_underwear', name: '纯棉中腰内裤 3条装', price: [49, 99],
      specs: [{ name: '颜色', values: ['混色装', '肤色装'], take: [1, 2] }, { name: '尺码', values: ['M', 'L', 'XL'], take: [2, 3] }],
      series: ['抗菌', '无痕', '精梳棉'],
      points: ['A类婴幼儿级面料', '抗菌裆部', '无痕不勒'],
      attrs: { 材质: '精梳棉95% 氨纶5%', 适用季节: '四季' },
    },
  ],
};
