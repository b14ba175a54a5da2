// Writes generated demo data into any database (PGlite or PostgreSQL). The demo park is made on a fresh embedded
// database at first start and by `npm run seed -- --demo`; `--enterprises N` fills large parks for benchmarks.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, count, eq, sql } from 'drizzle-orm';
import { criterionBasis } from '../../../../shared/src/checklists';
import { parkShortName } from '../../../../shared/src/documents';
import { DEFAULT_PASSWORD_POLICY } from '../../../../shared/src/password';
import { shanghaiToday } from '../../../../shared/src/validators';
import {
  campaignChecklists,
  campaignEnterprises,
  campaignInspectors,
  campaigns,
  certificates,
  checklistFamilies,
  checklistItems,
  checklistTemplates,
  emergencyPlans,
  enterprises,
  extensionRequests,
  hazardEvents,
  hazards,
  inspectionItemResults,
  inspections,
  inspectorAssignments,
  majorHazardCriteria,
  majorHazardSources,
  organisations,
  parkPlans,
  parks,
  riskPoints,
  serialCounters,
  specialEquipment,
  users,
} from '../../db/schema';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Db } from '../../platform/db';
import { hashPassword, passwordRejection } from '../../platform/passwords';
import { ensureCriteriaLibrary } from '../criteria/service';
import { backfill as enforcement } from '../enforcement/service';
import { refreshEnterpriseLevels } from '../risk/service';
import { insertActivitiesDemo } from './activities-demo';
import { DEMO_CAMPAIGN_CHECKLISTS, DEMO_CHECKLISTS, generateChecklistResults } from './checklist-demo';
import { insertCreditDemo } from './credit-demo';
import { insertDrillsDemo } from './drills-demo';
import { generateEnforcement } from './enforcement-demo';
import { insertFireServiceDemo } from './fire-service-demo';
import { type DemoEnterprise, type DemoParkSpec, generateDemoPark, generateEnterprises } from './generator';
import { generateHazardHistory } from './hazard-demo';

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

import { generateDemoAttachments } from './registry-demo';
import { insertResponsibilityDemo } from './responsibility-demo';
import { generateDemoPlan, generateDemoRiskPoints } from './risk-demo';
import { insertTrainingDemo } from './training-demo';

const BATCH = 1000;
const SYSTEM: RequestContext = { actor: null, ip: '127.0.0.1' };

export const DEMO_SPEC = { seed: 20231, ownSite: 41, leased: 246 } as const;

export interface DemoCredentials {
  password: string;
  generated: boolean;
  users: { username: string; role: string; organisation: string }[];
}

export async function parkCount(db: Db): Promise<number> {
  const [r] = await db.select({ n: count() }).from(parks);
  return Number(r?.n ?? 0);
}

/** On a fresh database, creates the demo park and writes its credentials to DATA_DIR/demo-credentials.txt. */
export async function seedDemoIfEmpty(db: Db, config: Config, log: (m: string) => void): Promise<void> {
  if ((await parkCount(db)) > 0) return;
  const creds = await seedDemoPark(db, { password: config.demoPassword, log });
  const file = path.join(config.dataDir, 'demo-credentials.txt');
  const lines = creds.users.map((u) => `${u.username.padEnd(12)} ${u.role.padEnd(11)} ${u.organisation}`);
  fs.writeFileSync(
    file,
    [
      'ParkSafe 演示账户 (demo accounts)',
      `密码 password: ${creds.password}`,
      'admin 首次登录需绑定动态验证码 (TOTP)',
      '',
      ...lines,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  if (creds.generated) {
    log(`demo password (shown once, also in ${file}): ${creds.password}`);
  } else {
    log(`demo accounts use PARKSAFE_DEMO_PASSWORD; list in ${file}`);
  }
}

/** A random password that meets the default policy (all four character classes). */
function randomDemoPassword(): string {
  return `Ps-${randomBytes(9).toString('base64url')}7a`;
}

const DEMO_USERNAMES = [
  'admin',
  'supervisor',
  'leader',
  'inspector',
  'department',
  ...[1, 2, 3, 4, 5].map((i) => `enterprise${i}`),
];

export async function seedDemoPark(
  db: Db,
  opts: { password: string | null; log: (m: string) => void; spec?: Partial<DemoParkSpec> },
): Promise<DemoCredentials> {
  // A chosen demo password meets the same rule as any other (it is every demo account's password).
  if (opts.password) {
    for (const username of DEMO_USERNAMES) {
      const refusal = passwordRejection(opts.password, DEFAULT_PASSWORD_POLICY, username);
      if (refusal) throw new Error(`PARKSAFE_DEMO_PASSWORD 不可用（账户 ${username}）：${refusal.message}`);
    }
  }
  const spec: DemoParkSpec = { ...DEMO_SPEC, today: now(), ...opts.spec };
  const demo = generateDemoPark(spec);
  const password = opts.password ?? randomDemoPassword();
  const passwordHash = await hashPassword(password);
  opts.log(
    `creating park ${demo.park.name}: ${demo.organisations.length} organisations, ${demo.enterprises.length} enterprises`,
  );

  return db.transaction(async (tx) => {
    const [park] = await tx.insert(parks).values(demo.park).returning({ id: parks.id });
    const parkId = park!.id;
    const orgIds = new Map<string, string>();
    for (const o of demo.organisations) {
      const { key, ...values } = o;
      const [row] = await tx
        .insert(organisations)
        .values({ ...values, parkId })
        .returning({ id: organisations.id });
      orgIds.set(key, row!.id);
    }
    const entIds = await insertEnterprises(tx, parkId, demo.enterprises, opts.log);
    await insertAttachments(tx, parkId, demo.enterprises, entIds, spec);
    await ensureCriteriaLibrary(tx, parkId);

    const committee = orgIds.get('committee')!;
    const pick = (i: number) => demo.enterprises.filter((e) => e.status === 'operating')[i]!;
    const departmentOrg = [...orgIds.entries()].find(([k]) => k.startsWith('dept-'))?.[1] ?? committee;
    const accounts: {
      username: string;
      displayName: string;
      role: (typeof users.$inferInsert)['role'];
      org: string;
      orgName: string;
    }[] = [
      { username: 'admin', displayName: '系统管理员', role: 'admin', org: committee, orgName: '管委会' },
      { username: 'supervisor', displayName: '张安监', role: 'supervisor', org: committee, orgName: '管委会' },
      { username: 'leader', displayName: '李主任', role: 'leader', org: committee, orgName: '管委会' },
      { username: 'inspector', displayName: '王检查', role: 'inspector', org: committee, orgName: '管委会' },
      { username: 'department', displayName: '赵成员', role: 'department', org: departmentOrg, orgName: '成员单位' },
    ];
    for (let i = 0; i < 5; i++) {
      const e = pick(i * 7);
      accounts.push({
        username: `enterprise${i + 1}`,
        displayName: e.safetyManagerName,
        role: 'enterprise',
        org: entIds.get(e.key)!,
        orgName: e.name,
      });
    }
    const userIds = new Map<string, string>();
    for (const a of accounts) {
      const [u] = await tx
        .insert(users)
        .values({
          parkId,
          organisationId: a.org,
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          passwordHash,
          mustChangePassword: false, // demo accounts are for trying the platform at once
        })
        .returning({ id: users.id });
      userIds.set(a.username, u!.id);
    }
    // The inspector is assigned a round of enterprises (campaign tasks will assign more).
    const assigned = demo.enterprises.filter((_, i) => i % 9 === 0).map((e) => entIds.get(e.key)!);
    await tx
      .insert(inspectorAssignments)
      .values(assigned.map((enterpriseId) => ({ parkId, userId: userIds.get('inspector')!, enterpriseId })));
    // Member departments join checks (the seed's flood-season checks with 市场监管 and 执法队); the demo department
    // user's unit joins the winter campaign, so its console shows that campaign's enterprises.
    const units = (...keys: string[]) => keys.flatMap((k) => orgIds.get(k) ?? []);
    const history = await insertHazardHistory(tx, parkId, demo.enterprises, entIds, spec, {
      inspector: userIds.get('inspector')!,
      supervisor: userIds.get('supervisor')!,
      jointDepartments: {
        summer: units('dept-market', 'dept-enforcement'),
        winter: [...new Set([departmentOrg, ...units('dept-fire')])],
      },
    });
    opts.log(`hazard history: ${history.history.inspections.length} inspections, ${history.hazardIds.length} hazards`);
    const lists = await insertChecklists(tx, parkId, spec, history, userIds.get('supervisor')!);
    opts.log(`checklists: ${lists.templates} templates, item results on ${lists.inspections} inspections`);
    const risk = await insertRiskDemo(tx, parkId, demo.enterprises, entIds, spec, userIds.get('supervisor')!);
    opts.log(`risk points: ${risk.points}, major-risk enterprises: ${risk.majorEnterprises}`);
    const enforcement = await insertEnforcementDemo(tx, parkId, demo.park.name, spec, history, {
      organisations: orgIds,
      enterprises: entIds,
      supervisor: userIds.get('supervisor')!,
    });
    opts.log(`enforcement: ${enforcement.jointActions} joint actions, ${enforcement.penalties} penalty cases`);
    const resp = await insertResponsibilityDemo(
      tx,
      parkId,
      { id: userIds.get('supervisor')!, username: 'supervisor', displayName: '张安监', organisationId: committee },
      demo.enterprises.filter((e) => e.siteType === 'ownSite').map((e) => entIds.get(e.key)!),
    );
    opts.log(
      `responsibility: ${resp.letters} letters (${resp.unsigned} unsigned), ${resp.commendations} commendations`,
    );
    const fire = await insertFireServiceDemo(tx, parkId, {
      supervisor: userIds.get('supervisor')!,
      skipEnterprises: accounts.filter((a) => a.role === 'enterprise').map((a) => a.org),
    });
    opts.log(`fire service: ${fire.visits} visits, ${fire.findings} findings (${fire.rectified} rectified)`);
    const credit = await insertCreditDemo(tx, parkId, spec.today, {
      supervisor: userIds.get('supervisor')!,
      accountEnterprises: accounts.filter((a) => a.role === 'enterprise').map((a) => a.org),
    });
    opts.log(
      `commitments: ${credit.commitments} posted, ${credit.missingToday} missing this period; accidents: ${credit.accidents}; credit events: ${credit.creditEvents}`,
    );
    const training = await insertTrainingDemo(tx, parkId, spec.today, {
      supervisor: userIds.get('supervisor')!,
      supervisorName: '张安监',
      accountEnterprises: accounts.filter((a) => a.role === 'enterprise').map((a) => a.org),
    });
    opts.log(
      `training: ${training.sessions} sessions, ${training.attendees} attendees, ${training.plans} plans; new enterprises: ${training.newEnterprises.join('、')}`,
    );
    const acts = await insertActivitiesDemo(tx, parkId, {
      supervisor: { id: userIds.get('supervisor')!, name: '张安监' },
      organisations: orgIds,
      accountEnterprises: accounts.filter((a) => a.role === 'enterprise').map((a) => a.org),
      departmentOrg,
    });
    opts.log(
      `activities: ${acts.meetings} meetings with ${acts.tasks} tasks, ${acts.publicity} publicity activities, ${acts.fundExpenses} fund expenses`,
    );
    const drills = await insertDrillsDemo(tx, parkId, spec.today, {
      supervisor: userIds.get('supervisor')!,
      inspector: userIds.get('inspector')!,
      accountEnterprises: accounts.filter((a) => a.role === 'enterprise').map((a) => a.org),
    });
    opts.log(
      `drills: ${drills.drills}; resumption: ${drills.confirmed2023} confirmed in 2023, ${drills.pending} pending; guidance ${drills.guidance}, talks ${drills.talks}`,
    );
    await appendAudit(tx, SYSTEM, {
      parkId,
      action: 'demo.seed',
      entityType: 'park',
      entityId: parkId,
      actorName: '系统',
      after: { enterprises: demo.enterprises.length, organisations: demo.organisations.length, users: accounts.length },
    });
    opts.log('demo park ready');
    return {
      password,
      generated: !opts.password,
      users: accounts.map((a) => ({ username: a.username, role: a.role, organisation: a.orgName })),
    };
  });
}

async function insertAttachments(
  tx: Db,
  parkId: string,
  list: DemoEnterprise[],
  ids: Map<string, string>,
  spec: DemoParkSpec,
): Promise<void> {
  const a = generateDemoAttachments(list, shanghaiToday(spec.today), spec.seed);
  const owned = <T extends { enterpriseKey: string }>(rows: T[]) =>
    rows.map(({ enterpriseKey, ...r }) => ({ ...r, parkId, enterpriseId: ids.get(enterpriseKey)! }));
  if (a.equipment.length) await tx.insert(specialEquipment).values(owned(a.equipment));
  if (a.hazardSources.length) await tx.insert(majorHazardSources).values(owned(a.hazardSources));
  if (a.plans.length) await tx.insert(emergencyPlans).values(owned(a.plans));
  if (a.certificates.length) await tx.insert(certificates).values(owned(a.certificates));
}

/** A year of campaigns, inspections and hazards in every state (see hazard-demo.ts). */
async function insertHazardHistory(
  tx: Db,
  parkId: string,
  list: DemoEnterprise[],
  ids: Map<string, string>,
  spec: DemoParkSpec,
  people: { inspector: string; supervisor: string; jointDepartments: Record<string, string[]> },
): Promise<HazardHistoryIds> {
  const today = shanghaiToday(spec.today);
  const h = generateHazardHistory(list, today, spec.seed);
  const at = (d: string) => new Date(`${d}T02:00:00Z`); // 10:00 in Shanghai
  const criteria = new Map(
    (await tx.select().from(majorHazardCriteria).where(eq(majorHazardCriteria.parkId, parkId))).map((c) => [
      c.code,
      c.id,
    ]),
  );
  const campaignIds = new Map<string, string>();
  for (const c of h.campaigns) {
    const [row] = await tx
      .insert(campaigns)
      .values({
        parkId,
        name: c.name,
        campaignTypes: c.campaignTypes,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        domains: ['production', 'fire'],
        jointDepartments: people.jointDepartments[c.key] ?? [],
        // The office named its targets (the key-supervision enterprises it chose).
        target: { tags: [], areas: [], enterpriseIds: c.targetKeys.map((k) => ids.get(k)!) },
        // A campaign whose period is over has been closed by the office the day after it ended.
        ...(c.endsOn < today
          ? { status: 'closed' as const, closedAt: at(dayAfter(c.endsOn)), closedBy: people.supervisor }
          : {}),
        createdBy: people.supervisor,
      })
      .returning({ id: campaigns.id });
    campaignIds.set(c.key, row!.id);
    await tx
      .insert(campaignEnterprises)
      .values(c.targetKeys.map((k) => ({ parkId, campaignId: row!.id, enterpriseId: ids.get(k)! })));
    await tx.insert(campaignInspectors).values({ parkId, campaignId: row!.id, userId: people.inspector });
  }
  const inspectionIds = new Map<string, string>();
  for (let i = 0; i < h.inspections.length; i += BATCH) {
    const batch = h.inspections.slice(i, i + BATCH);
    const inserted = await tx
      .insert(inspections)
      .values(
        batch.map((x) => ({
          parkId,
          campaignId: campaignIds.get(x.campaignKey)!,
          enterpriseId: ids.get(x.enterpriseKey)!,
          inspectedOn: x.inspectedOn,
          kind: x.kind,
          domains: ['production', 'fire'],
          inspectorIds: [people.inspector],
          // The rest of each team: hired experts and member-unit staff, counted in 人次.
          inspectorNames: Array.from(
            { length: x.inspectorCount - 1 },
            (_, n) => ['消防技术服务机构专家', '市场监管所执法人员', '综合执法队队员'][n % 3]!,
          ),
          createdBy: people.inspector,
          createdAt: at(x.inspectedOn),
        })),
      )
      .returning({ id: inspections.id });
    batch.forEach((x, j) => {
      inspectionIds.set(x.key, inserted[j]!.id);
    });
  }
  // A fresh park: serial numbers are counted here and the counters set once at the end.
  const serials = new Map<string, number>();
  const hazardIds: string[] = [];
  for (let i = 0; i < h.hazards.length; i += BATCH) {
    const batch = h.hazards.slice(i, i + BATCH);
    const inserted = await tx
      .insert(hazards)
      .values(
        batch.map((x) => {
          const year = x.foundOn.slice(0, 4);
          const n = (serials.get(year) ?? 0) + 1;
          serials.set(year, n);
          return {
            parkId,
            serial: `YH${year}-${String(n).padStart(6, '0')}`,
            enterpriseId: ids.get(x.enterpriseKey)!,
            inspectionId: inspectionIds.get(x.inspectionKey)!,
            campaignId: campaignIds.get(x.campaignKey)!,
            description: x.description,
            location: x.location,
            domain: x.domain,
            category: x.category,
            source: x.source,
            grade: x.grade,
            criterionId: x.criterionCode ? (criteria.get(x.criterionCode) ?? null) : null,
            requirement: x.requirement,
            responsiblePerson: x.responsiblePerson,
            deadline: x.fixedOnSpot ? null : x.deadline,
            status: x.status,
            fixedOnSpot: x.fixedOnSpot,
            plan: x.plan,
            listing: x.listed
              ? {
                  level: 'park',
                  unit: '高新区安全生产委员会办公室',
                  listedOn: x.foundOn,
                  delistedOn: x.status === 'closed' ? x.closedOn : null,
                }
              : null,
            foundOn: x.foundOn,
            closedAt: x.closedOn ? at(x.closedOn) : null,
            // The day of its latest submission: some demo hazards wait past the re-check limit (复查超时).
            submittedOn: [...x.events].reverse().find((e) => e.action === 'submit')?.on ?? null,
            createdBy: people.inspector,
            createdAt: at(x.foundOn),
          };
        }),
      )
      .returning({ id: hazards.id });
    hazardIds.push(...inserted.map((r) => r.id));
    const byEnterprise = (action: string) => ['start', 'submit'].includes(action);
    await tx.insert(hazardEvents).values(
      batch.flatMap((x, j) =>
        x.events.map((e) => ({
          parkId,
          hazardId: inserted[j]!.id,
          action: e.action,
          fromStatus: e.from,
          toStatus: e.to,
          reason: e.reason,
          actorUserId: byEnterprise(e.action) ? null : people.inspector,
          actorName: byEnterprise(e.action) ? '企业安全管理人员' : '王检查',
          // The demo's history was entered as it happened.
          occurredAt: at(e.on),
          recordedAt: at(e.on),
        })),
      ),
    );
    const extensions = batch.flatMap((x, j) =>
      x.extension
        ? [
            {
              parkId,
              hazardId: inserted[j]!.id,
              requestedDeadline: x.extension.requestedDeadline,
              previousDeadline: x.deadline === x.extension.requestedDeadline ? null : x.deadline,
              reason: x.extension.reason,
              status: x.extension.status,
              decisionReason: x.extension.status === 'refused' ? '整改期限内可以完成，不同意延期' : null,
              decidedBy: x.extension.status === 'pending' ? null : people.supervisor,
              requestedAt: at(x.extension.requestedOn),
              decidedAt: x.extension.status === 'pending' ? null : at(x.extension.requestedOn),
            },
          ]
        : [],
    );
    if (extensions.length) await tx.insert(extensionRequests).values(extensions);
  }
  for (const [year, value] of serials)
    await tx.insert(serialCounters).values({ parkId, series: `hazard-${year}`, value });
  return { history: h, campaignIds, inspectionIds, hazardIds };
}

/** The seed's joint action and penalty cases (see enforcement-demo.ts), numbered in the park's case series. */
async function insertEnforcementDemo(
  tx: Db,
  parkId: string,
  parkName: string,
  spec: DemoParkSpec,
  history: HazardHistoryIds,
  ids: { organisations: Map<string, string>; enterprises: Map<string, string>; supervisor: string },
) {
  const today = shanghaiToday(spec.today);
  const { jointActions, penalties } = generateEnforcement(history.history, today);
  const at = (d: string) => new Date(`${d}T02:00:00Z`);
  for (const a of jointActions) {
    await enforcement.insertJointAction(
      tx,
      parkId,
      ids.supervisor,
      {
        actionDate: a.actionDate,
        title: a.title,
        leadOrganisationId: ids.organisations.get(a.leadKey)!,
        participantOrganisationIds: a.participantKeys.flatMap((k) => ids.organisations.get(k) ?? []),
        targetEnterpriseIds: [],
        results: a.results,
        resultCounts: a.resultCounts,
      },
      at(a.actionDate),
    );
  }
  const numbers = new Map<string, number>();
  const short = parkShortName(parkName);
  for (const p of penalties) {
    const year = p.filedOn.slice(0, 4);
    const n = (numbers.get(year) ?? 0) + 1;
    numbers.set(year, n);
    await enforcement.insertPenalty(
      tx,
      parkId,
      ids.enterprises.get(p.enterpriseKey)!,
      ids.supervisor,
      {
        caseNo: `${short}安监罚〔${year}〕${String(n).padStart(4, '0')}号`,
        hazardIds: p.hazardIndexes.map((i) => history.hazardIds[i]!),
        legalBasis: p.legalBasis,
        measures: p.measures,
        fineAmount: p.fineAmount,
        filedOn: p.filedOn,
        decidedOn: p.decidedOn,
        executedOn: p.executedOn,
        closedOn: p.closedOn,
        status: p.status,
        note: p.note,
      },
      at(p.filedOn),
    );
  }
  for (const [year, value] of numbers)
    await tx.insert(serialCounters).values({ parkId, series: `penalty-case-${year}`, value });
  return { jointActions: jointActions.length, penalties: penalties.length };
}

interface HazardHistoryIds {
  history: ReturnType<typeof generateHazardHistory>;
  campaignIds: Map<string, string>;
  inspectionIds: Map<string, string>;
  /** In the order of history.hazards. */
  hazardIds: string[];
}

/** The park's checklist templates, the campaigns' checklists and item results of some inspections. */
async function insertChecklists(tx: Db, parkId: string, spec: DemoParkSpec, ids: HazardHistoryIds, author: string) {
  const today = shanghaiToday(spec.today);
  const year = today.slice(0, 4);
  const at = (d: string) => new Date(`${d > today ? today : d}T02:00:00Z`);
  const criteria = new Map(
    (await tx.select().from(majorHazardCriteria).where(eq(majorHazardCriteria.parkId, parkId))).map((c) => [c.code, c]),
  );
  // template key → version → { id, item ids }
  const made = new Map<string, { id: string; familyId: string; items: string[] }[]>();
  for (const t of DEMO_CHECKLISTS) {
    const [family] = await tx
      .insert(checklistFamilies)
      .values({ parkId, code: t.code })
      .returning({ id: checklistFamilies.id });
    const versions: { id: string; familyId: string; items: string[] }[] = [];
    // Each older version names the one that replaced it (that reference is checked at commit).
    const versionIds = t.versions.map(() => randomUUID());
    for (const [v, items] of t.versions.entries()) {
      const latest = v === t.versions.length - 1;
      const created = at(v === 0 ? `${year}-03-01` : `${year}-10-08`);
      const [row] = await tx
        .insert(checklistTemplates)
        .values({
          parkId,
          id: versionIds[v]!,
          familyId: family!.id,
          version: v + 1,
          name: t.name,
          domains: t.domains,
          description: t.description,
          status: latest ? 'active' : 'retired',
          supersededBy: latest ? null : versionIds[v + 1]!,
          createdBy: author,
          createdAt: created,
          updatedBy: author,
          updatedAt: created,
        })
        .returning({ id: checklistTemplates.id });
      const inserted = await tx
        .insert(checklistItems)
        .values(
          items.map((it, i) => {
            const c = it.criterionCode ? criteria.get(it.criterionCode) : undefined;
            return {
              parkId,
              templateId: row!.id,
              seq: i + 1,
              content: it.content,
              // Only a criterion gives a basis, in its own words.
              basis: c ? criterionBasis(c) : null,
              domain: it.domain,
              criterionId: c?.id ?? null,
              criterionCode: c?.code ?? null,
              method: it.method ?? null,
            };
          }),
        )
        .returning({ id: checklistItems.id, seq: checklistItems.seq });
      versions.push({
        id: row!.id,
        familyId: family!.id,
        items: inserted.sort((a, b) => a.seq - b.seq).map((r) => r.id),
      });
    }
    made.set(t.key, versions);
  }
  for (const [campaignKey, keys] of Object.entries(DEMO_CAMPAIGN_CHECKLISTS)) {
    const campaignId = ids.campaignIds.get(campaignKey);
    if (!campaignId) continue;
    await tx
      .insert(campaignChecklists)
      .values(keys.map((k, i) => ({ parkId, campaignId, familyId: made.get(k)![0]!.familyId, seq: i + 1 })));
  }
  const filled = generateChecklistResults(ids.history, spec.seed);
  const results: (typeof inspectionItemResults.$inferInsert)[] = [];
  for (const f of filled) {
    const version = made.get(f.templateKey)![f.version - 1]!;
    const inspectionId = ids.inspectionIds.get(f.inspectionKey)!;
    await tx
      .update(inspections)
      .set({ checklistTemplateId: version.id })
      .where(and(eq(inspections.parkId, parkId), eq(inspections.id, inspectionId)));
    f.results.forEach((r, i) => {
      results.push({
        parkId,
        inspectionId,
        itemId: version.items[i]!,
        result: r.result,
        note: r.note,
        hazardId: r.hazardIndex === null ? null : ids.hazardIds[r.hazardIndex]!,
      });
    });
  }
  for (let i = 0; i < results.length; i += BATCH)
    await tx.insert(inspectionItemResults).values(results.slice(i, i + BATCH));
  return { templates: DEMO_CHECKLISTS.length, inspections: filled.length };
}

/**
 * Risk points of the demo enterprises, their derived levels, the generated park plan and each enterprise's position
 * on it; a few open hazards of major-risk enterprises are linked to their major point (管控措施失效).
 */
async function insertRiskDemo(
  tx: Db,
  parkId: string,
  list: DemoEnterprise[],
  ids: Map<string, string>,
  spec: DemoParkSpec,
  supervisor: string,
): Promise<{ points: number; majorEnterprises: number }> {
  const today = shanghaiToday(spec.today);
  const points = generateDemoRiskPoints(list, today, spec.seed);
  for (let i = 0; i < points.length; i += BATCH) {
    await tx.insert(riskPoints).values(
      points.slice(i, i + BATCH).map(({ enterpriseKey, ...p }) => ({
        ...p,
        parkId,
        enterpriseId: ids.get(enterpriseKey)!,
        reviewedBy: p.reviewStatus === 'pending' ? null : supervisor,
        reviewedByName: p.reviewStatus === 'pending' ? null : '张安监',
        reviewedAt: p.reviewStatus === 'pending' ? null : spec.today,
        createdBy: supervisor,
      })),
    );
  }
  const levels = await refreshEnterpriseLevels(tx, parkId, null);
  const plan = generateDemoPlan(list, spec.seed);
  const positions = [...plan.positions].map(([key, p]) => ({ id: ids.get(key)!, x: p.x, y: p.y }));
  await tx.execute(sql`
    update enterprises e set map_x = x.x, map_y = x.y
      from jsonb_to_recordset(${JSON.stringify(positions)}::jsonb) as x(id uuid, x real, y real)
     where e.park_id = ${parkId} and e.id = x.id`);
  await tx.insert(parkPlans).values({
    parkId,
    originalName: '高新区平面示意图.jpg',
    generatedSvg: plan.svg,
    width: plan.width,
    height: plan.height,
    uploadedBy: null,
  });
  // One open hazard of each major-risk enterprise recorded against its major point, so the list shows a failure.
  await tx.execute(sql`
    update hazards h set risk_point_id = x.point_id, source = 'controlFailure'
      from (select distinct on (p.enterprise_id) p.enterprise_id, p.id as point_id,
                   (select h2.id from hazards h2 where h2.park_id = p.park_id and h2.enterprise_id = p.enterprise_id
                       and h2.status <> 'closed' order by h2.found_on desc limit 1) as hazard_id
              from risk_points p where p.park_id = ${parkId} and p.level = 'major'
             order by p.enterprise_id, p.score desc) x
     where h.park_id = ${parkId} and h.id = x.hazard_id`);
  return { points: points.length, majorEnterprises: levels.filter((l) => l.after === 'major').length };
}

/** Inserts enterprises (and their organisation rows) in batches; returns generator key → id. */
async function insertEnterprises(
  tx: Db,
  parkId: string,
  list: DemoEnterprise[],
  log: (m: string) => void,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  // Landlords (own-site) come first in the list, so their ids exist before any tenant refers to them.
  for (let i = 0; i < list.length; i += BATCH) {
    const batch = list.slice(i, i + BATCH);
    const orgRows = await tx
      .insert(organisations)
      .values(
        batch.map((e) => ({
          parkId,
          kind: 'enterprise' as const,
          name: e.name,
          contactPerson: e.safetyManagerName,
          contactPhone: e.safetyManagerPhone,
        })),
      )
      .returning({ id: organisations.id });
    batch.forEach((e, j) => {
      ids.set(e.key, orgRows[j]!.id);
    });
    await tx.insert(enterprises).values(batch.map((e) => toRow(parkId, ids.get(e.key)!, e, ids)));
    log(`enterprises ${Math.min(i + BATCH, list.length)}/${list.length}`);
  }
  return ids;
}

function toRow(
  parkId: string,
  id: string,
  e: DemoEnterprise,
  ids: Map<string, string>,
): typeof enterprises.$inferInsert {
  const { key: _key, landlordKey, ...fields } = e;
  return { ...fields, parkId, id, landlordEnterpriseId: landlordKey ? (ids.get(landlordKey) ?? null) : null };
}

/** Adds N generated enterprises to a park (for benchmarks), streaming batches so memory stays flat. */
export async function seedEnterprises(
  db: Db,
  parkId: string,
  total: number,
  seed: number,
  log: (m: string) => void,
): Promise<void> {
  const leased = Math.round(total * 0.85);
  const spec: DemoParkSpec = { seed, ownSite: total - leased, leased, today: now() };
  const ids = new Map<string, string>();
  let done = 0;
  const started = Date.now();
  for (const batch of generateEnterprises(spec, BATCH)) {
    await db.transaction(async (tx) => {
      const orgRows = await tx
        .insert(organisations)
        .values(batch.map((e) => ({ parkId, kind: 'enterprise' as const, name: e.name })))
        .returning({ id: organisations.id });
      batch.forEach((e, j) => {
        if (e.siteType === 'ownSite') ids.set(e.key, orgRows[j]!.id);
      });
      await tx.insert(enterprises).values(batch.map((e, j) => toRow(parkId, orgRows[j]!.id, e, ids)));
    });
    done += batch.length;
    if (done % 10_000 === 0 || done === total) {
      log(`enterprises ${done}/${total} (${Math.round(done / ((Date.now() - started) / 1000))}/s)`);
    }
  }
}

export async function findParkId(db: Db, code: string): Promise<string | null> {
  const [p] = await db.select({ id: parks.id }).from(parks).where(eq(parks.code, code));
  return p?.id ?? null;
}
