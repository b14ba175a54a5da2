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
  'export.audit': { zh: '导出审计日志', en: 'Audit exported' },
  'demo.seed': { zh: '生成演示数据', en: 'Demo data generated' },
};

/** Field names for validation messages (字段「…」). */
export const FIELD_LABELS: Record<string, string> = {
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
};

export function label(dict: Dict, key: string, lang: Lang = 'zh'): string {
  return dict[key]?.[lang] ?? key;
}
