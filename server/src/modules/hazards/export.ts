// 隐患台账 export: the filtered, scoped ledger streamed in keyset batches into a streaming .xlsx, as a background job.
import fs from 'node:fs';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { STATUS_NAMES } from '../../../../shared/src/hazards';
import { shanghaiToday } from '../../../../shared/src/validators';
import { enterprises, hazards, majorHazardCriteria } from '../../db/schema';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { safeCell, XlsxStreamWriter } from '../../platform/excel';
import { type JobHandler, type JobRunner, throwIfAborted } from '../../platform/jobs';
import { assertCan } from '../../platform/permissions';
import { type LedgerFilters, ledgerWhere } from './repository';

export const LEDGER_EXPORT_JOB = 'hazards.export';
const BATCH = 1000;

const GRADE = { general: '一般', major: '重大' } as const;
const DOMAIN: Record<string, string> = { production: '安全生产', fire: '消防安全', food: '食品安全' };
const CATEGORY: Record<string, string> = {
  unsafeAct: '人的不安全行为',
  unsafeCondition: '物的不安全状态',
  managementDefect: '管理缺陷',
  environment: '环境不良',
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
  { header: '是否逾期', width: 8 },
  { header: '挂牌督办', width: 8 },
  { header: '即查即改', width: 8 },
  { header: '销号时间', width: 18 },
];

function fetchPage(db: Db, where: SQL, after: { foundOn: string; id: string } | null) {
  return db
    .select({ h: hazards, enterpriseName: enterprises.name, criterionCode: majorHazardCriteria.code })
    .from(hazards)
    .innerJoin(enterprises, and(eq(enterprises.parkId, hazards.parkId), eq(enterprises.id, hazards.enterpriseId)))
    .leftJoin(majorHazardCriteria, eq(majorHazardCriteria.id, hazards.criterionId))
    .where(
      after
        ? and(
            where,
            or(lt(hazards.foundOn, after.foundOn), and(eq(hazards.foundOn, after.foundOn), lt(hazards.id, after.id))),
          )
        : where,
    )
    .orderBy(desc(hazards.foundOn), desc(hazards.id))
    .limit(BATCH);
}

export function startLedgerExport(runner: JobRunner, ctx: RequestContext, filters: LedgerFilters) {
  assertCan(ctx.actor!, 'hazards.read');
  return runner.enqueue(ctx, { kind: LEDGER_EXPORT_JOB, params: { filters }, message: '排队中' });
}

export function ledgerExportHandler(db: Db): JobHandler<{ filters: LedgerFilters }> {
  return async (run) => {
    const actor = run.ctx.actor!;
    assertCan(actor, 'hazards.read');
    const today = shanghaiToday(now());
    const where = ledgerWhere(actor, run.params.filters, today);
    const file = run.filePath('.xlsx');
    const part = `${file}.part`;
    const xlsx = new XlsxStreamWriter(part);
    let done = 0;
    try {
      await xlsx.addSheet(
        '隐患台账',
        COLUMNS.map((c) => c.width),
      );
      await xlsx.addRow(
        COLUMNS.map((c) => c.header),
        'header',
      );
      let after: { foundOn: string; id: string } | null = null;
      for (;;) {
        throwIfAborted(run.signal);
        const page = await fetchPage(db, where, after);
        for (const { h, enterpriseName, criterionCode } of page) {
          const overdue = h.status !== 'closed' && h.deadline !== null && h.deadline < today;
          const listed = Boolean(h.listing && !h.listing.delistedOn);
          await xlsx.addRow(
            [
              h.serial,
              enterpriseName,
              new Date(`${h.foundOn}T00:00:00Z`),
              h.description,
              h.location,
              DOMAIN[h.domain] ?? h.domain,
              CATEGORY[h.category] ?? h.category,
              GRADE[h.grade],
              criterionCode,
              h.requirement,
              h.deadline ? new Date(`${h.deadline}T00:00:00Z`) : null,
              STATUS_NAMES[h.status],
              overdue ? '是' : '否',
              listed ? '是' : '否',
              h.fixedOnSpot ? '是' : '否',
              h.closedAt
                ? new Date(h.closedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
                : null,
            ].map((v) => safeCell(v)),
          );
        }
        done += page.length;
        run.progress(done, done, `正在导出 ${done} 条`);
        const last = page[page.length - 1];
        if (page.length < BATCH || !last) break;
        after = { foundOn: last.h.foundOn, id: last.h.id };
      }
      await xlsx.finish();
      fs.renameSync(part, file);
    } catch (err) {
      xlsx.abort();
      fs.rmSync(part, { force: true });
      throw err;
    }
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
