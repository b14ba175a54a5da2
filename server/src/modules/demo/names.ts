// Word lists for the demo data generator: people, company names, places, business profiles.
// Everything here is plain data; generator.ts draws from it with a seeded PRNG.
import type { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';

type SupervisionTag = (typeof SUPERVISION_TAGS)[number];

// ---------------------------------------------------------------- people

/** Common surnames, most frequent first (the generator favours the head of the list). */
export const SURNAMES: readonly string[] = [
  ...('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈' +
    '姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向常'),
];

/** Characters of given names (名). A given name is one or two of these. */
export const GIVEN_CHARS: readonly string[] = [
  ...('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力林斌宇浩凯鹏飞鑫波宁峰志国海东春晓俊亮' +
    '晨欣佳琳雪梅颖婷倩丹慧振兴新永德成荣庆瑞祥福民卫光金宏学松利清忠立彬坤良晶燕莉红建军刚云雨阳帆博睿泽' +
    '子一嘉思梓文家世培守长继延增桂玉秋冬江山'),
];

/** Mobile number prefixes in use by the three carriers. */
export const MOBILE_PREFIXES: readonly string[] = (
  '130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 ' +
  '159 166 173 175 176 177 180 181 182 183 185 186 187 188 189 191 193 198 199'
).split(' ');

// ---------------------------------------------------------------- company names

/** First and second characters of a trade name (字号), combined pairwise: 恒 + 鑫 → 恒鑫. */
export const BRAND_FIRST: readonly string[] = [
  ...('恒华宏鑫瑞鼎盛泰润兴嘉信德金隆昌永正汇聚博源通达宇星凯晟昊锦诚安康祥丰富益致远联创朗卓晶森豪腾骏睿弘' +
    '鸿伟耀佳和宝沃奥亿航'),
];
export const BRAND_SECOND: readonly string[] = [
  ...('瑞鑫达盛泰源丰华隆昌通宇辉晟顺益利成邦诺威科力信泽拓创恒远洋峰德美锐联新博嘉和旺捷海晨煌程发合升安正' +
    '茂川耐驰元光佳特工凯'),
];

/** Pairs that spell a well-known real brand; the generator never uses them. */
export const BRAND_BLOCKLIST: ReadonlySet<string> = new Set(
  (
    '恒瑞 华润 恒大 华联 联华 宏达 华美 鸿海 正泰 永辉 通威 晶科 汇源 恒力 安利 华泰 金川 宇通 汇川 德邦 华晨 华海 ' +
    '康泰 华邦 益丰 金发 兴发 和邦 华特 博世 星光 金元 创维 海信 德力 华工 远洋 信达 华信 和信 凯美 美特 安正 和正'
  ).split(' '),
);

/** Organisational forms; 股份有限公司 is kept for larger enterprises by the generator. */
export const ORG_FORMS = {
  heavy: [
    ['有限公司', 6],
    ['有限责任公司', 2],
    ['股份有限公司', 1],
  ],
  industrial: [
    ['有限公司', 6],
    ['有限责任公司', 2],
    ['股份有限公司', 1],
    ['科技有限公司', 2],
  ],
  tech: [
    ['科技有限公司', 5],
    ['有限公司', 3],
    ['股份有限公司', 1],
    ['有限责任公司', 1],
  ],
  service: [
    ['有限公司', 6],
    ['有限责任公司', 2],
  ],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;
export type OrgFormSet = keyof typeof ORG_FORMS;

// ---------------------------------------------------------------- places

/** Park areas and their roads. */
export const AREAS = [
  { name: '东区', roads: ['东环路', '兴业路', '长江路', '纬三路'] },
  { name: '西区', roads: ['西环路', '黄河路', '创业大道', '富民路'] },
  { name: '南区', roads: ['南环路', '泰山路', '经五路', '开源路'] },
  { name: '北区', roads: ['北环路', '工业大道', '华山路', '纬七路'] },
  { name: '科创园', roads: ['科技路', '创新大道', '智慧路', '学府路'] },
  { name: '物流园', roads: ['物流大道', '港园路', '储运路', '通达路'] },
] as const;
export type AreaName = (typeof AREAS)[number]['name'];

export const VILLAGES = [
  '东庄',
  '西营',
  '南关',
  '北寨',
  '李家庄',
  '王家洼',
  '张庄',
  '刘家楼',
  '后屯',
  '前店',
  '河沿',
  '高家岭',
];
export const COMMUNITIES = ['和平', '幸福', '阳光', '锦绣', '翠园', '康乐', '滨河', '振兴'];

/**
 * Prefecture-level administrative division codes (GB/T 2260) of mid-sized industrial cities, used for positions 3–8
 * of the generated credit codes (registration authority of the prefecture).
 */
export const PREFECTURE_CODES = [
  '130600', // 保定市
  '320400', // 常州市
  '330400', // 嘉兴市
  '340200', // 芜湖市
  '350500', // 泉州市
  '360700', // 赣州市
  '370300', // 淄博市
  '370700', // 潍坊市
  '371300', // 临沂市
  '410300', // 洛阳市
  '420500', // 宜昌市
  '430200', // 株洲市
  '450200', // 柳州市
  '510700', // 绵阳市
  '610300', // 宝鸡市
] as const;

// ---------------------------------------------------------------- business profiles

/** What a leased enterprise rents from its landlord; decides the unit in its address. */
export type Premises = 'plant' | 'office' | 'shop' | 'warehouse';

export interface BusinessProfile {
  id: string;
  /** GB/T 4754-2017 class, see shared/src/industries.ts. */
  industry: string;
  /** The business part of the company name: 恒鑫 + 精密机械 + 有限公司. */
  words: readonly string[];
  forms: OrgFormSet;
  /** Relative frequency among own-site (独立选址) and leased (租赁) enterprises; 0 = never. */
  own: number;
  leased: number;
  /** Employee range overriding the site type's default. */
  employees?: readonly [number, number];
  /** Tags beyond the industry's typical ones. */
  extraTags?: readonly SupervisionTag[];
  /** Chance of being a special-equipment user (boilers, cranes, forklifts, lifts, pressure vessels) before size. */
  special: number;
  /** Preferred park areas (otherwise any). */
  areas?: readonly AreaName[];
  premises: Premises;
  /** Weight as a landlord when own-site (park developers rent out standard plants and office buildings). */
  landlord?: number;
}

const HEAVY: readonly AreaName[] = ['东区', '北区'];
const TECH: readonly AreaName[] = ['科创园'];
const LOGISTICS: readonly AreaName[] = ['物流园'];

/** One profile per line: id, industry, name words (space-separated), forms, own, leased, special, premises, extras. */
function p(
  id: string,
  industry: string,
  words: string,
  forms: OrgFormSet,
  own: number,
  leased: number,
  special: number,
  premises: Premises,
  extras: Pick<BusinessProfile, 'employees' | 'extraTags' | 'areas' | 'landlord'> = {},
): BusinessProfile {
  return { id, industry, words: words.split(' '), forms, own, leased, special, premises, ...extras };
}

export const PROFILES: readonly BusinessProfile[] = [
  // park developers and operators: the landlords of standard plants and office buildings
  p('developer', 'K7040', '置业 实业 产业发展 建设开发', 'service', 3, 0, 0.9, 'office', {
    employees: [50, 160],
    landlord: 8,
  }),
  p('parkOperator', 'L7221', '科技园发展 产业园运营管理 创业园管理 科创园运营', 'service', 2, 0, 0.9, 'office', {
    employees: [50, 140],
    areas: TECH,
    landlord: 10,
  }),
  // metallurgy and foundry
  p('steel', 'C3120', '特钢 钢铁 特殊钢', 'heavy', 1, 0, 1, 'plant', { employees: [300, 1200], areas: HEAVY }),
  p('aluminium', 'C3216', '铝业 再生铝业 铝材', 'heavy', 1, 0, 1, 'plant', { employees: [150, 900], areas: HEAVY }),
  p('ironCasting', 'C3391', '铸造 铸业 精密铸造 机械铸造', 'industrial', 2, 1, 0.9, 'plant', { areas: HEAVY }),
  p('dieCasting', 'C3392', '压铸 精密压铸 铝合金压铸', 'industrial', 1, 2, 0.8, 'plant'),
  // metal products
  p('steelStructure', 'C3311', '钢结构 钢构工程 重工', 'industrial', 3, 2, 0.95, 'plant'),
  p('heatTreatment', 'C3360', '热处理 表面处理 金属表面处理', 'industrial', 1, 3, 0.6, 'plant'),
  p('polishing', 'C3381', '不锈钢制品 厨具 五金制品', 'industrial', 1, 4, 0.3, 'plant'),
  // machinery and vehicles
  p('machineTools', 'C3421', '数控机床 机床 数控设备', 'industrial', 2, 2, 0.8, 'plant'),
  p('machining', 'C3484', '精密机械 机械制造 机械配件 精工机械 机械设备', 'industrial', 3, 9, 0.6, 'plant'),
  p('autoParts', 'C3670', '汽车零部件 汽车配件 汽车部件 车桥', 'industrial', 3, 4, 0.8, 'plant'),
  // electrical and electronics
  p('cables', 'C3831', '电线电缆 线缆 电缆', 'industrial', 2, 2, 0.8, 'plant'),
  p('battery', 'C3841', '新能源 锂电 储能 电池', 'tech', 1, 1, 0.7, 'plant', { areas: TECH }),
  p('photovoltaic', 'C3825', '光伏 光能 太阳能', 'tech', 1, 1, 0.7, 'plant'),
  p('pcb', 'C3982', '电子 电路 线路板', 'tech', 1, 2, 0.5, 'plant', { areas: TECH }),
  p('optoelectronics', 'C3976', '光电 光电子 激光', 'tech', 1, 3, 0.3, 'plant', { areas: TECH }),
  p('automation', 'C4011', '自动化 智能控制 智能装备 测控', 'tech', 1, 4, 0.3, 'plant', { areas: TECH }),
  p('medicalDevices', 'C3581', '医疗器械 医疗设备 生物医疗', 'tech', 1, 3, 0.3, 'plant', { areas: TECH }),
  // chemicals and pharmaceuticals
  p('organicChemicals', 'C2614', '化工 精细化工 化学', 'heavy', 2, 0, 1, 'plant', {
    employees: [80, 600],
    areas: HEAVY,
  }),
  p('chlorAlkali', 'C2612', '氯碱化工 盐化 氯碱', 'heavy', 1, 0, 1, 'plant', { employees: [200, 900], areas: HEAVY }),
  p('coatings', 'C2641', '涂料 漆业 化工涂料', 'industrial', 1, 1, 0.8, 'plant', { areas: HEAVY }),
  p('resin', 'C2651', '新材料 树脂 高分子材料', 'tech', 1, 1, 0.9, 'plant'),
  p('reagents', 'C2661', '化学试剂 助剂 精细化学品', 'tech', 1, 1, 0.7, 'plant'),
  p('pharma', 'C2720', '药业 制药 生物制药', 'heavy', 2, 0, 1, 'plant'),
  p('medicalSupplies', 'C2770', '医疗用品 卫生材料 医用敷料', 'industrial', 1, 2, 0.5, 'plant'),
  // plastics, wood, paper, printing, textiles
  p('plasticFilm', 'C2921', '塑料 包装材料 薄膜', 'industrial', 1, 3, 0.5, 'plant'),
  p('plasticParts', 'C2929', '塑业 塑胶制品 注塑', 'industrial', 1, 5, 0.4, 'plant'),
  p('furniture', 'C2110', '家具 木业 家居', 'industrial', 2, 4, 0.5, 'plant'),
  p('plywood', 'C2021', '木业 板业 人造板', 'industrial', 2, 1, 0.8, 'plant'),
  p('paper', 'C2221', '纸业 造纸', 'heavy', 1, 0, 1, 'plant', { employees: [120, 800] }),
  p('cartons', 'C2231', '包装 纸制品 纸箱包装', 'industrial', 1, 4, 0.4, 'plant'),
  p('printing', 'C2319', '印务 彩印 印刷', 'industrial', 0, 3, 0.2, 'plant'),
  p('dyeing', 'C1713', '印染 纺织印染', 'industrial', 1, 0, 1, 'plant'),
  p('garments', 'C1819', '服饰 服装 制衣', 'industrial', 1, 5, 0.1, 'plant'),
  p('cementProducts', 'C3021', '建材 管桩 水泥制品', 'industrial', 1, 0, 0.9, 'plant'),
  // food and drink
  p('starch', 'C1391', '淀粉 生物 玉米制品', 'industrial', 1, 0, 0.9, 'plant'),
  p('bakery', 'C1419', '食品 烘焙食品', 'industrial', 1, 3, 0.4, 'plant'),
  p('poultry', 'C1352', '食品 禽业 肉食品', 'industrial', 1, 0, 1, 'plant'),
  p('seafood', 'C1361', '水产食品 水产 冷冻食品', 'industrial', 1, 1, 0.9, 'plant'),
  p('frozenFood', 'C1432', '速冻食品 食品', 'industrial', 1, 2, 0.8, 'plant'),
  p('dairy', 'C1441', '乳业 乳品', 'heavy', 1, 0, 1, 'plant'),
  p('brewing', 'C1462', '酿造 调味品 调味食品', 'industrial', 1, 1, 0.8, 'plant'),
  p('beer', 'C1513', '啤酒 酒业', 'heavy', 1, 0, 1, 'plant'),
  // utilities and environment
  p('heating', 'D4430', '热力 热电 供热', 'heavy', 1, 0, 1, 'plant', { employees: [50, 300] }),
  p('gasSupply', 'D4511', '燃气 天然气', 'heavy', 1, 0, 1, 'plant', { employees: [50, 260] }),
  p('waterSupply', 'D4610', '供水 自来水', 'heavy', 1, 0, 0.8, 'plant', { employees: [50, 240] }),
  p('sewage', 'D4620', '水务 污水处理 水处理', 'heavy', 1, 0, 0.8, 'plant', { employees: [50, 200] }),
  p('solidWaste', 'N7723', '环保能源 环保 再生资源', 'industrial', 1, 0, 1, 'plant', { employees: [50, 300] }),
  // construction
  p('construction', 'E4790', '建设工程 建筑工程 建工', 'service', 1, 3, 0.8, 'office'),
  p('electricalInstall', 'E4910', '机电安装 电气安装工程 电力工程', 'service', 0, 2, 0.5, 'office'),
  p('decoration', 'E5011', '装饰工程 建筑装饰 装饰设计工程', 'service', 0, 2, 0.2, 'office'),
  // trade, storage, transport
  p('chemicalTrade', 'F5169', '化工贸易 化工产品销售 化工物资', 'service', 0, 2, 0.2, 'office'),
  p('hazmatStorage', 'G5942', '化工仓储 危险品仓储', 'service', 1, 0, 1, 'warehouse', {
    employees: [50, 150],
    areas: LOGISTICS,
  }),
  p('coldStorage', 'G5930', '冷链物流 冷藏 冷链仓储', 'service', 1, 1, 1, 'warehouse', { areas: LOGISTICS }),
  p('warehouse', 'G5920', '仓储 仓储物流 供应链管理', 'service', 2, 3, 0.9, 'warehouse', { areas: LOGISTICS }),
  p('freight', 'G5431', '物流 运输 货运', 'service', 1, 3, 0.6, 'warehouse', { areas: LOGISTICS }),
  p('supermarket', 'F5212', '超市 购物广场 商贸', 'service', 0, 3, 0.5, 'shop', { employees: [10, 160] }),
  p('departmentStore', 'F5211', '商厦 百货', 'service', 1, 1, 1, 'shop'),
  p('fireworks', 'F5299', '烟花爆竹销售 烟花爆竹零售 烟花爆竹经营', 'service', 0, 1, 0, 'shop', {
    employees: [5, 12],
    extraTags: ['fireworksRetail'],
  }),
  // hotels, catering, entertainment
  p('hotel', 'H6110', '大酒店 酒店 宾馆', 'service', 1, 1, 1, 'shop', { employees: [50, 260] }),
  p('budgetHotel', 'H6121', '酒店管理 商务酒店 快捷酒店', 'service', 0, 2, 0.7, 'shop', { employees: [8, 60] }),
  p('restaurant', 'H6210', '餐饮管理 餐饮 酒楼', 'service', 0, 3, 0.2, 'shop', { employees: [8, 90] }),
  p('karaoke', 'R9011', '文化娱乐 娱乐 文化传播', 'service', 0, 2, 0.2, 'shop', { employees: [10, 60] }),
  // offices: software, R&D, testing
  p('software', 'I6513', '软件 信息技术 网络 数据', 'tech', 1, 6, 0, 'office', { areas: TECH }),
  p('research', 'M7320', '工程技术 新材料研究 智能技术', 'tech', 0, 3, 0.1, 'office', { areas: TECH }),
  p('testing', 'M7452', '检测技术 检验检测 检测', 'tech', 0, 2, 0.2, 'office', { areas: TECH }),
];
