import type { CategoryTemplate } from './types.ts';

// Brand names are invented for the demo; any resemblance to a real brand is unintended.
export const beauty: CategoryTemplate = {
  top: 'cat_beauty',
  count: 51,
  closing: '化妆品拆封后如无质量问题不支持退换，敏感肌请先在耳后做局部测试。',
  brands: [
    { name: '花溪谷', origin: '云南昆明' },
    { name: '瓷肌研', origin: '上海' },
    { name: '素野', origin: '浙江杭州' },
    { name: '青岚', origin: '广东广州' },
    { name: '若水堂', origin: '江苏苏州' },
    { name: '澜月', origin: '上海' },
  ],
  types: [
    {
      key: 'cream', sub: 'cat_skincare', name: '保湿面霜', price: [89, 239],
      specs: [{ name: '规格', values: ['30g', '50g', '100g'], take: [2, 3], step: 0.6 }],
      series: ['水润', '修护', '雪绒', '沁养', '玉泽'],
      points: ['神经酰胺修护屏障', '72小时长效保湿', '质地轻薄不黏腻', '无香精无酒精', '秋冬换季维稳'],
      attrs: { 适用肤质: ['干性肌肤', '所有肤质', '混合性肌肤'], 保质期: '3年', 功效: '保湿补水' },
    },
    {
      key: 'serum', sub: 'cat_skincare', name: '玻尿酸精华液', price: [129, 329],
      specs: [{ name: '容量', values: ['15ml', '30ml', '50ml'], take: [2, 3], step: 0.7 }],
      series: ['水光', '多重', '焕亮', '澄透'],
      points: ['五重分子玻尿酸', '一抹吸收', '提亮肤色', '早晚可用', '搭配面霜效果更佳'],
      attrs: { 适用肤质: '所有肤质', 保质期: '3年', 功效: '补水提亮' },
    },
    {
      key: 'cleanser', sub: 'cat_skincare', name: '氨基酸洁面乳', price: [39, 89],
      specs: [{ name: '规格', values: ['100g', '150g', '100g×2支'], take: [2, 3], step: 0.5 }],
      series: ['温和', '净澈', '绵密', '清透'],
      points: ['氨基酸表活温和不紧绷', '绵密泡沫', '洗后水润', '敏感肌可用'],
      attrs: { 适用肤质: ['敏感肌肤', '所有肤质', '油性肌肤'], 保质期: '3年', 功效: '清洁' },
    },
    {
      key: 'mask', sub: 'cat_skincare', name: '补水面膜', price: [39, 99],
      specs: [{ name: '规格', values: ['5片装', '10片装', '20片装'], take: [2, 3], step: 0.8 }],
      series: ['冰泉', '舒缓', '密集', '晒后'],
      points: ['天丝膜布服帖', '精华液满满一袋', '急救补水', '熬夜后救星'],
      attrs: { 适用肤质: '所有肤质', 保质期: '3年', 功效: '补水舒缓' },
    },
    {
      key: 'sunscreen', sub: 'cat_skincare', name: '清爽防晒霜 SPF50+', price: [69, 159],
      specs: [{ name: '容量', values: ['40ml', '60ml', '60ml×2支'], take: [2, 3], step: 0.6 }],
      series: ['轻透', '户外', '素颜', '水感'],
      points: ['PA++++ 高倍防护', '成膜快不搓泥', '可做妆前', '防水防汗'],
      attrs: { 适用肤质: '所有肤质', 保质期: '3年', 功效: '防晒' },
    },
    {
      key: 'lipstick', sub: 'cat_makeup', name: '丝绒哑光口红', price: [79, 169],
      specs: [{ name: '色号', values: ['#01 正红', '#08 豆沙', '#16 枫叶', '#22 奶茶', '#31 番茄', '#35 玫瑰'], take: [3, 6] }],
      series: ['丝绒', '柔雾', '小金条', '缎光'],
      points: ['一抹显色', '不拔干不沾杯', '薄涂厚涂都好看', '黄皮友好'],
      attrs: { 保质期: '3年', 妆效: '哑光', 净含量: '3.5g' },
    },
    {
      key: 'foundation', sub: 'cat_makeup', name: '持妆粉底液', price: [119, 259],
      specs: [
        { name: '色号', values: ['象牙白', '自然色', '小麦色'], take: [2, 3] },
        { name: '规格', values: ['30ml', '30ml+替换装'], take: [1, 2], step: 0.5 },
      ],
      series: ['无瑕', '轻雾', '奶油肌', '12小时'],
      points: ['轻薄服帖', '控油持妆', '遮瑕力适中', '混油皮亲妈'],
      attrs: { 保质期: '3年', 妆效: '雾面', 适用肤质: ['混合性肌肤', '油性肌肤'] },
    },
    {
      key: 'eyeshadow', sub: 'cat_makeup', name: '九色眼影盘', price: [89, 189],
      specs: [{ name: '配色', values: ['大地色', '蜜桃粉', '烟熏灰', '南瓜橘'], take: [2, 4] }],
      series: ['日常', '晚霞', '琥珀', '星河'],
      points: ['粉质细腻', '哑光珠光搭配', '新手也能画', '不飞粉'],
      attrs: { 保质期: '3年', 妆效: '哑光+珠光' },
    },
    {
      key: 'eyebrow', sub: 'cat_makeup', name: '极细眉笔', price: [29, 69],
      specs: [{ name: '颜色', values: ['深棕', '灰棕', '浅咖', '黑色'], take: [2, 4] }],
      series: ['根根', '防水', '自然'],
      points: ['1.5mm 极细笔芯', '防水防汗', '自带眉刷'],
      attrs: { 保质期: '3年', 净含量: '0.08g' },
    },
    {
      key: 'perfume', sub: 'cat_fragrance', name: '淡香水', price: [159, 399],
      specs: [
        { name: '香调', values: ['白茶', '柑橘', '雪松木质', '玫瑰'], take: [1, 3] },
        { name: '容量', values: ['30ml', '50ml', '100ml'], take: [2, 2], step: 0.55 },
      ],
      series: ['晨雾', '花间', '旷野', '月光'],
      points: ['前中后调层次丰富', '留香 4–6 小时', '通勤约会皆宜', '礼盒包装'],
      attrs: { 保质期: '5年', 香型: ['花香调', '木质调', '柑苔调'] },
    },
    {
      key: 'candle', sub: 'cat_fragrance', name: '香薰蜡烛', price: [69, 169],
      specs: [{ name: '香型', values: ['无花果', '海盐鼠尾草', '檀木', '桂花'], take: [2, 4] }],
      series: ['慢时光', '森林', '晚安', '暖冬'],
      points: ['天然大豆蜡', '燃烧约 40 小时', '木质烛芯噼啪声', '送礼有面'],
      attrs: { 保质期: '3年', 材质: '大豆蜡', 净含量: '200g' },
    },
    {
      key: 'handcream', sub: 'cat_fragrance', name: '香氛护手霜', price: [39, 99],
      specs: [{ name: '规格', values: ['30ml', '30ml×3支礼盒', '30ml×5支礼盒'], take: [2, 3], step: 1.2 }],
      series: ['花漾', '柔润', '果香'],
      points: ['秒吸收不油腻', '淡淡香氛', '便携小支装'],
      attrs: { 保质期: '3年', 适用肤质: '所有肤质' },
    },
  ],
};
