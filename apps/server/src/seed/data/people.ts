/** Parts for demo consumers: nicknames, recipients and addresses in real provinces, cities and districts. */

export const NICK_PREFIXES = ['爱吃', '想去', '会飞的', '不睡觉的', '慢吞吞的', '元气', '快乐的', '认真的', '路过的', '安静的', '今天也想吃', '努力的'];
export const NICK_NOUNS = ['小鹿', '橘猫', '柠檬', '团子', '兔子', '月亮', '鲸鱼', '松鼠', '芒果', '饺子', '豆包', '向日葵', '小熊', '汤圆', '海盐', '桃子'];
/** A few nicknames that read like real ones, used first. */
export const NICKNAMES = ['晴天小雨', '木子李', '一只阿柴', '江南烟雨', '小王同学', '陈皮皮', '周末去露营', '喵星人日记', 'Lily酱', '阿紫'];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
export const GIVEN_NAMES = ['芳', '伟', '娜', '敏', '静', '磊', '洋', '婷', '杰', '丽', '强', '艳', '军', '勇', '霞', '涛', '明', '超', '秀英', '建华', '子涵', '雨桐', '浩然', '思远'];

export interface Region {
  province: string;
  city: string;
  districts: string[];
}

export const REGIONS: Region[] = [
  { province: '浙江省', city: '杭州市', districts: ['西湖区', '拱墅区', '滨江区', '余杭区'] },
  { province: '浙江省', city: '宁波市', districts: ['鄞州区', '海曙区'] },
  { province: '广东省', city: '广州市', districts: ['天河区', '越秀区', '海珠区'] },
  { province: '广东省', city: '深圳市', districts: ['南山区', '福田区', '宝安区'] },
  { province: '北京市', city: '北京市', districts: ['朝阳区', '海淀区', '东城区'] },
  { province: '上海市', city: '上海市', districts: ['浦东新区', '徐汇区', '静安区'] },
  { province: '江苏省', city: '南京市', districts: ['鼓楼区', '玄武区'] },
  { province: '江苏省', city: '苏州市', districts: ['姑苏区', '吴中区'] },
  { province: '四川省', city: '成都市', districts: ['武侯区', '锦江区', '成华区'] },
  { province: '湖北省', city: '武汉市', districts: ['洪山区', '武昌区', '江汉区'] },
  { province: '陕西省', city: '西安市', districts: ['雁塔区', '碑林区'] },
  { province: '湖南省', city: '长沙市', districts: ['岳麓区', '芙蓉区'] },
  { province: '山东省', city: '青岛市', districts: ['市南区', '崂山区'] },
  { province: '福建省', city: '厦门市', districts: ['思明区', '湖里区'] },
  { province: '河南省', city: '郑州市', districts: ['金水区', '二七区'] },
  { province: '重庆市', city: '重庆市', districts: ['渝中区', '江北区'] },
  { province: '云南省', city: '昆明市', districts: ['五华区', '盘龙区'] },
];

export const STREETS = ['中山路', '人民路', '解放路', '建设路', '新华路', '长江路', '和平路', '文化路', '学府路', '滨江大道'];
export const COMMUNITIES = ['幸福小区', '阳光花园', '锦绣家园', '翠湖苑', '金色港湾', '书香名邸', '绿城花园', '春江花月'];
