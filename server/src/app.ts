// Assembles the modular monolith: platform services plus every module's routes under /api.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Health } from '../../shared/src/home';
import { auditRoutes } from './modules/audit/routes';
import { authRoutes } from './modules/auth/routes';
import { campaignRoutes } from './modules/campaigns/routes';
import { checklistRoutes } from './modules/checklists/routes';
import { criteriaRoutes } from './modules/criteria/routes';
import { documentRoutes } from './modules/documents/routes';
import { enforcementRoutes } from './modules/enforcement/routes';
import { enterpriseIoRoutes } from './modules/enterprise-io/routes';
import { enterpriseRoutes } from './modules/enterprises/routes';
import { fileRoutes } from './modules/files/routes';
import { hazardRoutes } from './modules/hazards/routes';
import { homeRoutes } from './modules/home/routes';
import { inspectionRoutes } from './modules/inspections/routes';
import { jobRoutes } from './modules/jobs/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { organisationRoutes } from './modules/organisations/routes';
import { registryRoutes } from './modules/registry/routes';
import { riskRoutes } from './modules/risk/routes';
import { surveyRoutes } from './modules/survey/routes';
import { userRoutes } from './modules/users/routes';
import type { Config } from './platform/config';
import type { Database } from './platform/db';
import { type AppDeps, buildApp, type Module } from './platform/http';
import { Secrets } from './platform/secrets';

export const VERSION: string = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const healthModule: Module = {
  prefix: '/api',
  tag: '系统',
  routes: (base, deps) => {
    base
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/health',
        { config: { public: true }, schema: { summary: '健康检查', response: { 200: Health } } },
        async () => {
          await deps.database.db.execute(sql`select 1`);
          return { status: 'ok' as const, database: deps.database.kind, version: VERSION };
        },
      );
  },
};

export const MODULES: Module[] = [
  healthModule,
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
  { prefix: '/api/audit', tag: '审计日志', routes: auditRoutes },
];

export async function createApp(config: Config, database: Database): Promise<FastifyInstance> {
  const deps: AppDeps = { config, database, secrets: new Secrets(config.secret), version: VERSION };
  return buildApp(deps, MODULES);
}
