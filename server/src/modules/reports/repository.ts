// Storage of the period summary: drafts of the office's paragraphs (one per park and period) and generated documents.
import { sql } from 'drizzle-orm';
import type { ReportFigure, ReportPeriodKind, ReportSections } from '../../../../shared/src/reports';
import { type Db, rows } from '../../platform/db';

export interface DraftRow {
  id: string;
  period_kind: ReportPeriodKind;
  period_from: string;
  period_to: string;
  sections: ReportSections;
  version: number;
  updated_by_name: string | null;
  updated_at: string | Date;
}

const dateText = (col: string) => sql.raw(`to_char(${col}, 'YYYY-MM-DD')`);

export async function getDraft(db: Db, parkId: string, from: string, to: string, forUpdate = false) {
  const [r] = await rows<DraftRow>(
    db,
    sql`select id, period_kind, ${dateText('period_from')} as period_from, ${dateText('period_to')} as period_to,
               sections, version, updated_by_name, updated_at
          from report_drafts where park_id = ${parkId} and period_from = ${from} and period_to = ${to}
          ${forUpdate ? sql`for update` : sql``}`,
  );
  return r ? { ...r, version: Number(r.version) } : null;
}

/** Inserts the first draft of a period; null when another was inserted meanwhile (the caller answers 409). */
export async function insertDraft(
  tx: Db,
  parkId: string,
  d: { kind: ReportPeriodKind; from: string; to: string; sections: ReportSections },
  by: { userId: string; name: string },
  at: Date,
) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into report_drafts (park_id, period_kind, period_from, period_to, sections, version, updated_by,
                                   updated_by_name, updated_at)
        values (${parkId}, ${d.kind}, ${d.from}, ${d.to}, ${JSON.stringify(d.sections)}::jsonb, 1, ${by.userId},
                ${by.name}, ${at.toISOString()})
        on conflict (park_id, period_from, period_to) do nothing
        returning id`,
  );
  return r?.id ?? null;
}

export async function updateDraft(
  tx: Db,
  parkId: string,
  id: string,
  d: { kind: ReportPeriodKind; sections: ReportSections },
  by: { userId: string; name: string },
  at: Date,
) {
  await rows(
    tx,
    sql`update report_drafts set period_kind = ${d.kind}, sections = ${JSON.stringify(d.sections)}::jsonb,
               version = version + 1, updated_by = ${by.userId}, updated_by_name = ${by.name},
               updated_at = ${at.toISOString()}
         where park_id = ${parkId} and id = ${id}`,
  );
}

export interface ReportRow {
  id: string;
  period_kind: ReportPeriodKind;
  period_from: string;
  period_to: string;
  period_until: string;
  title: string;
  file_name: string;
  size: number;
  sm3: string;
  sha256: string;
  figures: ReportFigure[];
  generated_by_name: string | null;
  generated_at: string | Date;
}

const REPORT_COLUMNS = sql.raw(`id, period_kind, to_char(period_from, 'YYYY-MM-DD') as period_from,
  to_char(period_to, 'YYYY-MM-DD') as period_to, to_char(period_until, 'YYYY-MM-DD') as period_until, title,
  file_name, size, sm3, sha256, figures, generated_by_name, generated_at`);

export async function insertReport(
  tx: Db,
  parkId: string,
  r: {
    kind: ReportPeriodKind;
    from: string;
    to: string;
    until: string;
    title: string;
    fileName: string;
    content: Buffer;
    sm3: string;
    sha256: string;
    figures: ReportFigure[];
    jobId: string | null;
  },
  by: { userId: string; name: string },
  at: Date,
) {
  const [row] = await rows<{ id: string }>(
    tx,
    sql`insert into period_reports (park_id, period_kind, period_from, period_to, period_until, title, file_name,
                                    content, size, sm3, sha256, figures, job_id, generated_by, generated_by_name,
                                    generated_at)
        values (${parkId}, ${r.kind}, ${r.from}, ${r.to}, ${r.until}, ${r.title}, ${r.fileName},
                decode(${r.content.toString('base64')}, 'base64'), ${r.content.length}, ${r.sm3}, ${r.sha256},
                ${JSON.stringify(r.figures)}::jsonb, ${r.jobId}, ${by.userId}, ${by.name}, ${at.toISOString()})
        returning id`,
  );
  return row!.id;
}

export async function listReports(db: Db, parkId: string, period: { from?: string; to?: string }, limit = 100) {
  return rows<ReportRow>(
    db,
    sql`select ${REPORT_COLUMNS} from period_reports
         where park_id = ${parkId}
           ${period.from ? sql`and period_from = ${period.from}` : sql``}
           ${period.to ? sql`and period_to = ${period.to}` : sql``}
         order by generated_at desc, id limit ${limit}`,
  );
}

export async function getReport(db: Db, parkId: string, id: string) {
  const [r] = await rows<ReportRow>(
    db,
    sql`select ${REPORT_COLUMNS} from period_reports where park_id = ${parkId} and id = ${id}`,
  );
  return r ?? null;
}

/** The document's bytes (base64 through both drivers, which hand bytea back differently). */
export async function reportContent(db: Db, parkId: string, id: string): Promise<Buffer | null> {
  const [r] = await rows<{ b64: string }>(
    db,
    sql`select encode(content, 'base64') as b64 from period_reports where park_id = ${parkId} and id = ${id}`,
  );
  return r ? Buffer.from(r.b64.replace(/\s+/g, ''), 'base64') : null;
}

/** The generation of the same park and period still queued or running, if any. */
export async function parkName(db: Db, parkId: string) {
  const [r] = await rows<{ name: string }>(db, sql`select name from parks where id = ${parkId}`);
  return r?.name ?? '';
}
