// Assembles the modular monolith: platform services plus every module's routes under /api.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { accidentRoutes } from './modules/accidents/routes';
import { activityRoutes } from './modules/activities/routes';
import { auditRoutes } from './modules/audit/routes';
import { authRoutes } from './modules/auth/routes';
import { campaignRoutes } from './modules/campaigns/routes';
import { checklistRoutes } from './modules/checklists/routes';
import { commitmentRoutes } from './modules/commitments/routes';
import { coverageRoutes } from './modules/coverage/routes';
import { creditRoutes } from './modules/credit/routes';
import { criteriaRoutes } from './modules/criteria/routes';
import { dashboardRoutes } from './modules/dashboard/routes';
import { documentRoutes } from './modules/documents/routes';
import { drillRoutes } from './modules/drills/routes';
import { enforcementRoutes } from './modules/enforcement/routes';
import { enterpriseIoRoutes } from './modules/enterprise-io/routes';
import { enterpriseRoutes } from './modules/enterprises/routes';
import { fileRoutes } from './modules/files/routes';
import { fireServiceRoutes } from './modules/fire-service/routes';
import { fundRoutes } from './modules/funds/routes';
import { guidanceRoutes } from './modules/guidance/routes';
import { hazardRoutes } from './modules/hazards/routes';
import { homeRoutes } from './modules/home/routes';
import { inspectionRoutes } from './modules/inspections/routes';
import { jobRoutes } from './modules/jobs/routes';
import { meetingRoutes } from './modules/meetings/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { organisationRoutes } from './modules/organisations/routes';
import { personalDataRoutes } from './modules/personal-data/routes';
import { planRoutes } from './modules/plans/routes';
import { providerRoutes } from './modules/providers/routes';
import { publicityRoutes } from './modules/publicity/routes';
import { registryRoutes } from './modules/registry/routes';
import { reportRoutes } from './modules/reports/routes';
import { responsibilityRoutes } from './modules/responsibility/routes';
import { resumptionRoutes } from './modules/resumption/routes';
import { riskRoutes } from './modules/risk/routes';
import { surveyRoutes } from './modules/survey/routes';
import { syncRoutes } from './modules/sync/routes';
import { trainingRoutes } from './modules/training/routes';
import { userRoutes } from './modules/users/routes';
import { configureAuditKey } from './platform/audit';
import type { Config } from './platform/config';
import type { Database } from './platform/db';
import { type AppDeps, buildApp, type Module } from './platform/http';
import type { Lifecycle } from './platform/lifecycle';
import { preparePersonalData } from './platform/personal-data';
import { Secrets } from './platform/secrets';
// What the modules register (indicators, period figures, sweep tasks), shared with the command-line tools.
import './registrations';

export const VERSION: string = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const MODULES: Module[] = [
  { prefix: '/api/auth', tag: '登录与账户', routes: authRoutes },
  { prefix: '/api/home', tag: '首页', routes: homeRoutes },
  { prefix: '/api/users', tag: '用户管理', routes: userRoutes },
  { prefix: '/api/organisations', tag: '单位管理', routes: organisationRoutes },
  { prefix: '/api/enterprises', tag: '企业档案', routes: enterpriseRoutes },
  { prefix: '/api/enterprises', tag: '企业档案导入导出', routes: enterpriseIoRoutes },
  { prefix: '/api/jobs', tag: '后台任务', routes: jobRoutes },
  { prefix: '/api/registry', tag: '企业附属档案', routes: registryRoutes },
  { prefix: '/api/surveys', tag: '安全生产状况调查', routes: surveyRoutes },
  { prefix: '/api/files', tag: '照片与文件', routes: fileRoutes },
  { prefix: '/api/criteria', tag: '重大隐患判定标准', routes: criteriaRoutes },
  { prefix: '/api/hazards', tag: '隐患排查治理', routes: hazardRoutes },
  { prefix: '/api/risk', tag: '安全风险分级管控', routes: riskRoutes },
  { prefix: '/api/documents', tag: '执法文书', routes: documentRoutes },
  { prefix: '/api/notifications', tag: '消息通知', routes: notificationRoutes },
  { prefix: '/api/enforcement', tag: '执法', routes: enforcementRoutes },
  { prefix: '/api/checklists', tag: '检查表', routes: checklistRoutes },
  { prefix: '/api/campaigns', tag: '检查行动', routes: campaignRoutes },
  { prefix: '/api/inspections', tag: '检查记录', routes: inspectionRoutes },
  { prefix: '/api/responsibility', tag: '责任体系', routes: responsibilityRoutes },
  { prefix: '/api/audit', tag: '审计日志', routes: auditRoutes },
  { prefix: '/api/accidents', tag: '生产安全事故', routes: accidentRoutes },
  { prefix: '/api/publicity', tag: '宣传活动', routes: publicityRoutes },
  { prefix: '/api/meetings', tag: '会议与学习', routes: meetingRoutes },
  { prefix: '/api/funds', tag: '专项资金', routes: fundRoutes },
  { prefix: '/api/activities', tag: '活动统计', routes: activityRoutes },
  { prefix: '/api/credit', tag: '企业安全生产诚信', routes: creditRoutes },
  { prefix: '/api/commitments', tag: '安全承诺', routes: commitmentRoutes },
  { prefix: '/api/providers', tag: '服务机构', routes: providerRoutes },
  { prefix: '/api/personal-data', tag: '个人信息', routes: personalDataRoutes },
  { prefix: '/api/training', tag: '教育培训', routes: trainingRoutes },
  { prefix: '/api/drills', tag: '应急演练', routes: drillRoutes },
  { prefix: '/api/resumption', tag: '复工复产确认', routes: resumptionRoutes },
  { prefix: '/api/guidance', tag: '指导服务与谈心谈话', routes: guidanceRoutes },
  { prefix: '/api/fire-service', tag: '消防第三方服务', routes: fireServiceRoutes },
  { prefix: '/api/dashboard', tag: '领导驾驶舱', routes: dashboardRoutes },
  { prefix: '/api/coverage', tag: '检查覆盖', routes: coverageRoutes },
  { prefix: '/api/sync', tag: '离线采集同步', routes: syncRoutes },
  { prefix: '/api/plans', tag: '工作计划', routes: planRoutes },
  { prefix: '/api/reports', tag: '工作总结', routes: reportRoutes },
];

export async function createApp(config: Config, database: Database, lifecycle?: Lifecycle): Promise<FastifyInstance> {
  configureAuditKey(config.auditKey);
  // Refuses a key that does not match the data, then seals what is still clear (platform/personal-data.ts).
  await preparePersonalData(database.db, config.dataKey);
  const deps: AppDeps = { config, database, secrets: new Secrets(config.secret), version: VERSION, lifecycle };
  return buildApp(deps, MODULES);
}
