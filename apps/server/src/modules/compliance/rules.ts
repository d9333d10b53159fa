/**
 * The advertising-law rules (《中华人民共和国广告法》 and the price and cosmetics rules it points to). Each rule is a
 * pattern over normalised text, the article it enforces, whether a hit blocks saving or only warns, and what to
 * write instead. Exceptions follow SAMR's 《广告绝对化用语执法指南》 (2023): a superlative that states an objective
 * fact about the seller's own goods (最新款, 第一次, 最高时速) is not an absolute claim.
 */

export type Severity = 'block' | 'warn';
export type RuleCategory = 'absolute' | 'authority' | 'medical' | 'efficacy' | 'claim' | 'price' | 'returns';

export interface AdRule {
  id: string;
  category: RuleCategory;
  severity: Severity;
  /** The article a reader can look up, e.g. 广告法 第九条第（三）项. */
  article: string;
  title: string;
  pattern: RegExp;
  /** A hit whose surrounding text matches one of these (tested on the match plus a few characters after) is fine. */
  except?: RegExp;
  /** The words to put instead of the matched text ('' = delete it). */
  rewrite: (matched: string) => string;
  /** Only for goods in these categories, or for everything but them (a text's category list holds its ancestors). */
  scope?: { mode: 'only' | 'except'; categoryIds: readonly string[] };
}

/** 特殊化妆品 (《化妆品监督管理条例》第十六条): registered goods here may claim 祛斑美白, 防脱发 and the like. */
const SPECIAL_COSMETICS_CATEGORY = 'cat_special_cosmetics';

export const CATEGORY_LABEL: Record<RuleCategory, string> = {
  absolute: '绝对化用语',
  authority: '国家机关或特定身份名义',
  medical: '医疗用语（非医疗商品）',
  efficacy: '功效与安全性保证',
  claim: '产地、获奖与数据需证明',
  price: '误导性价格用语',
  returns: '收益与保本承诺',
};

const A9_3 = '广告法 第九条第（三）项';
const A17 = '广告法 第十七条';

// 最 + an objective word about the seller's own goods or about time/quantity: not an absolute claim.
const ZUI_FACTUAL =
  /^最(新款|新版|新一代|新上市|新到货|新|后一天|后\d|后一|后几|近|初|早|终|多可|多能|多\d|少|大容量|高时速|高可|长可|低温度|大承重|大功率|爱的?|喜欢)/;
// 第一 + a counter or step: the first time, the first step, the first batch — ordinals, not rankings.
const DIYI_ORDINAL =
  /^第一(次|步|天|批|件|眼|口|时间|代|季|期|层|个|款|章|周|单|印象|感觉|站|杯|颗|道|遍|页|排|阶段|手|条|篇|部|集|句|段|场|轮|节|课|张|本|套|盒|瓶|包)/;

const none = () => '';

export const AD_RULES: AdRule[] = [
  {
    id: 'absolute-superlative',
    category: 'absolute',
    severity: 'block',
    article: A9_3,
    title: '“最”字绝对化用语',
    pattern:
      /最(好|佳|优|强|棒|低价?|便宜|高级|先进|大牌|火|畅销|受欢迎|具|牛|安全|专业|正宗|权威|顶级|有效|划算|实惠|超值|舒适|健康|时尚|流行|齐全|完美|纯正|地道|好用|耐用|显白|补水|保湿|美白)/,
    except: ZUI_FACTUAL,
    rewrite: (m) =>
      m.includes('低') || m.includes('便宜') ? '优惠' : '很' + m.slice(1).replace(/^(高级|先进)$/, '好'),
  },
  {
    id: 'absolute-number-one',
    category: 'absolute',
    severity: 'block',
    article: A9_3,
    title: '“第一”“NO.1”等排名用语',
    pattern: /(全网|全国|全球|世界|行业|销量|品类|全平台|同行|网红)?(第一|no\.?1|top\.?1|冠军)(品牌|名|位|家)?/,
    except: DIYI_ORDINAL,
    rewrite: () => '深受好评',
  },
  {
    id: 'absolute-level',
    category: 'absolute',
    severity: 'block',
    article: A9_3,
    title: '“国家级”“顶级”“唯一”等用语',
    pattern:
      /(国家级|世界级|全球级|宇宙级|顶级|顶尖|极品|独一无二|绝无仅有|史无前例|前无古人|万能|唯一|无敌|终极|巅峰|王者|首选|遥遥领先|领导品牌|领袖品牌|100%纯|百分之百纯)/,
    except: /^唯一(的)?(不足|缺点|遗憾|美中不足)/,
    rewrite: (m) => (m.includes('纯') ? '纯' : m === '首选' ? '可选' : '优质'),
  },
  {
    id: 'authority-name',
    category: 'authority',
    severity: 'block',
    article: '广告法 第九条第（二）项',
    title: '使用国家机关、领导人名义或“特供”“专供”',
    pattern:
      /(特供|专供|国宴专用|国家机关(推荐|指定)|政府(推荐|指定)|领导人(推荐|同款)|人民大会堂(指定|专用)|央视(推荐|上榜品牌))/,
    rewrite: none,
  },
  {
    id: 'medical-treatment',
    category: 'medical',
    severity: 'block',
    article: A17,
    title: '非医疗商品宣称治疗疾病或使用医疗用语',
    pattern:
      /(治疗|治愈|根治|药到病除|疗效|疗程|抗癌|防癌|抗肿瘤|降血压|降血糖|降血脂|降三高|消炎|杀灭病毒|抗病毒|壮阳|补肾|活血化瘀|包治|特效药?|处方|药用|医用级|药妆|预防(感冒|癌症|糖尿病|高血压|疾病|近视)|(治(好|愈)?|改善)(失眠|便秘|脱发|痛风|鼻炎|湿疹|胃病|颈椎病|脚气|口腔溃疡))/,
    rewrite: none,
  },
  {
    id: 'medical-endorsement',
    category: 'medical',
    severity: 'block',
    article: '广告法 第十六条第（四）项',
    title: '利用医生、专家、患者名义作推荐',
    pattern: /((医生|专家|医师|院士|教授|三甲医院|医院)(推荐|认证|力荐|都在用)|患者(证明|反馈|亲测))/,
    rewrite: none,
  },
  {
    id: 'efficacy-guarantee',
    category: 'efficacy',
    severity: 'block',
    article: '广告法 第十八条、第二十八条',
    title: '功效或安全性的断言、保证',
    pattern:
      /(100%有效|百分百有效|保证有效|立竿见影|一次见效|\d+天见效|无效退款|永不反弹|不反弹|无副作用|零副作用|无任何副作用|绝对安全|零风险|增强免疫力|提高免疫力|(三|七|\d+)天(瘦|美白|变白|白|长高)|快速减肥|减肥|瘦身|燃脂|排毒|排出?体内[^，。！]{0,3}毒|瘦[\d一二三四五六七八九十两]+斤|刮油|祛痘)/,
    rewrite: none,
  },
  {
    id: 'efficacy-special-cosmetic',
    category: 'efficacy',
    severity: 'block',
    article: '广告法 第十七条；《化妆品监督管理条例》第十六条、第三十七条',
    title: '特殊化妆品功效（祛斑美白、防脱发等）须注册后宣称',
    pattern: /(祛斑|淡斑|去斑|美白|防脱|生发|育发)/,
    except: /^美白(牙|贴)/,
    rewrite: none,
    scope: { mode: 'except', categoryIds: [SPECIAL_COSMETICS_CATEGORY] },
  },
  {
    id: 'claim-award-origin',
    category: 'claim',
    severity: 'warn',
    article: '广告法 第十一条、第二十八条第二款第（二）（三）项',
    title: '获奖、认证、产地或统计数据须有证明材料',
    pattern:
      /(荣获|获得|斩获)[^，。！]{0,12}(金奖|大奖|奖项|认证)|(国际|世界|全国)[^，。！]{0,6}金奖|诺贝尔|\d+(\.\d+)?%的?(用户|顾客|消费者|人|宝妈)|好评率\d+|销量[^，。！]{0,4}(遥遥领先|突破\d+万)|原装进口|原产地直供|正宗[^，。！]{0,4}产地/,
    rewrite: (m) => m,
  },
  {
    id: 'price-misleading',
    category: 'price',
    severity: 'warn',
    article: '《明码标价和禁止价格欺诈规定》第十四条、第十九条；广告法 第八条',
    title: '原价、出厂价等价格比较须真实可查',
    pattern:
      /(原价|市场价|专柜价|吊牌价)[:：]?\s*¥?\d+|出厂价|成本价|跳楼价|亏本(价|清仓|甩卖)|血亏|清仓价|工厂价|批发价|史上最低|全网最低|底价/,
    rewrite: (m) => (/\d/.test(m) ? '' : '优惠价'),
  },
  {
    id: 'returns-guarantee',
    category: 'returns',
    severity: 'block',
    article: '广告法 第二十五条第（一）项',
    title: '保本、保收益或无风险承诺',
    pattern:
      /(保本|稳赚|包赚|躺赚|保收益|保证收益|年化收益|回报率\d|月入过?万|日赚|只涨不跌|保值增值|稳定收益|无风险投资|投资回报)/,
    rewrite: none,
  },
];
