// 特种作业证书 as an Excel workbook (the list's filters, within data scope). The 证书编号 is personal data (usually the
// holder's ID-card number): in full for the roles that call the holders (admin, supervisor — CLEAR_EXPORT_ROLES, as
// for phones), masked (3201**********1234) for every other role, an enterprise included; the notes sheet says which.
import type { z } from 'zod';
import { CERTIFICATE_TYPE_LABELS } from '../../../../shared/src/labels';
import type { AttachmentListQuery } from '../../../../shared/src/registry';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';
import { assertCan } from '../../platform/permissions';
import { exportIdNumber, exportsClearPhones } from '../../platform/personal-data';
import { DEFINITIONS, DUE_SOON_DAYS } from './definitions';
import * as repo from './repository';
import { window } from './service';

/** At most this many rows in one export (a park's certificates are in the thousands). */
export const EXPORT_MAX_ROWS = 20_000;

const DUE_NAMES: Record<string, string> = { overdue: '已过期', dueSoon: `${DUE_SOON_DAYS} 天内到期`, ok: '有效' };

export async function certificatesWorkbook(
  db: Db,
  actor: Actor,
  q: Omit<z.infer<typeof AttachmentListQuery>, 'page' | 'pageSize'>,
  scope: string,
): Promise<{ buffer: Buffer; rows: number; clear: boolean }> {
  assertCan(actor, 'enterprises.read');
  const clear = exportsClearPhones(actor.role);
  const w = window();
  const { rows } = await repo.list(
    db,
    DEFINITIONS.certificates,
    actor,
    { enterpriseId: q.enterpriseId, due: q.due, q: q.q, ...w },
    1,
    EXPORT_MAX_ROWS,
  );
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('特种作业证书');
  sheet.columns = [
    { header: '企业名称', width: 30 },
    { header: '持证人', width: 10 },
    { header: '证书类别', width: 18 },
    { header: '准操项目', width: 16 },
    { header: '证书编号', width: 22 },
    { header: '发证日期', width: 12 },
    { header: '有效期至', width: 12 },
    { header: '状态', width: 12 },
  ];
  for (const { row, enterpriseName } of rows) {
    const expiry = row.expiryDate as string;
    const due = expiry < w.today ? 'overdue' : expiry <= w.soonUntil ? 'dueSoon' : 'ok';
    sheet.addRow([
      neutralise(enterpriseName),
      neutralise(row.holderName as string),
      CERTIFICATE_TYPE_LABELS[row.certificateType as string]?.zh ?? (row.certificateType as string),
      neutralise((row.operationItem as string | null) ?? ''),
      neutralise(exportIdNumber(row.certificateNo as string, clear)),
      (row.issuedDate as string | null) ?? '',
      expiry,
      DUE_NAMES[due],
    ]);
  }
  styleHeaderRow(sheet);
  const notes = wb.addWorksheet('说明');
  notes.addRow(['范围', scope]);
  notes.addRow(['共计', `${rows.length} 本`]);
  notes.addRow(['个人信息', clear ? '未脱敏（完整证书编号，请妥善保管本文件）' : '已脱敏（证书编号部分隐藏）']);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length, clear };
}
