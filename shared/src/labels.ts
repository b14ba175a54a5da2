// Display labels for codes, one dictionary per language. Identifiers stay English; people read these.
export type Lang = 'zh' | 'en';

type Dict = Record<string, { zh: string; en: string }>;

export const ROLE_LABELS: Dict = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  supervisor: { zh: '安监人员', en: 'Supervisor' },
  leader: { zh: '分管领导', en: 'Leader' },
  inspector: { zh: '检查人员', en: 'Inspector' },
  department: { zh: '成员单位/村居', en: 'Member unit' },
  enterprise: { zh: '企业用户', en: 'Enterprise' },
};

export const ORGANISATION_KIND_LABELS: Dict = {
  committee: { zh: '管委会', en: 'Committee' },
  department: { zh: '安委会成员单位', en: 'Member department' },
  village: { zh: '村居', en: 'Village/community' },
  service_provider: { zh: '第三方服务机构', en: 'Service provider' },
  enterprise: { zh: '企业', en: 'Enterprise' },
};

export const SITE_TYPE_LABELS: Dict = {
  ownSite: { zh: '独立选址', en: 'Own site' },
  leased: { zh: '租赁', en: 'Leased' },
};

export const SCALE_LABELS: Dict = {
  aboveScale: { zh: '规上', en: 'Above scale' },
  sme: { zh: '中小微', en: 'SME' },
};

export const ENTERPRISE_STATUS_LABELS: Dict = {
  operating: { zh: '在营', en: 'Operating' },
  suspended: { zh: '停产', en: 'Suspended' },
  pendingResumption: { zh: '待复工', en: 'Pending resumption' },
  cancelled: { zh: '注销', en: 'Cancelled' },
};

export const SUPERVISION_TAG_LABELS: Dict = {
  hazardousChemicals: { zh: '危险化学品', en: 'Hazardous chemicals' },
  combustibleDust: { zh: '粉尘涉爆', en: 'Combustible dust' },
  confinedSpace: { zh: '有限空间', en: 'Confined space' },
  ammoniaRefrigeration: { zh: '涉氨制冷', en: 'Ammonia refrigeration' },
  chlorine: { zh: '涉氯', en: 'Chlorine' },
  metalSmelting: { zh: '金属冶炼', en: 'Metal smelting' },
  fireworksRetail: { zh: '烟花爆竹零售', en: 'Fireworks retail' },
  crowdedPlace: { zh: '人员密集场所', en: 'Crowded place' },
  construction: { zh: '建筑施工', en: 'Construction' },
  fireSafetyKeyUnit: { zh: '消防安全重点单位', en: 'Fire-safety key unit' },
  specialEquipmentUser: { zh: '特种设备使用单位', en: 'Special equipment user' },
};

export const EQUIPMENT_TYPE_LABELS: Dict = {
  boiler: { zh: '锅炉', en: 'Boiler' },
  pressureVessel: { zh: '压力容器', en: 'Pressure vessel' },
  pressurePiping: { zh: '压力管道', en: 'Pressure piping' },
  elevator: { zh: '电梯', en: 'Elevator' },
  crane: { zh: '起重机械', en: 'Crane' },
  fieldVehicle: { zh: '场(厂)内专用机动车辆', en: 'Field vehicle' },
  passengerRopeway: { zh: '客运索道', en: 'Passenger ropeway' },
  amusementDevice: { zh: '大型游乐设施', en: 'Amusement device' },
};

export const EQUIPMENT_STATUS_LABELS: Dict = {
  inUse: { zh: '在用', en: 'In use' },
  stopped: { zh: '停用', en: 'Stopped' },
  scrapped: { zh: '报废', en: 'Scrapped' },
};

export const PLAN_KIND_LABELS: Dict = {
  comprehensive: { zh: '综合应急预案', en: 'Comprehensive' },
  special: { zh: '专项应急预案', en: 'Special' },
  onSite: { zh: '现场处置方案', en: 'On-site' },
};

export const FILING_STATUS_LABELS: Dict = {
  notFiled: { zh: '未备案', en: 'Not filed' },
  filed: { zh: '已备案', en: 'Filed' },
  revising: { zh: '修订中', en: 'Revising' },
};

export const CERTIFICATE_TYPE_LABELS: Dict = {
  electrician: { zh: '电工作业', en: 'Electrician' },
  welding: { zh: '焊接与热切割作业', en: 'Welding' },
  workingAtHeight: { zh: '高处作业', en: 'Working at height' },
  refrigeration: { zh: '制冷与空调作业', en: 'Refrigeration' },
  hazardousChemicals: { zh: '危险化学品安全作业', en: 'Hazardous chemicals' },
  metallurgy: { zh: '冶金（有色）生产安全作业', en: 'Metallurgy' },
  fireworks: { zh: '烟花爆竹安全作业', en: 'Fireworks' },
  specialEquipmentOperator: { zh: '特种设备作业', en: 'Special equipment operator' },
  other: { zh: '其他', en: 'Other' },
};

export const HAZARD_SOURCE_LEVEL_LABELS: Dict = {
  '1': { zh: '一级', en: 'Level 1' },
  '2': { zh: '二级', en: 'Level 2' },
  '3': { zh: '三级', en: 'Level 3' },
  '4': { zh: '四级', en: 'Level 4' },
};

export const DUE_STATE_LABELS: Dict = {
  ok: { zh: '正常', en: 'OK' },
  dueSoon: { zh: '30天内到期', en: 'Due within 30 days' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  none: { zh: '—', en: '—' },
};

export const AUDIT_ACTION_LABELS: Dict = {
  'auth.login': { zh: '登录', en: 'Login' },
  'auth.loginFailed': { zh: '登录失败', en: 'Failed login' },
  'auth.locked': { zh: '账户锁定', en: 'Account locked' },
  'auth.logout': { zh: '退出登录', en: 'Logout' },
  'auth.passwordChanged': { zh: '修改密码', en: 'Password changed' },
  'auth.totpEnabled': { zh: '启用动态验证码', en: 'TOTP enabled' },
  'auth.totpDisabled': { zh: '停用动态验证码', en: 'TOTP disabled' },
  'user.create': { zh: '新建用户', en: 'User created' },
  'user.update': { zh: '修改用户', en: 'User updated' },
  'user.unlock': { zh: '解锁用户', en: 'User unlocked' },
  'user.resetPassword': { zh: '重置密码', en: 'Password reset' },
  'organisation.create': { zh: '新建单位', en: 'Organisation created' },
  'organisation.update': { zh: '修改单位', en: 'Organisation updated' },
  'enterprise.create': { zh: '新建企业', en: 'Enterprise created' },
  'enterprise.update': { zh: '修改企业', en: 'Enterprise updated' },
  'hazard-sources.create': { zh: '登记重大危险源', en: 'Hazard source added' },
  'hazard-sources.update': { zh: '修改重大危险源', en: 'Hazard source updated' },
  'hazard-sources.delete': { zh: '删除重大危险源', en: 'Hazard source deleted' },
  'equipment.create': { zh: '登记特种设备', en: 'Equipment added' },
  'equipment.update': { zh: '修改特种设备', en: 'Equipment updated' },
  'equipment.delete': { zh: '删除特种设备', en: 'Equipment deleted' },
  'plans.create': { zh: '登记应急预案', en: 'Emergency plan added' },
  'plans.update': { zh: '修改应急预案', en: 'Emergency plan updated' },
  'plans.delete': { zh: '删除应急预案', en: 'Emergency plan deleted' },
  'certificates.create': { zh: '登记特种作业证书', en: 'Certificate added' },
  'certificates.update': { zh: '修改特种作业证书', en: 'Certificate updated' },
  'certificates.delete': { zh: '删除特种作业证书', en: 'Certificate deleted' },
  'export.audit': { zh: '导出审计日志', en: 'Audit exported' },
  'enterprise.import': { zh: '导入企业', en: 'Enterprise imported' },
  'export.enterprises': { zh: '导出企业档案', en: 'Enterprises exported' },
  'survey.create': { zh: '新建状况调查', en: 'Survey created' },
  'survey.update': { zh: '修改状况调查', en: 'Survey updated' },
  'survey.delete': { zh: '删除状况调查', en: 'Survey deleted' },
  'survey.open': { zh: '开放调查填报', en: 'Survey opened' },
  'survey.reopen': { zh: '重新开放调查', en: 'Survey reopened' },
  'survey.close': { zh: '结束调查填报', en: 'Survey closed' },
  'survey.sectionCreate': { zh: '添加调查分组', en: 'Survey section added' },
  'survey.sectionUpdate': { zh: '修改调查分组', en: 'Survey section updated' },
  'survey.sectionDelete': { zh: '删除调查分组', en: 'Survey section deleted' },
  'survey.questionCreate': { zh: '添加调查题目', en: 'Survey question added' },
  'survey.questionUpdate': { zh: '修改调查题目', en: 'Survey question updated' },
  'survey.questionDelete': { zh: '删除调查题目', en: 'Survey question deleted' },
  'survey.reorder': { zh: '调整调查题目顺序', en: 'Survey questions reordered' },
  'survey.responseSave': { zh: '保存调查答卷', en: 'Survey answers saved' },
  'survey.responseSubmit': { zh: '提交调查答卷', en: 'Survey answers submitted' },
  'survey.responseReturn': { zh: '退回调查答卷', en: 'Survey answers returned' },
  'survey.export': { zh: '导出调查答卷', en: 'Survey answers exported' },
  'file.upload': { zh: '上传文件', en: 'File uploaded' },
  'document.generate': { zh: '生成文书', en: 'Document generated' },
  'penaltyCase.create': { zh: '登记处罚案件', en: 'Penalty case filed' },
  'penaltyCase.update': { zh: '修改处罚案件', en: 'Penalty case updated' },
  'jointAction.create': { zh: '登记联合执法行动', en: 'Joint enforcement action recorded' },
  'jointAction.update': { zh: '修改联合执法行动', en: 'Joint enforcement action updated' },
  'demo.seed': { zh: '生成演示数据', en: 'Demo data generated' },
  'criterion.create': { zh: '新增判定条款', en: 'Criterion added' },
  'criterion.revise': { zh: '修订判定条款', en: 'Criterion revised' },
  'criterion.retire': { zh: '停用判定条款', en: 'Criterion retired' },
  'hazard.create': { zh: '登记隐患', en: 'Hazard recorded' },
  'hazard.start': { zh: '开始整改', en: 'Rectification started' },
  'hazard.submit': { zh: '提交复查', en: 'Submitted for re-check' },
  'hazard.recheckPass': { zh: '复查通过（销号）', en: 'Re-check passed' },
  'hazard.recheckFail': { zh: '复查不通过', en: 'Re-check failed' },
  'hazard.plan': { zh: '修改整改方案', en: 'Plan updated' },
  'hazard.extensionRequested': { zh: '申请延期', en: 'Extension requested' },
  'hazard.extensionApproved': { zh: '同意延期', en: 'Extension approved' },
  'hazard.extensionRefused': { zh: '不同意延期', en: 'Extension refused' },
  'hazard.listed': { zh: '挂牌督办', en: 'Listed' },
  'hazard.delisted': { zh: '摘牌', en: 'Delisted' },
  'hazard.downgraded': { zh: '降为一般隐患', en: 'Downgraded' },
  'hazard.stoppage': { zh: '停产标记', en: 'Stoppage set' },
  'campaign.create': { zh: '新建检查行动', en: 'Campaign created' },
  'inspection.create': { zh: '登记检查记录', en: 'Inspection recorded' },
};

export const FILE_PURPOSE_LABELS: Dict = {
  hazardBefore: { zh: '整改前照片', en: 'Before rectification' },
  hazardAfter: { zh: '整改后照片', en: 'After rectification' },
  evidence: { zh: '检查取证', en: 'Evidence' },
  document: { zh: '文档资料', en: 'Document' },
};

/** Column headers of the enterprise registry's Excel import template and export. */
export const ENTERPRISE_FIELD_LABELS: Dict = {
  name: { zh: '企业名称', en: 'Name' },
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  siteType: { zh: '选址类型', en: 'Site type' },
  landlordCreditCode: { zh: '出租方信用代码', en: 'Landlord credit code' },
  landlordName: { zh: '出租方名称', en: 'Landlord' },
  area: { zh: '所在片区', en: 'Area' },
  address: { zh: '地址', en: 'Address' },
  legalRepresentative: { zh: '法定代表人', en: 'Legal representative' },
  principalName: { zh: '主要负责人', en: 'Principal' },
  principalPhone: { zh: '主要负责人电话', en: 'Principal phone' },
  actualControllerName: { zh: '实际控制人', en: 'Actual controller' },
  actualControllerPhone: { zh: '实际控制人电话', en: 'Actual controller phone' },
  safetyManagerName: { zh: '安全管理人员', en: 'Safety manager' },
  safetyManagerPhone: { zh: '安全管理人员电话', en: 'Safety manager phone' },
  employees: { zh: '从业人数', en: 'Employees' },
  industryCode: { zh: '行业代码', en: 'Industry code' },
  industryName: { zh: '行业名称', en: 'Industry' },
  scale: { zh: '规模', en: 'Scale' },
  status: { zh: '经营状态', en: 'Status' },
  productionStartDate: { zh: '投产日期', en: 'Production start date' },
  supervisionTags: { zh: '重点监管标签', en: 'Key-supervision tags' },
  updatedAt: { zh: '更新时间', en: 'Updated at' },
};

export const JOB_KIND_LABELS: Dict = {
  'enterprises.export': { zh: '导出企业档案', en: 'Enterprise export' },
  'enterprises.import': { zh: '导入企业档案', en: 'Enterprise import' },
};

export const JOB_STATUS_LABELS: Dict = {
  queued: { zh: '排队中', en: 'Queued' },
  running: { zh: '进行中', en: 'Running' },
  succeeded: { zh: '已完成', en: 'Succeeded' },
  failed: { zh: '失败', en: 'Failed' },
};

export const ENTITY_TYPE_LABELS: Dict = {
  user: { zh: '用户', en: 'User' },
  organisation: { zh: '单位', en: 'Organisation' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  park: { zh: '园区', en: 'Park' },
  'hazard-sources': { zh: '重大危险源', en: 'Major hazard source' },
  equipment: { zh: '特种设备', en: 'Special equipment' },
  plans: { zh: '应急预案', en: 'Emergency plan' },
  certificates: { zh: '特种作业证书', en: 'Certificate' },
  criterion: { zh: '判定标准条款', en: 'Criterion' },
  hazard: { zh: '隐患', en: 'Hazard' },
  campaign: { zh: '检查行动', en: 'Campaign' },
  inspection: { zh: '检查记录', en: 'Inspection' },
  file: { zh: '文件', en: 'File' },
  document: { zh: '文书', en: 'Document' },
  penaltyCase: { zh: '处罚案件', en: 'Penalty case' },
  jointAction: { zh: '联合执法行动', en: 'Joint enforcement action' },
};

/** Field names for validation messages (字段「…」). */
export const FIELD_LABELS: Record<string, string> = {
  file: '文件',
  purpose: '文件用途',
  fileIds: '附件',
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  displayName: '姓名',
  phone: '电话',
  role: '角色',
  organisationId: '所属单位',
  kind: '单位类型',
  name: '名称',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  code: '动态验证码',
  challenge: '登录凭据',
  secret: '密钥',
  page: '页码',
  pageSize: '每页条数',
  sort: '排序字段',
  order: '排序方向',
  id: '编号',
  q: '搜索词',
  creditCode: '统一社会信用代码',
  siteType: '选址类型',
  scale: '规模',
  status: '状态',
  tag: '重点监管标签',
  area: '所在片区',
  from: '开始时间',
  to: '结束时间',
  address: '地址',
  landlordEnterpriseId: '出租方',
  legalRepresentative: '法定代表人',
  principalName: '主要负责人',
  principalPhone: '主要负责人电话',
  actualControllerName: '实际控制人',
  actualControllerPhone: '实际控制人电话',
  safetyManagerName: '安全管理人员',
  safetyManagerPhone: '安全管理人员电话',
  extraSafetyManagers: '其他安全管理人员',
  employees: '从业人数',
  industryCode: '行业代码',
  productionStartDate: '投产日期',
  supervisionTags: '重点监管标签',
  mapX: '平面图横坐标',
  mapY: '平面图纵坐标',
  rowVersion: '版本号',
  enterpriseId: '企业',
  level: '等级',
  location: '位置',
  substances: '危险物质',
  identifiedDate: '辨识日期',
  filingNo: '备案编号',
  equipmentType: '设备种类',
  registrationNo: '使用登记证号',
  lastInspectionDate: '上次检验日期',
  nextInspectionDate: '下次检验日期',
  planKind: '预案类型',
  title: '名称',
  filingStatus: '备案状态',
  issuedDate: '发布/发证日期',
  lastReviewDate: '上次评审日期',
  nextReviewDate: '下次评审日期',
  holderName: '持证人',
  certificateType: '证书类别',
  operationItem: '操作项目',
  certificateNo: '证书编号',
  expiryDate: '有效期至',
  note: '备注',
  due: '到期状态',
  year: '年度',
  description: '说明',
  source: '题目来源',
  copyFromId: '复制来源',
  sectionId: '所属分组',
  questionType: '题型',
  helpText: '填写说明',
  required: '是否必答',
  options: '选项',
  minValue: '最小值',
  maxValue: '最大值',
  integerOnly: '只能填整数',
  unit: '计量单位',
  condition: '显示条件',
  sections: '分组',
  answers: '答卷',
  reason: '原因',
  state: '填报状态',
};

export function label(dict: Dict, key: string, lang: Lang = 'zh'): string {
  return dict[key]?.[lang] ?? key;
}
