// Display labels for codes, one dictionary per language. Identifiers stay English; people read these.
export type Lang = 'zh' | 'en';

export type Dict = Record<string, { zh: string; en: string }>;

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
  'drill.create': { zh: '登记应急演练', en: 'Drill recorded' },
  'drill.update': { zh: '修改应急演练', en: 'Drill updated' },
  'drill.export': { zh: '导出应急演练', en: 'Drills exported' },
  'drill.problemToHazard': { zh: '演练问题转为隐患', en: 'Drill problem to hazard' },
  'drillPlan.create': { zh: '登记年度演练计划', en: 'Drill plan added' },
  'drillPlan.delete': { zh: '删除年度演练计划', en: 'Drill plan deleted' },
  'resumptionSeason.create': { zh: '新建复工批次', en: 'Resumption season created' },
  'resumptionSeason.update': { zh: '修改复工批次', en: 'Resumption season updated' },
  'resumption.apply': { zh: '申请复工复产', en: 'Resumption applied' },
  'resumption.resubmit': { zh: '重新提交复工申请', en: 'Resumption resubmitted' },
  'resumption.return': { zh: '退回复工申请', en: 'Resumption returned' },
  'resumption.confirm': { zh: '确认复工复产', en: 'Resumption confirmed' },
  'resumption.export': { zh: '导出复工复产申请', en: 'Resumption exported' },
  'enterprise.statusChange': { zh: '企业经营状态变更', en: 'Enterprise status changed' },
  'guidance.create': { zh: '登记指导服务/谈心谈话', en: 'Guidance recorded' },
  'guidance.followUpAdd': { zh: '追加跟进事项', en: 'Follow-up added' },
  'guidance.followUpDone': { zh: '跟进事项办结', en: 'Follow-up done' },
  'guidance.export': { zh: '导出指导服务/谈心谈话', en: 'Guidance exported' },
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
  'provider.create': { zh: '新增服务机构', en: 'Provider added' },
  'provider.update': { zh: '修改服务机构', en: 'Provider updated' },
  'training.create': { zh: '登记培训', en: 'Training recorded' },
  'training.update': { zh: '修改培训记录', en: 'Training updated' },
  'training.export': { zh: '导出培训记录', en: 'Training exported' },
  'trainingPlan.create': { zh: '新建培训计划', en: 'Training plan created' },
  'trainingPlan.update': { zh: '修改培训计划', en: 'Training plan updated' },
  'fireService.contract.create': { zh: '登记消防服务合同', en: 'Fire-service contract added' },
  'fireService.contract.update': { zh: '修改消防服务合同', en: 'Fire-service contract updated' },
  'fireService.visit.create': { zh: '登记消防服务检查', en: 'Fire-service visit recorded' },
  'fireService.export': { zh: '导出消防服务台账', en: 'Fire-service ledger exported' },
  'enterprise.update': { zh: '修改企业', en: 'Enterprise updated' },
  'personalData.reveal': { zh: '查看个人信息', en: 'Personal data shown' },
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
  'certificates.export': { zh: '导出特种作业证书', en: 'Certificates exported' },
  'export.audit': { zh: '导出审计日志', en: 'Audit exported' },
  'enterprise.import': { zh: '导入企业', en: 'Enterprise imported' },
  'export.enterprises': { zh: '导出企业档案', en: 'Enterprises exported' },
  'export.hazards': { zh: '导出隐患台账', en: 'Hazard ledger exported' },
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
  'document.download': { zh: '下载文书', en: 'Document downloaded' },
  'document.reissue': { zh: '重新出具文书', en: 'Document re-issued' },
  'hazard.settings': { zh: '修改复查时限', en: 'Re-check limit changed' },
  'penaltyCase.create': { zh: '登记处罚案件', en: 'Penalty case filed' },
  'penaltyCase.update': { zh: '修改处罚案件', en: 'Penalty case updated' },
  'jointAction.create': { zh: '登记联合执法行动', en: 'Joint enforcement action recorded' },
  'jointAction.update': { zh: '修改联合执法行动', en: 'Joint enforcement action updated' },
  'export.penaltyCases': { zh: '导出行政处罚案件', en: 'Penalty cases exported' },
  'export.jointActions': { zh: '导出联合执法行动', en: 'Joint actions exported' },
  'demo.seed': { zh: '生成演示数据', en: 'Demo data generated' },
  'responsibility.templateCreate': { zh: '新建责任书模板', en: 'Letter template created' },
  'responsibility.templateRevise': { zh: '修订责任书模板', en: 'Letter template revised' },
  'responsibility.issue': { zh: '下达责任书', en: 'Letters issued' },
  'responsibility.sign': { zh: '签署责任书', en: 'Letter signed' },
  'responsibility.withdraw': { zh: '撤回责任书', en: 'Letter withdrawn' },
  'responsibility.remind': { zh: '提醒签署责任书', en: 'Letter signing reminded' },
  'responsibility.export': { zh: '导出责任书签订情况', en: 'Letter signing list exported' },
  'assessment.create': { zh: '新建年度考核', en: 'Assessment created' },
  'assessment.update': { zh: '修改考核细则', en: 'Assessment rubric updated' },
  'assessment.open': { zh: '发布年度考核', en: 'Assessment opened' },
  'assessment.selfAssess': { zh: '考核自评', en: 'Self-assessment saved' },
  'assessment.score': { zh: '考核评分', en: 'Assessment scored' },
  'assessment.publish': { zh: '公布考核结果（开始冻结）', en: 'Assessment publication started' },
  'assessment.published': { zh: '考核结果已公布（快照冻结）', en: 'Assessment results published' },
  'assessment.refresh': { zh: '重新计算考核数据', en: 'Assessment figures recomputed' },
  'assessment.export': { zh: '导出考核结果', en: 'Assessment results exported' },
  'commendation.create': { zh: '登记嘉奖', en: 'Commendation awarded' },
  'publicity.create': { zh: '登记宣传活动', en: 'Publicity activity recorded' },
  'publicity.update': { zh: '修改宣传活动', en: 'Publicity activity updated' },
  'publicity.export': { zh: '导出宣传活动', en: 'Publicity activities exported' },
  'publicity.materialKind': { zh: '添加宣传物资种类', en: 'Material kind added' },
  'meeting.create': { zh: '登记会议', en: 'Meeting recorded' },
  'meeting.update': { zh: '修改会议', en: 'Meeting updated' },
  'meeting.export': { zh: '导出会议', en: 'Meetings exported' },
  'meetingTask.create': { zh: '追加决定事项任务', en: 'Meeting task added' },
  'meetingTask.progress': { zh: '登记任务进展', en: 'Task progress noted' },
  'meetingTask.update': { zh: '修改任务', en: 'Task edited' },
  'meetingTask.reassign': { zh: '改派任务', en: 'Task reassigned' },
  'meetingTask.export': { zh: '导出决定事项任务', en: 'Meeting tasks exported' },
  'fund.create': { zh: '登记专项资金支出', en: 'Fund expense recorded' },
  'fund.update': { zh: '修改专项资金支出', en: 'Fund expense updated' },
  'fund.export': { zh: '导出专项资金台账', en: 'Fund ledger exported' },
  'workPlan.create': { zh: '新增计划事项', en: 'Plan item created' },
  'workPlan.update': { zh: '修改计划事项', en: 'Plan item updated' },
  'workPlan.delete': { zh: '删除计划事项', en: 'Plan item deleted' },
  'workPlan.link': { zh: '关联落实记录', en: 'Plan item linked' },
  'workPlan.unlink': { zh: '取消关联落实记录', en: 'Plan item unlinked' },
  'workPlan.createCampaign': { zh: '由计划事项生成检查行动', en: 'Campaign created from plan item' },
  'workPlan.export': { zh: '导出工作计划', en: 'Work plan exported' },
  'workPlan.document': { zh: '导出计划文档', en: 'Plan document exported' },
  'report.draftSave': { zh: '保存工作总结草稿', en: 'Work summary draft saved' },
  'report.generate': { zh: '生成工作总结', en: 'Work summary generated' },
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
  'campaign.update': { zh: '修改检查行动', en: 'Campaign updated' },
  'campaign.close': { zh: '结束检查行动', en: 'Campaign closed' },
  'campaign.cancel': { zh: '取消检查行动', en: 'Campaign cancelled' },
  'accident.create': { zh: '登记事故', en: 'Accident recorded' },
  'accident.update': { zh: '修改事故记录', en: 'Accident updated' },
  'accident.export': { zh: '导出事故记录', en: 'Accidents exported' },
  'commitment.post': { zh: '发布安全承诺', en: 'Commitment posted' },
  'commitment.export': { zh: '导出安全承诺', en: 'Commitments exported' },
  'commitmentType.update': { zh: '修改承诺类型', en: 'Commitment type updated' },
  'credit.adjust': { zh: '调整诚信分', en: 'Credit score adjusted' },
  'credit.recompute': { zh: '重算诚信分', en: 'Credit scores recomputed' },
  'credit.rules': { zh: '修订诚信评分规则', en: 'Credit rules revised' },
  'riskPoint.create': { zh: '登记风险点', en: 'Risk point added' },
  'riskPoint.update': { zh: '修改风险点', en: 'Risk point updated' },
  'riskPoint.delete': { zh: '删除风险点', en: 'Risk point deleted' },
  'riskPoint.accept': { zh: '风险点审核通过', en: 'Risk point accepted' },
  'riskPoint.return': { zh: '退回风险点', en: 'Risk point returned' },
  'riskPoint.import': { zh: '导入风险点', en: 'Risk points imported' },
  'export.riskPoints': { zh: '导出风险点', en: 'Risk points exported' },
  'risk.thresholds': { zh: '修改风险分级界限', en: 'Risk thresholds changed' },
  'risk.override': { zh: '调整企业风险等级', en: 'Enterprise risk level overridden' },
  'risk.overrideCleared': { zh: '取消企业风险等级调整', en: 'Risk level override cleared' },
  'risk.plan': { zh: '上传园区平面图', en: 'Park plan uploaded' },
  'risk.positions': { zh: '调整四色图企业位置', en: 'Map positions changed' },
  'inspection.create': { zh: '登记检查记录', en: 'Inspection recorded' },
  'inspection.itemHazard': { zh: '不合格项转为隐患', en: 'Failed item recorded as hazard' },
  'inspection.sign': { zh: '检查记录补签', en: 'Inspection signed' },
  'sync.inspection': { zh: '同步离线检查记录', en: 'Offline inspection synced' },
  'sync.rectification': { zh: '同步离线整改提交', en: 'Offline rectification synced' },
  'checklist.create': { zh: '新建检查表', en: 'Checklist created' },
  'checklist.update': { zh: '修改检查表草稿', en: 'Checklist draft edited' },
  'checklist.revise': { zh: '检查表发布新版本', en: 'Checklist new version' },
  'checklist.copy': { zh: '复制检查表', en: 'Checklist copied' },
  'checklist.activate': { zh: '启用检查表', en: 'Checklist activated' },
  'checklist.retire': { zh: '停用检查表', en: 'Checklist retired' },
  'campaign.checklists': { zh: '设置行动检查表', en: 'Campaign checklists set' },
};

export const FILE_PURPOSE_LABELS: Dict = {
  hazardBefore: { zh: '整改前照片', en: 'Before rectification' },
  hazardAfter: { zh: '整改后照片', en: 'After rectification' },
  evidence: { zh: '检查取证', en: 'Evidence' },
  document: { zh: '文档资料', en: 'Document' },
  signature: { zh: '签名', en: 'Signature' },
};

export const CHECKLIST_STATUS_LABELS: Dict = {
  draft: { zh: '草稿', en: 'Draft' },
  active: { zh: '启用', en: 'Active' },
  retired: { zh: '停用', en: 'Retired' },
};

export const ITEM_RESULT_LABELS: Dict = {
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
  na: { zh: '不适用', en: 'N/A' },
};

export const SIGNER_ROLE_LABELS: Dict = {
  inspector: { zh: '检查人员', en: 'Inspector' },
  enterprise: { zh: '企业代表', en: 'Enterprise representative' },
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
  'risk.import': { zh: '导入风险点', en: 'Risk point import' },
  'risk.export': { zh: '导出风险点', en: 'Risk point export' },
  'assessment.refreshFigures': { zh: '重新计算考核数据', en: 'Assessment figures recomputed' },
  'assessment.publishRound': { zh: '公布考核结果', en: 'Assessment results published' },
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
  checklist: { zh: '检查表', en: 'Checklist' },
  file: { zh: '文件', en: 'File' },
  document: { zh: '文书', en: 'Document' },
  penaltyCase: { zh: '处罚案件', en: 'Penalty case' },
  jointAction: { zh: '联合执法行动', en: 'Joint enforcement action' },
  riskPoint: { zh: '风险点', en: 'Risk point' },
  riskThresholds: { zh: '风险分级界限', en: 'Risk thresholds' },
  parkPlan: { zh: '园区平面图', en: 'Park plan' },
  survey: { zh: '状况调查', en: 'Safety survey' },
  surveySection: { zh: '调查分组', en: 'Survey section' },
  surveyQuestion: { zh: '调查题目', en: 'Survey question' },
  surveyResponse: { zh: '调查答卷', en: 'Survey response' },
  hazardSettings: { zh: '复查时限设置', en: 'Re-check time limit' },
  responsibilityTemplate: { zh: '责任书模板', en: 'Letter template' },
  responsibilityLetter: { zh: '责任书', en: 'Responsibility letter' },
  assessmentRound: { zh: '年度考核', en: 'Annual assessment' },
  commendation: { zh: '嘉奖', en: 'Commendation' },
  provider: { zh: '服务机构', en: 'Service provider' },
  accident: { zh: '生产安全事故', en: 'Accident' },
  commitment: { zh: '安全承诺', en: 'Safety commitment' },
  commitmentType: { zh: '承诺类型', en: 'Commitment type' },
  creditAdjustment: { zh: '诚信分调整', en: 'Credit adjustment' },
  creditRules: { zh: '诚信评分规则', en: 'Credit rules' },
  creditScores: { zh: '企业诚信分', en: 'Credit scores' },
  trainingSession: { zh: '培训记录', en: 'Training session' },
  trainingPlan: { zh: '培训计划', en: 'Training plan' },
  trainingAttendee: { zh: '参训人员', en: 'Training attendee' },
  publicity: { zh: '宣传活动', en: 'Publicity activity' },
  publicityMaterialKind: { zh: '宣传物资种类', en: 'Material kind' },
  meeting: { zh: '会议', en: 'Meeting' },
  meetingTask: { zh: '决定事项任务', en: 'Meeting task' },
  fundExpense: { zh: '专项资金支出', en: 'Fund expense' },
  workPlan: { zh: '计划事项', en: 'Plan item' },
  reportDraft: { zh: '工作总结草稿', en: 'Work summary draft' },
  periodReport: { zh: '工作总结', en: 'Work summary' },
  drill: { zh: '应急演练', en: 'Emergency drill' },
  drillPlan: { zh: '年度演练计划', en: 'Drill plan' },
  resumptionSeason: { zh: '复工批次', en: 'Resumption season' },
  resumption: { zh: '复工复产申请', en: 'Resumption application' },
  guidance: { zh: '指导服务/谈心谈话', en: 'Guidance / talk' },
  fireServiceContract: { zh: '消防服务合同', en: 'Fire-service contract' },
  fireServiceVisit: { zh: '消防服务检查', en: 'Fire-service visit' },
};

export const RISK_LEVEL_LABELS: Dict = {
  major: { zh: '重大风险', en: 'Major' },
  significant: { zh: '较大风险', en: 'Significant' },
  general: { zh: '一般风险', en: 'General' },
  low: { zh: '低风险', en: 'Low' },
  none: { zh: '未评估', en: 'Not assessed' },
};

export const RISK_METHOD_LABELS: Dict = {
  LEC: { zh: 'LEC 作业条件危险性分析法', en: 'LEC (D = L × E × C)' },
  LS: { zh: 'LS 风险矩阵法', en: 'LS matrix (R = L × S)' },
};

export const CONTROL_TIER_LABELS: Dict = {
  company: { zh: '公司级', en: 'Company' },
  workshop: { zh: '车间级', en: 'Workshop' },
  team: { zh: '班组级', en: 'Team' },
  post: { zh: '岗位级', en: 'Post' },
};

export const CONTROL_MEASURE_LABELS: Dict = {
  engineering: { zh: '工程技术措施', en: 'Engineering' },
  management: { zh: '管理措施', en: 'Management' },
  training: { zh: '培训教育措施', en: 'Training' },
  ppe: { zh: '个体防护措施', en: 'PPE' },
  emergency: { zh: '应急处置措施', en: 'Emergency' },
};

export const REVIEW_STATUS_LABELS: Dict = {
  pending: { zh: '待审核', en: 'Pending review' },
  accepted: { zh: '已通过', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
};

export const CONTROL_STATE_LABELS: Dict = {
  controlled: { zh: '受控', en: 'Controlled' },
  unreviewed: { zh: '未审核通过', en: 'Not accepted yet' },
  reviewOverdue: { zh: '评审逾期', en: 'Review overdue' },
  openHazards: { zh: '存在未销号隐患', en: 'Open hazards' },
};

/** Fire-service problem kinds (shared/src/fire-service.ts FIRE_PROBLEM_NAMES in Chinese). */
export const FIRE_PROBLEM_LABELS: Dict = {
  facilities: { zh: '消防设施器材', en: 'Fire facilities and equipment' },
  evacuation: { zh: '安全疏散', en: 'Evacuation' },
  electrical: { zh: '电气线路与用电', en: 'Wiring and electricity use' },
  combustibles: { zh: '易燃可燃物管理', en: 'Combustibles' },
  hotWork: { zh: '动火作业', en: 'Hot work' },
  separation: { zh: '防火分隔', en: 'Fire separation' },
  controlRoom: { zh: '消防控制室', en: 'Fire control room' },
  management: { zh: '消防安全管理制度', en: 'Fire-safety management' },
  training: { zh: '消防培训与演练', en: 'Fire training and drills' },
  other: { zh: '其他', en: 'Other' },
};

/** Inspection coverage states (shared/src/dashboard.ts COVERAGE_STATUS_NAMES). */
export const COVERAGE_STATUS_LABELS: Dict = {
  uncovered: { zh: '未覆盖', en: 'Not covered' },
  covered: { zh: '已覆盖', en: 'Covered' },
  over: { zh: '超频次', en: 'Above frequency' },
};

/** Work-plan item kinds (shared/src/plans.ts PLAN_KIND_NAMES; PLAN_KIND_LABELS above are emergency plans). */
export const WORK_PLAN_KIND_LABELS: Dict = {
  campaign: { zh: '检查行动', en: 'Inspection campaign' },
  training: { zh: '培训', en: 'Training' },
  meeting: { zh: '会议', en: 'Meeting' },
  drill: { zh: '演练', en: 'Drill' },
  publicity: { zh: '宣传', en: 'Publicity' },
  letter: { zh: '责任书', en: 'Responsibility letter' },
  other: { zh: '其他', en: 'Other' },
};

/** The records a work-plan item links to (PLAN_LINK_KIND_NAMES). */
export const WORK_PLAN_LINK_KIND_LABELS: Dict = {
  campaign: { zh: '检查行动', en: 'Inspection campaign' },
  training: { zh: '培训记录', en: 'Training record' },
  meeting: { zh: '会议', en: 'Meeting' },
  drill: { zh: '应急演练', en: 'Emergency drill' },
  publicity: { zh: '宣传活动', en: 'Publicity event' },
  letter: { zh: '责任书', en: 'Responsibility letter' },
};

/** Work-plan item states (PLAN_STATE_NAMES). */
export const WORK_PLAN_STATE_LABELS: Dict = {
  notStarted: { zh: '未开始', en: 'Not started' },
  inProgress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  overdue: { zh: '逾期', en: 'Overdue' },
};

/** A linked record's state as a work plan reads it (LINK_STATE_NAMES). */
export const WORK_PLAN_LINK_STATE_LABELS: Dict = {
  done: { zh: '已完成', en: 'Done' },
  ongoing: { zh: '进行中', en: 'Ongoing' },
  void: { zh: '已取消', en: 'Cancelled' },
};

/** Statistical period kinds of the dashboard's period picker (shared/src/dashboard.ts PERIOD_KIND_NAMES). */
export const PERIOD_KIND_LABELS: Dict = {
  month: { zh: '月度', en: 'Month' },
  quarter: { zh: '季度', en: 'Quarter' },
  half: { zh: '半年', en: 'Half-year' },
  year: { zh: '年度', en: 'Year' },
  custom: { zh: '自定义', en: 'Custom' },
};

/** Period-summary kinds (shared/src/reports.ts REPORT_PERIOD_KIND_NAMES). */
export const REPORT_PERIOD_KIND_LABELS: Dict = {
  quarter: { zh: '季度', en: 'Quarter' },
  half: { zh: '半年', en: 'Half-year' },
  year: { zh: '年度', en: 'Year' },
  custom: { zh: '自定义期间', en: 'Custom period' },
};

/** Period-summary sections (REPORT_SECTION_NAMES). */
export const REPORT_SECTION_LABELS: Dict = {
  intro: { zh: '开篇（总体情况）', en: 'Opening (overview)' },
  meetings: { zh: '召开会议、学习贯彻，部署安全生产工作', en: 'Meetings, study and deployment of safety work' },
  basic: { zh: '切实抓好安全生产基础工作', en: 'Groundwork of work safety' },
  inspections: { zh: '推动安全生产日常检查的常态化、规范化', en: 'Routine, standardised safety inspections' },
  publicity: { zh: '认真组织开展安全生产宣传教育培训活动', en: 'Safety publicity, education and training' },
  resumption: { zh: '抓好企业复工复产安全生产指导工作', en: 'Guidance on enterprises resuming work' },
  fireService: { zh: '引入第三方专业力量，提高消防工作的专业性', en: 'Third-party fire service' },
  problems: { zh: '存在的问题和下一步工作', en: 'Problems and next steps' },
};

/** GB 6441-86 accident types. */
export const ACCIDENT_TYPE_LABELS: Dict = {
  objectStrike: { zh: '物体打击', en: 'Struck by object' },
  vehicle: { zh: '车辆伤害', en: 'Vehicle' },
  machinery: { zh: '机械伤害', en: 'Machinery' },
  lifting: { zh: '起重伤害', en: 'Lifting' },
  electrocution: { zh: '触电', en: 'Electrocution' },
  drowning: { zh: '淹溺', en: 'Drowning' },
  scald: { zh: '灼烫', en: 'Burns and scalds' },
  fire: { zh: '火灾', en: 'Fire' },
  fallFromHeight: { zh: '高处坠落', en: 'Fall from height' },
  collapse: { zh: '坍塌', en: 'Collapse' },
  roofFall: { zh: '冒顶片帮', en: 'Roof/side fall' },
  waterInrush: { zh: '透水', en: 'Water inrush' },
  blasting: { zh: '放炮', en: 'Blasting' },
  explosiveExplosion: { zh: '火药爆炸', en: 'Explosive explosion' },
  gasExplosion: { zh: '瓦斯爆炸', en: 'Gas (firedamp) explosion' },
  boilerExplosion: { zh: '锅炉爆炸', en: 'Boiler explosion' },
  vesselExplosion: { zh: '容器爆炸', en: 'Vessel explosion' },
  otherExplosion: { zh: '其他爆炸', en: 'Other explosion' },
  poisoningAsphyxiation: { zh: '中毒和窒息', en: 'Poisoning and asphyxiation' },
  otherInjury: { zh: '其他伤害', en: 'Other injury' },
};

/** Column headers of the risk point Excel import template and export. */
export const RISK_POINT_FIELD_LABELS: Dict = {
  creditCode: { zh: '企业统一社会信用代码', en: 'Enterprise credit code' },
  enterpriseName: { zh: '企业名称', en: 'Enterprise' },
  name: { zh: '风险点名称', en: 'Risk point' },
  location: { zh: '所在位置/单元', en: 'Location / unit' },
  activity: { zh: '作业活动', en: 'Activity' },
  hazardFactors: { zh: '危险有害因素', en: 'Hazard factors' },
  accidentTypes: { zh: '可能导致的事故类型', en: 'Accident types' },
  method: { zh: '评价方法', en: 'Method' },
  likelihood: { zh: 'L', en: 'L' },
  exposure: { zh: 'E', en: 'E' },
  consequence: { zh: 'C', en: 'C' },
  severity: { zh: 'S', en: 'S' },
  score: { zh: '风险值', en: 'Score' },
  level: { zh: '风险等级', en: 'Level' },
  engineering: { zh: '工程技术措施', en: 'Engineering measures' },
  management: { zh: '管理措施', en: 'Management measures' },
  training: { zh: '培训教育措施', en: 'Training measures' },
  ppe: { zh: '个体防护措施', en: 'PPE measures' },
  emergency: { zh: '应急处置措施', en: 'Emergency measures' },
  controlTier: { zh: '管控层级', en: 'Control tier' },
  responsiblePerson: { zh: '责任人', en: 'Responsible person' },
  nextReviewDate: { zh: '下次评审日期', en: 'Next review date' },
  reviewStatus: { zh: '审核状态', en: 'Review status' },
  updatedAt: { zh: '更新时间', en: 'Updated at' },
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
  // The same name means different things on different routes: ROUTE_FIELD_LABELS says which (fieldLabel).
  code: '编号',
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
  hazardIds: '隐患',
  hazardId: '隐患',
  inspectionId: '检查记录',
  campaignId: '检查行动',
  campaignType: '行动类型',
  jointDepartmentIds: '联合检查单位',
  target: '检查对象',
  enterpriseIds: '指定企业',
  fileId: '签名图片',
  evidenceIds: '整改后照片',
  caseNo: '案号',
  legalBasis: '处罚依据',
  measures: '处罚种类',
  measure: '处罚种类',
  fineAmount: '罚款金额',
  filedOn: '立案日期',
  decidedOn: '决定日期',
  executedOn: '执行日期',
  closedOn: '结案日期',
  actionDate: '行动日期',
  leadOrganisationId: '牵头单位',
  participantOrganisationIds: '参与单位',
  targetEnterpriseIds: '检查对象',
  results: '行动成果',
  resultCounts: '成果事项',
  deadline: '整改期限',
  category: '隐患类别',
  criterionCode: '判定标准条款',
  requestedDeadline: '申请期限',
  inspectedOn: '检查日期',
  inspectorIds: '检查人员',
  startsOn: '开始日期',
  endsOn: '结束日期',
  afterPhotoIds: '整改后照片',
  beforePhotoIds: '整改前照片',
  year: '年度',
  description: '说明',
  source: '来源',
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
  // Checklists and inspection results.
  content: '检查内容',
  basis: '依据',
  domain: '检查领域',
  domains: '检查领域',
  notes: '备注',
  items: '检查项',
  itemId: '检查项',
  result: '检查结果',
  photoIds: '照片',
  hazard: '隐患',
  hazards: '隐患',
  versions: '版本范围',
  activate: '立即启用',
  templateIds: '检查表',
  checklistTemplateId: '检查表',
  checklistTemplateIds: '检查表',
  inspectorSignature: '检查人员签名',
  enterpriseSignature: '企业代表签名',
  signerName: '签名人',
  signedAt: '签名时间',
  summary: '检查情况',
  enterpriseSigner: '企业签字人',
  externalInspectors: '外聘检查人员',
  requirement: '整改要求',
  grade: '隐患等级',
  foundOn: '发现日期',
  fixedOnSpot: '即查即改',
  activity: '作业活动',
  hazardFactors: '危险有害因素',
  accidentTypes: '可能导致的事故类型',
  accidentType: '事故类型',
  method: '评价方法',
  likelihood: 'L（事故发生的可能性）',
  exposure: 'E（暴露于危险环境的频繁程度）',
  consequence: 'C（发生事故产生的后果）',
  severity: 'S（事故后果严重性）',
  controlMeasures: '管控措施',
  controlTier: '管控层级',
  // Shared by hazards (整改责任人) and risk points (管控责任人).
  responsiblePerson: '责任人',
  reviewStatus: '审核状态',
  version: '版本号',
  riskLevel: '风险等级',
  riskPointId: '风险点',
  positions: '企业位置',
  LEC: 'LEC 分级界限',
  LS: 'LS 分级界限',
  major: '重大风险界限',
  significant: '较大风险界限',
  general: '一般风险界限',
  controlState: '管控状态',
  action: '操作',
  x: '横坐标',
  y: '纵坐标',
};

/**
 * Labels of fields whose name means something else on some routes (FIELD_LABELS is flat: `code` is the TOTP code at
 * /api/auth but a criterion's number at /api/criteria). Keyed by route prefix; the longest matching prefix wins.
 */
export const ROUTE_FIELD_LABELS: Record<string, Record<string, string>> = {
  '/api/auth': { code: '动态验证码', secret: '密钥', challenge: '登录凭据', password: '密码' },
  '/api/criteria': { code: '条款编号', standard: '判定标准', item: '条款内容', article: '条款序号' },
  '/api/checklists': { code: '检查表编号', name: '检查表名称' },
  '/api/hazards': { description: '隐患描述', source: '排查类型', level: '督办级别', unit: '督办单位' },
  '/api/inspections': { kind: '检查类型', description: '隐患描述', source: '排查类型' },
  '/api/campaigns': { name: '行动名称', target: '检查对象' },
  '/api/plans': {
    title: '计划事项',
    content: '工作内容',
    kind: '事项类别',
    ownerUnit: '责任单位',
    ownerOrganisationId: '责任单位',
    dueOn: '完成时限',
    year: '年度',
    quarter: '季度',
    recordKind: '关联记录类型',
    recordId: '关联记录',
    name: '行动名称',
    target: '检查对象',
    state: '状态',
    progress: '进度（%）',
    links: '落实记录',
    season: '季节性检查',
  },
  '/api/fire-service': {
    title: '合同名称',
    contractNo: '合同编号',
    providerId: '服务机构',
    signedOn: '签订日期',
    startsOn: '服务期开始日期',
    endsOn: '服务期结束日期',
    amount: '合同金额',
    content: '服务内容',
    coversAll: '全部企业',
    enterpriseIds: '服务企业',
    contractId: '服务合同',
    visitedOn: '检查日期',
    providerStaff: '服务人员',
    findings: '发现问题',
    problem: '问题类别',
    description: '问题描述',
  },
  '/api/risk': { name: '风险点名称', level: '风险等级' },
  '/api/surveys': { title: '调查标题' },
  '/api/enforcement/joint-actions': { title: '行动名称', note: '备注' },
  '/api/enforcement/penalty-cases': { status: '案件状态', note: '备注' },
  '/api/responsibility': {
    content: '责任书内容',
    title: '标题',
    body: '条款内容',
    name: '指标名称',
    target: '下达范围',
    text: '自评说明',
    points: '得分',
    itemId: '细则编号',
    kind: '类型',
  },
  '/api/publicity': {
    kind: '活动类型',
    theme: '活动主题',
    startsOn: '开始日期',
    endsOn: '结束日期',
    places: '活动地点',
    organiser: '组织单位',
    participants: '参与人数',
    materials: '宣传物资',
    quantity: '物资数量',
    photoIds: '活动照片',
    summary: '活动情况',
    name: '物资名称',
    unit: '计量单位',
  },
  '/api/meetings': {
    kind: '会议类型',
    heldOn: '会议日期',
    topic: '会议主题',
    place: '会议地点',
    host: '主持人',
    attendeeOrganisationIds: '参会单位',
    attendeeNames: '参会人员',
    minutesFileId: '会议纪要',
    summary: '会议内容',
    decisions: '决定事项',
    decision: '决定事项',
    ownerOrganisationId: '责任单位',
    dueOn: '完成期限',
    state: '任务状态',
    note: '进展情况',
    notedOn: '进展日期',
    notes: '进展记录',
  },
  '/api/funds': {
    purpose: '资金用途',
    amount: '金额（元）',
    paidOn: '支出日期',
    supplier: '供应商/服务单位',
    description: '支出事由',
    subject: '关联事项',
    attachmentIds: '附件',
  },
  '/api/drills': {
    level: '演练级别',
    enterpriseId: '演练单位',
    title: '演练名称',
    scenario: '演练场景',
    form: '演练形式',
    heldOn: '演练日期',
    place: '演练地点',
    organiser: '组织单位',
    planId: '应急预案',
    participantEnterpriseIds: '参演企业',
    participantUnits: '其他参演单位',
    headcount: '参演人数',
    observers: '观摩人员',
    observerCount: '观摩人数',
    photoIds: '演练照片',
    evaluation: '演练评估',
    problems: '发现的问题',
    addProblems: '补充的问题',
    description: '问题描述',
    deadline: '整改期限',
    category: '隐患类别',
    year: '年度',
    month: '计划月份',
  },
  '/api/resumption': {
    seasonId: '复工批次',
    enterpriseId: '企业',
    plannedOn: '计划复工日期',
    contactName: '联系人',
    contactPhone: '联系电话',
    workforce: '复工人数',
    checklist: '复工检查清单',
    done: '是否完成',
    evidenceId: '关联记录',
    checkedOn: '现场核查日期',
    opinion: '办理意见',
    name: '批次名称',
    startsOn: '开始日期',
    endsOn: '结束日期',
    key: '条目编号',
    label: '条目内容',
  },
  '/api/guidance': {
    kind: '类型',
    enterpriseId: '企业',
    heldOn: '日期',
    staff: '参加人员',
    counterpartName: '谈话/指导对象',
    counterpartRole: '人员身份',
    topics: '主要内容',
    commitments: '企业承诺',
    photoIds: '照片',
    followUps: '跟进事项',
    content: '跟进事项',
    dueOn: '完成期限',
    owner: '责任人',
    doneOn: '完成日期',
    result: '完成情况',
  },
};

/** The label of a request field on a route (url as registered, e.g. /api/criteria/:id/revise). */
export function fieldLabel(field: string, url = ''): string | undefined {
  let best: string | undefined;
  let bestLength = -1;
  for (const [prefix, labels] of Object.entries(ROUTE_FIELD_LABELS)) {
    const matches = url === prefix || url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
    if (matches && prefix.length > bestLength && labels[field]) {
      best = labels[field];
      bestLength = prefix.length;
    }
  }
  return best ?? FIELD_LABELS[field];
}

export function label(dict: Dict, key: string, lang: Lang = 'zh'): string {
  return dict[key]?.[lang] ?? key;
}

// Codes of the drill, resumption, guidance and activity pages; the Chinese is the same as the *_NAMES maps of
// shared/src/{drills,resumption,guidance,activities}.ts (web-i18n-field-modules.test.ts checks they agree).
export const DRILL_LEVEL_LABELS: Dict = {
  enterprise: { zh: '企业级', en: 'Enterprise' },
  park: { zh: '园区级', en: 'Park' },
};

export const DRILL_SCENARIO_LABELS: Dict = {
  fire: { zh: '火灾', en: 'Fire' },
  explosion: { zh: '爆炸', en: 'Explosion' },
  poisoning: { zh: '中毒窒息', en: 'Poisoning/asphyxiation' },
  leak: { zh: '泄漏', en: 'Leak' },
  confinedSpace: { zh: '有限空间', en: 'Confined space' },
  hazardousChemicals: { zh: '危化品事故', en: 'Hazardous chemicals' },
  evacuation: { zh: '人员疏散', en: 'Evacuation' },
  comprehensive: { zh: '综合', en: 'Comprehensive' },
  other: { zh: '其他', en: 'Other' },
};

export const DRILL_FORM_LABELS: Dict = {
  live: { zh: '实战演练', en: 'Live drill' },
  tabletop: { zh: '桌面推演', en: 'Tabletop exercise' },
};

export const DRILL_PLAN_STATE_LABELS: Dict = {
  done: { zh: '已演练', en: 'Held' },
  upcoming: { zh: '未到期', en: 'Upcoming' },
  overdue: { zh: '逾期未演练', en: 'Overdue' },
};

export const RESUMPTION_STATE_LABELS: Dict = {
  submitted: { zh: '待确认', en: 'Awaiting confirmation' },
  returned: { zh: '已退回', en: 'Returned' },
  confirmed: { zh: '已确认复工', en: 'Resumption confirmed' },
};

export const RESUMPTION_ACTION_LABELS: Dict = {
  submit: { zh: '提交申请', en: 'Applied' },
  return: { zh: '退回', en: 'Returned' },
  resubmit: { zh: '重新提交', en: 'Resubmitted' },
  confirm: { zh: '现场核查后确认复工', en: 'Confirmed after on-site check' },
};

export const EVIDENCE_KIND_LABELS: Dict = {
  inspection: { zh: '企业自查记录', en: 'Self-inspection record' },
  training: { zh: '培训记录', en: 'Training record' },
  none: { zh: '不需关联记录', en: 'No record needed' },
};

export const GUIDANCE_KIND_LABELS: Dict = {
  guidance: { zh: '指导服务', en: 'Guidance visit' },
  talk: { zh: '谈心谈话', en: 'Talk' },
};

export const COUNTERPART_ROLE_LABELS: Dict = {
  actualController: { zh: '实际控制人', en: 'Actual controller' },
  principal: { zh: '主要负责人', en: 'Principal' },
  safetyManager: { zh: '安全管理人员', en: 'Safety manager' },
  other: { zh: '其他人员', en: 'Other' },
};

export const FOLLOW_UP_STATE_LABELS: Dict = {
  open: { zh: '跟进中', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
  overdue: { zh: '已逾期', en: 'Overdue' },
};

export const PUBLICITY_KIND_LABELS: Dict = {
  safetyMonth: { zh: '安全生产月', en: 'Safety month' },
  toEnterprises: { zh: '宣传进企业', en: 'In enterprises' },
  toVillages: { zh: '宣传进农村', en: 'In villages' },
  toCommunities: { zh: '宣传进社区', en: 'In communities' },
  toSchools: { zh: '宣传进学校', en: 'In schools' },
  toFamilies: { zh: '宣传进家庭', en: 'In families' },
  competition: { zh: '知识竞赛', en: 'Knowledge contest' },
  other: { zh: '其他宣传', en: 'Other publicity' },
};

export const MEETING_KIND_LABELS: Dict = {
  committeeEnlarged: { zh: '安委会扩大会议', en: 'Enlarged safety committee meeting' },
  centralGroupStudy: { zh: '中心组学习', en: 'Central group study' },
  topic: { zh: '专题会议', en: 'Topical meeting' },
};

export const TASK_STATE_LABELS: Dict = {
  notStarted: { zh: '未开始', en: 'Not started' },
  inProgress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
};

export const FUND_PURPOSE_LABELS: Dict = {
  publicityMaterials: { zh: '宣传物资', en: 'Publicity materials' },
  purchasedServices: { zh: '购买服务', en: 'Purchased services' },
  training: { zh: '培训', en: 'Training' },
  drills: { zh: '演练', en: 'Drills' },
  other: { zh: '其他', en: 'Other' },
};
