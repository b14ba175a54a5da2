// One sheet of figures plus the export's notes (口径, period, scope), as the download's bytes: the dashboard's and
// coverage's tables are small (a park's few hundred rows; coverage for a city is capped by COVERAGE_EXPORT_MAX).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addExportNotes, writeXlsxFile, type XlsxCell } from '../../platform/excel';

export async function tableWorkbook(
  sheet: string,
  columns: { header: string; width: number }[],
  rows: XlsxCell[][],
  notes: [string, string][],
): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-figures-'));
  const file = path.join(dir, 'figures.xlsx');
  try {
    await writeXlsxFile(file, async (xlsx) => {
      await xlsx.addSheet(
        sheet,
        columns.map((c) => c.width),
      );
      await xlsx.addRow(
        columns.map((c) => c.header),
        'header',
      );
      await xlsx.addRows(rows);
      await addExportNotes(xlsx, notes);
    });
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
