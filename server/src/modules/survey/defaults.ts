// The questions ParkSafe ships for a new survey: the areas the committee's survey covers (DOMAIN.md §2.1 and the seed's
// 工贸行业企业安全生产状况调查) and a self-assessment per GB/T 33000-2016 element. Plain questions only: no regulation
// text is quoted or invented. A park edits them freely while its survey is a draft.
import type { QuestionType } from '../../../../shared/src/survey';

export interface DefaultQuestion {
  /** Local key, so a condition can point at an earlier question before ids exist. */
  key: string;
  questionType: QuestionType;
  title: string;
  helpText?: string;
  required?: boolean;
  options?: string[];
  minValue?: number;
  maxValue?: number;
  integerOnly?: boolean;
  unit?: string;
  condition?: { key: string; anyOf: string[] };
}

export interface DefaultSection {
  title: string;
  description?: string;
  questions: DefaultQuestion[];
}

const YES = ['true'];
const SELF_ASSESSMENT = ['完善', '基本完善', '不完善'];

/** GB/T 33000-2016 elements (reference/risk-methods.md). */
export const GBT33000_ELEMENTS = [
  '目标职责',
  '制度化管理',
  '教育培训',
  '现场管理',
  '安全风险管控及隐患排查治理',
  '应急管理',
  '事故管理',
  '持续改进',
] as const;

export const DEFAULT_SECTIONS: DefaultSection[] = [
  {
    title: '隐患排查治理',
    questions: [
      { key: 'hazardSystem', questionType: 'yesNo', title: '是否建立隐患排查治理制度' },
      {
        key: 'hazardMethods',
        questionType: 'multiple',
        title: '本企业开展的隐患排查类型',
        helpText: '可多选',
        options: [
          '日常排查',
          '综合性排查',
          '专业性排查',
          '季节性排查',
          '重点时段及节假日前排查',
          '复产复工前排查',
          '聘请外部专家排查',
        ],
      },
      { key: 'hazardLedger', questionType: 'yesNo', title: '是否建立隐患排查治理台账' },
      {
        key: 'hazardsFound',
        questionType: 'number',
        title: '本年度自查发现隐患数量',
        unit: '处',
        minValue: 0,
        integerOnly: true,
      },
      {
        key: 'hazardsRectified',
        questionType: 'number',
        title: '其中已整改完成数量',
        unit: '处',
        minValue: 0,
        integerOnly: true,
      },
    ],
  },
  {
    title: '重大危险源',
    questions: [
      { key: 'mhs', questionType: 'yesNo', title: '是否有重大危险源' },
      {
        key: 'mhsCount',
        questionType: 'number',
        title: '重大危险源数量',
        unit: '处',
        minValue: 1,
        integerOnly: true,
        condition: { key: 'mhs', anyOf: YES },
      },
      {
        key: 'mhsLevel',
        questionType: 'single',
        title: '重大危险源最高等级',
        options: ['一级', '二级', '三级', '四级'],
        condition: { key: 'mhs', anyOf: YES },
      },
      {
        key: 'mhsFiled',
        questionType: 'yesNo',
        title: '重大危险源是否已登记备案',
        condition: { key: 'mhs', anyOf: YES },
      },
    ],
  },
  {
    title: '应急预案与应急演练',
    questions: [
      { key: 'plan', questionType: 'yesNo', title: '是否编制生产安全事故应急预案' },
      { key: 'drill', questionType: 'yesNo', title: '本年度是否开展应急演练' },
      {
        key: 'drillCount',
        questionType: 'number',
        title: '本年度应急演练次数',
        unit: '次',
        minValue: 1,
        integerOnly: true,
        condition: { key: 'drill', anyOf: YES },
      },
      {
        key: 'drillDate',
        questionType: 'date',
        title: '最近一次应急演练日期',
        condition: { key: 'drill', anyOf: YES },
      },
      {
        key: 'drillKinds',
        questionType: 'multiple',
        title: '演练场景',
        helpText: '可多选',
        required: false,
        options: ['火灾', '爆炸', '中毒', '泄漏', '有限空间', '综合'],
        condition: { key: 'drill', anyOf: YES },
      },
    ],
  },
  {
    title: '安全生产责任制',
    questions: [
      { key: 'resp', questionType: 'yesNo', title: '是否建立全员安全生产责任制' },
      {
        key: 'respAllPosts',
        questionType: 'yesNo',
        title: '安全生产责任制是否覆盖所有岗位',
        condition: { key: 'resp', anyOf: YES },
      },
      {
        key: 'manager',
        questionType: 'single',
        title: '安全生产管理人员配备情况',
        options: ['专职', '兼职', '未配备'],
      },
    ],
  },
  {
    title: '安全生产管理制度与操作规程',
    questions: [
      { key: 'rules', questionType: 'yesNo', title: '是否制定安全生产管理制度' },
      { key: 'procedures', questionType: 'yesNo', title: '是否制定岗位安全操作规程' },
      {
        key: 'proceduresAll',
        questionType: 'yesNo',
        title: '安全操作规程是否覆盖全部岗位和设备',
        condition: { key: 'procedures', anyOf: YES },
      },
    ],
  },
  {
    title: '安全生产标准化',
    questions: [
      {
        key: 'standardGrade',
        questionType: 'single',
        title: '安全生产标准化等级（GB/T 33000）',
        options: ['一级', '二级', '三级', '未达标', '未开展'],
      },
      {
        key: 'standardValidTo',
        questionType: 'date',
        title: '标准化等级证书有效期至',
        required: false,
        condition: { key: 'standardGrade', anyOf: ['一级', '二级', '三级'] },
      },
    ],
  },
  {
    title: '员工安全培训',
    questions: [
      { key: 'threeLevel', questionType: 'yesNo', title: '新入职员工是否全部接受三级安全教育' },
      { key: 'trainingPlan', questionType: 'yesNo', title: '是否制定年度安全培训计划' },
      {
        key: 'trainingHours',
        questionType: 'number',
        title: '本年度从业人员人均安全培训学时',
        unit: '学时',
        minValue: 0,
        maxValue: 1000,
      },
      {
        key: 'leadersTrained',
        questionType: 'yesNo',
        title: '主要负责人和安全生产管理人员是否参加安全培训并考核合格',
      },
    ],
  },
  {
    title: '安全生产标准化要素自评（GB/T 33000-2016）',
    description: '按本企业实际情况，对各要素的建设情况自评。',
    questions: GBT33000_ELEMENTS.map((element, i) => ({
      key: `element${i}`,
      questionType: 'single' as const,
      title: `「${element}」要素建设情况`,
      options: SELF_ASSESSMENT,
    })),
  },
  {
    title: '意见建议',
    questions: [
      {
        key: 'needs',
        questionType: 'text',
        title: '需要管委会协调解决的安全生产问题或建议',
        required: false,
      },
    ],
  },
];
