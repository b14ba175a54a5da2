// 隐患台账 export: the filtered, scoped ledger streamed in keyset batches into a streaming .xlsx, as a background job.

import { type SQL, sql } from 'drizzle-orm';
import { isOverdue, isRecheckOverdue, STATUS_NAMES } from '../../../../shared/src/hazards';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { type Db, rows, uuidArray } from '../../platform/db';
import { safeCell, writeXlsxFile, type XlsxCell } from '../../platform/excel';
import { type JobHandler, type JobRunner, throwIfAborted } from '../../platform/jobs';
import { assertCan } from '../../platform/permissions';
import { type LedgerFilters, ledgerWhere } from './repository';
import { judge } from './service';

export const LEDGER_EXPORT_JOB = 'hazards.export';
// 2,000 rows (~2 MB) a page, two in memory at most (one fetched, one written): pages short-lived enough to be
// collected young instead of piling up in the old generation (5,000-row pages: the export's RSS grew ~170 MB), and
// still few round trips (measured in bench/hazards.ts: the rate stays above 20,000 rows/s).
const BATCH = 1000;

const GRADE = { general: '一般', major: '重大' } as const;
const DOMAIN: Record<string, string> = { production: '安全生产', fire: '消防安全', food: '食品安全' };
const CATEGORY: Record<string, string> = {
  unsafeAct: '人的不安全行为',
  unsafeCondition: '物的不安全状态',
  managementDefect: '管理缺陷',
  environment: '环境不良',
};

const SOURCE: Record<string, string> = {
  routine: '日常排查',
  comprehensive: '综合性排查',
  specialised: '专业性排查',
  seasonal: '季节性排查',
  holiday: '节假日前排查',
  accidentAnalogy: '事故类比排查',
  resumption: '复产复工前排查',
  externalExpert: '外聘专家诊断',
  controlFailure: '管控措施失效',
  other: '其他',
};

const COLUMNS: { header: string; width: number }[] = [
  { header: '隐患编号', width: 16 },
  { header: '企业', width: 30 },
  { header: '发现日期', width: 12 },
  { header: '隐患描述', width: 48 },
  { header: '位置', width: 14 },
  { header: '领域', width: 10 },
  { header: '类别', width: 14 },
  { header: '等级', width: 6 },
  { header: '判定标准条款', width: 16 },
  { header: '整改要求', width: 36 },
  { header: '整改期限', width: 12 },
  { header: '状态', width: 8 },
  { header: '整改逾期', width: 8 },
  { header: '挂牌督办', width: 8 },
  { header: '即查即改', width: 8 },
  { header: '销号时间', width: 18 },
  { header: '复查超时', width: 8 },
  { header: '整改责任人', width: 12 },
  { header: '检查行动', width: 30 },
  { header: '片区', width: 12 },
  { header: '排查类型', width: 14 },
  { header: '复查人', width: 12 },
  { header: '复查日期', width: 12 },
];

/** One exported row as the query gives it: text columns only, labels and dates mapped in JS. */
interface ExportRow {
  id: string;
  serial: string;
  enterpriseId: string;
  foundOn: string;
  description: string;
  location: string | null;
  domain: string;
  category: string;
  grade: 'general' | 'major';
  criterionId: string | null;
  requirement: string | null;
  deadline: string | null;
  status: keyof typeof STATUS_NAMES;
  fixedOnSpot: boolean;
  listed: boolean;
  closedAt: string | null;
  submittedOn: string | null;
  responsiblePerson: string | null;
  source: string;
  campaignId: string | null;
}

/**
 * One keyset page in (found_on desc, id desc) order — the order of the hazards_found index, so a page starts where
 * the last one ended instead of re-reading every earlier row (the redundant found_on <= bound is what makes the
 * index range start there). Only the exported columns, formatted in SQL; names and criterion codes are looked up
 * once per export (labels), not joined per row.
 */
function fetchPage(db: Db, where: SQL, after: { foundOn: string; id: string } | null) {
  const keyset = after
    ? sql`and hazards.found_on <= ${after.foundOn}
          and (hazards.found_on < ${after.foundOn} or hazards.id < ${after.id})`
    : sql``;
  return rows<ExportRow>(
    db,
    sql`select hazards.id, hazards.serial, hazards.enterprise_id as "enterpriseId", hazards.found_on::text as "foundOn",
               hazards.description, hazards.location, hazards.domain, hazards.category, hazards.grade,
               hazards.criterion_id as "criterionId", hazards.requirement, hazards.deadline::text as deadline,
               hazards.status, hazards.fixed_on_spot as "fixedOnSpot",
               (hazards.listing is not null and hazards.listing->>'delistedOn' is null) as listed,
               to_char(hazards.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "closedAt",
               hazards.submitted_on::text as "submittedOn", hazards.responsible_person as "responsiblePerson",
               hazards.source, hazards.campaign_id as "campaignId"
          from hazards
         where ${where} ${keyset}
         order by hazards.found_on desc, hazards.id desc
         limit ${BATCH}`,
  );
}

/**
 * Enterprise names and areas, criterion codes and campaign names of a page, fetched only for ids not seen before in
 * this export; and the page's latest re-checks (复查人, 复查日期), one indexed query per page.
 */
class Labels {
  readonly enterprises = new Map<string, { name: string; area: string | null }>();
  readonly criteria = new Map<string, string>();
  readonly campaigns = new Map<string, string>();
  rechecks = new Map<string, { by: string | null; on: string }>();
  constructor(
    private readonly db: Db,
    private readonly parkId: string,
  ) {}

  async load(page: readonly ExportRow[]) {
    const ents = [...new Set(page.map((r) => r.enterpriseId).filter((id) => !this.enterprises.has(id)))];
    const crit = [
      ...new Set(page.flatMap((r) => (r.criterionId && !this.criteria.has(r.criterionId) ? [r.criterionId] : []))),
    ];
    const camps = [
      ...new Set(page.flatMap((r) => (r.campaignId && !this.campaigns.has(r.campaignId) ? [r.campaignId] : []))),
    ];
    const [names, codes, campaignNames, rechecks] = await Promise.all([
      ents.length
        ? rows<{ id: string; name: string; area: string | null }>(
            this.db,
            sql`select id, name, area from enterprises where park_id = ${this.parkId} and id = any(${uuidArray(ents)})`,
          )
        : [],
      crit.length
        ? rows<{ id: string; code: string }>(
            this.db,
            sql`select id, code from major_hazard_criteria where id = any(${uuidArray(crit)})`,
          )
        : [],
      camps.length
        ? rows<{ id: string; name: string }>(
            this.db,
            sql`select id, name from campaigns where park_id = ${this.parkId} and id = any(${uuidArray(camps)})`,
          )
        : [],
      // Only hazards that reached 待复查 can have been re-checked.
      page.some((r) => r.submittedOn)
        ? rows<{ hazardId: string; by: string | null; on: string }>(
            this.db,
            sql`select distinct on (hazard_id) hazard_id as "hazardId", actor_name as by,
                       to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on
                  from hazard_events
                 where park_id = ${this.parkId}
                   and hazard_id = any(${uuidArray(page.filter((r) => r.submittedOn).map((r) => r.id))})
                   and action in ('recheckPass', 'recheckFail')
                 order by hazard_id, seq desc`,
          )
        : [],
    ]);
    for (const n of names) this.enterprises.set(n.id, { name: n.name, area: n.area });
    for (const c of campaignNames) this.campaigns.set(c.id, c.name);
    this.rechecks = new Map(rechecks.map((r) => [r.hazardId, { by: r.by, on: r.on }]));
    for (const c of codes) this.criteria.set(c.id, c.code);
  }
}

export function startLedgerExport(runner: JobRunner, ctx: RequestContext, filters: LedgerFilters) {
  assertCan(ctx.actor!, 'hazards.read');
  return runner.enqueue(ctx, { kind: LEDGER_EXPORT_JOB, params: { filters }, message: '排队中' });
}

export function ledgerExportHandler(db: Db): JobHandler<{ filters: LedgerFilters }> {
  return async (run) => {
    const actor = run.ctx.actor!;
    assertCan(actor, 'hazards.read');
    const j = await judge(db, actor.parkId);
    const today = j.today;
    const where = ledgerWhere(actor, run.params.filters, j);
    const file = run.filePath('.xlsx');
    let done = 0;
    await writeXlsxFile(file, async (xlsx) => {
      await xlsx.addSheet(
        '隐患台账',
        COLUMNS.map((c) => c.width),
      );
      await xlsx.addRow(
        COLUMNS.map((c) => c.header),
        'header',
      );
      const labels = new Labels(db, actor.parkId);
      const dates = new Map<string, Date>();
      // ~1,000 distinct days in a million rows: one Date each.
      const day = (iso: string) => {
        let d = dates.get(iso);
        if (!d) {
          d = new Date(`${iso}T00:00:00Z`);
          dates.set(iso, d);
        }
        return d;
      };
      const yesNo = (b: boolean) => (b ? '是' : '否');
      const cells: XlsxCell[] = new Array(COLUMNS.length).fill(null);
      // The next page is fetched while this one is written: the database and the writer work side by side.
      // A prefetch left behind by a failure must not surface as an unhandled rejection (it is awaited otherwise).
      const prefetch = (after: { foundOn: string; id: string } | null) => {
        const p = fetchPage(db, where, after);
        p.catch(() => undefined);
        return p;
      };
      let next: Promise<ExportRow[]> | null = prefetch(null);
      while (next) {
        throwIfAborted(run.signal);
        const page: ExportRow[] = await next;
        const last = page[page.length - 1];
        next = page.length === BATCH && last ? prefetch({ foundOn: last.foundOn, id: last.id }) : null;
        await labels.load(page);
        // Row by row (a generator) into one reused cell array: the writer turns each row into XML before asking for
        // the next, so no page-sized array of cell arrays is built.
        await xlsx.addRows(
          (function* () {
            for (const h of page) {
              cells[0] = safeCell(h.serial);
              const enterprise = labels.enterprises.get(h.enterpriseId);
              const recheck = labels.rechecks.get(h.id);
              cells[1] = safeCell(enterprise?.name ?? '');
              cells[2] = day(h.foundOn);
              cells[3] = safeCell(h.description);
              cells[4] = safeCell(h.location);
              cells[5] = DOMAIN[h.domain] ?? safeCell(h.domain);
              cells[6] = CATEGORY[h.category] ?? safeCell(h.category);
              cells[7] = GRADE[h.grade];
              cells[8] = h.criterionId ? safeCell(labels.criteria.get(h.criterionId)) : null;
              cells[9] = safeCell(h.requirement);
              cells[10] = h.deadline ? day(h.deadline) : null;
              cells[11] = STATUS_NAMES[h.status];
              cells[12] = yesNo(isOverdue(h.status, h.deadline, today));
              cells[13] = yesNo(h.listed);
              cells[14] = yesNo(h.fixedOnSpot);
              cells[15] = safeCell(h.closedAt);
              cells[16] = yesNo(isRecheckOverdue(h.status, h.submittedOn, today, j.recheckDays));
              cells[17] = safeCell(h.responsiblePerson);
              cells[18] = h.campaignId ? safeCell(labels.campaigns.get(h.campaignId)) : null;
              cells[19] = safeCell(enterprise?.area ?? null);
              cells[20] = SOURCE[h.source] ?? safeCell(h.source);
              cells[21] = safeCell(recheck?.by ?? null);
              cells[22] = recheck ? day(recheck.on) : null;
              yield cells;
            }
          })(),
        );
        done += page.length;
        run.progress(done, done, `正在导出 ${done} 条`);
      }
    });
    await db.transaction((tx) =>
      appendAudit(tx, run.ctx, {
        action: 'export.hazards',
        entityType: 'hazard',
        after: { filters: run.params.filters, rows: done, jobId: run.job.id },
      }),
    );
    run.log(`[export] hazards: ${done} rows for ${actor.username} (job ${run.job.id})`);
    return {
      file: { path: file, name: `隐患台账_${today}.xlsx` },
      result: { rows: done },
      message: `已导出 ${done} 条隐患`,
    };
  };
}
