// The import template: the columns with Chinese headers (required ones in red, each with a note), drop-down lists
// for the coded columns, two example rows, and a second sheet with the instructions and the valid values.
import {
  ENTERPRISE_STATUS_LABELS,
  SCALE_LABELS,
  SITE_TYPE_LABELS,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';
import { usccCheckChar } from '../../../../shared/src/uscc';
import { HEADER_FILL, HEADER_FONT, loadExcel, REQUIRED_FONT, THIN_BORDER } from '../../platform/excel';
import { IMPORT_COLUMNS } from './columns';
import { EXAMPLE_PREFIX } from './parse';

export const TEMPLATE_SHEET = '企业档案';
export const INSTRUCTIONS_SHEET = '填写说明';
const TEMPLATE_ROWS = 5000; // rows prepared with formats and drop-downs

const code = (first17: string) => first17 + usccCheckChar(first17)!;

export function templateExamples(area: string): Record<string, string | number>[] {
  const landlord = code('91320505MA1N2K3L4');
  return [
    {
      name: `${EXAMPLE_PREFIX}华东精密机械制造有限公司`,
      creditCode: landlord,
      siteType: SITE_TYPE_LABELS.ownSite!.zh,
      area,
      address: `${area}工业大道 88 号`,
      legalRepresentative: '王建国',
      principalName: '王建国',
      principalPhone: '13951234567',
      actualControllerName: '王建国',
      actualControllerPhone: '13951234567',
      safetyManagerName: '李安全',
      safetyManagerPhone: '13861234567',
      employees: 180,
      industryCode: 'C3311',
      scale: SCALE_LABELS.aboveScale!.zh,
      status: ENTERPRISE_STATUS_LABELS.operating!.zh,
      productionStartDate: '2016-05-01',
      supervisionTags: [SUPERVISION_TAG_LABELS.combustibleDust!.zh, SUPERVISION_TAG_LABELS.confinedSpace!.zh].join(
        '、',
      ),
    },
    {
      name: `${EXAMPLE_PREFIX}恒信仓储物流有限公司`,
      creditCode: code('91320505MA1P5R6T7'),
      siteType: SITE_TYPE_LABELS.leased!.zh,
      landlordCreditCode: landlord,
      area,
      address: `${area}工业大道 88 号 3 号厂房`,
      legalRepresentative: '陈立',
      principalName: '陈立',
      principalPhone: '0512-66881234',
      safetyManagerName: '周明',
      safetyManagerPhone: '13771234567',
      employees: 35,
      industryCode: 'G5951',
      scale: SCALE_LABELS.sme!.zh,
      status: ENTERPRISE_STATUS_LABELS.operating!.zh,
      productionStartDate: '2021-03-15',
      supervisionTags: SUPERVISION_TAG_LABELS.fireSafetyKeyUnit!.zh,
    },
  ];
}

const INSTRUCTIONS = [
  '第一行是列名，请勿修改列名文字；列的顺序可以调整，不认识的列会被忽略。',
  '红色列名为必填列：企业名称、统一社会信用代码、选址类型。',
  '每行一家企业；单个文件最多 20,000 行、不超过 10 MB，须为 .xlsx 格式（不支持 .xls、.csv）。',
  `以“${EXAMPLE_PREFIX}”开头的两行是示例，导入前请删除。`,
  '已登记的企业按统一社会信用代码匹配，可选择“更新”或“跳过”；同一文件重复导入不会产生重复企业。',
  '导入方式：“有错误则全部不导入”（默认），或“只导入正确的行”。也可以先“仅校验”而不保存。',
  '有错误时，系统列出每个错误的行号、列名和原因，并提供错误报告下载：原文件各行，错误单元格标红，末列为错误说明。',
  '租赁企业的出租方填写出租方的统一社会信用代码；出租方须为独立选址企业，已在园区登记，或在本文件中排在前面。',
  '重点监管标签可填多个，用“、”分隔。日期写作 2019-05-01。电话：手机 11 位，或区号-座机号。',
  '可选列留空：新建时为空；更新已有企业时清空该项（规模、经营状态留空则保持原值）。不需要更新的列可以整列删除。',
];

export async function buildTemplate(areas: string[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe';
  const ws = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const info = wb.addWorksheet(INSTRUCTIONS_SHEET);

  ws.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.text ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.height = 22;
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = c.required ? REQUIRED_FONT : HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    if (c.note) cell.note = `${c.required ? '必填。' : ''}${c.note}`;
  });
  const example = templateExamples(areas[0] ?? '东区');
  for (const e of example) ws.addRow(e);

  // Valid values on the instructions sheet, columns E–I; drop-downs on the template refer to them.
  const lists: [string, string[]][] = [
    ['选址类型', Object.values(SITE_TYPE_LABELS).map((l) => l.zh)],
    ['规模', Object.values(SCALE_LABELS).map((l) => l.zh)],
    ['经营状态', Object.values(ENTERPRISE_STATUS_LABELS).map((l) => l.zh)],
    ['重点监管标签', Object.values(SUPERVISION_TAG_LABELS).map((l) => l.zh)],
    ['所在片区', areas],
  ];
  info.getColumn(1).width = 18;
  info.getColumn(2).width = 6;
  info.getColumn(3).width = 90;
  info.getColumn(4).width = 3;
  info.getCell('A1').value = '企业档案导入说明';
  info.getCell('A1').font = { bold: true, size: 14 };
  INSTRUCTIONS.forEach((text, i) => {
    info.getCell(3 + i, 1).value = i + 1;
    info.mergeCells(3 + i, 2, 3 + i, 3);
    info.getCell(3 + i, 2).value = text;
    info.getCell(3 + i, 2).alignment = { wrapText: true, vertical: 'top' };
  });
  const tableTop = 4 + INSTRUCTIONS.length;
  ['列名', '必填', '填写要求'].forEach((h, i) => {
    const cell = info.getCell(tableTop, i + 1);
    cell.value = h;
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
  });
  IMPORT_COLUMNS.forEach((c, i) => {
    const r = tableTop + 1 + i;
    info.getCell(r, 1).value = c.header;
    info.getCell(r, 2).value = c.required ? '是' : '';
    info.getCell(r, 3).value = c.note;
    if (c.required) info.getCell(r, 1).font = REQUIRED_FONT;
  });

  lists.forEach(([title, values], i) => {
    const col = 5 + i;
    info.getColumn(col).width = title === '重点监管标签' ? 18 : 12;
    const head = info.getCell(2, col);
    head.value = title;
    head.font = HEADER_FONT;
    head.fill = HEADER_FILL;
    values.forEach((v, j) => {
      info.getCell(3 + j, col).value = v;
    });
  });
  info.getCell(1, 5).value = '有效值';
  info.getCell(1, 5).font = { bold: true };

  // Drop-downs for the coded columns (rows 2…TEMPLATE_ROWS+1).
  const dropDown = (key: string, listIndex: number) => {
    const colIndex = IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1;
    const [, values] = lists[listIndex]!;
    if (colIndex < 1 || values.length === 0) return;
    const letter = ws.getColumn(colIndex).letter;
    const listCol = info.getColumn(5 + listIndex).letter;
    // biome-ignore lint/suspicious/noExplicitAny: ExcelJS types lack worksheet.dataValidations
    (ws as any).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${INSTRUCTIONS_SHEET}'!$${listCol}$3:$${listCol}$${2 + values.length}`],
      showErrorMessage: key !== 'area',
      errorTitle: '无效的值',
      error: `请从下拉列表中选择（见“${INSTRUCTIONS_SHEET}”工作表）`,
    });
  };
  dropDown('siteType', 0);
  dropDown('scale', 1);
  dropDown('status', 2);
  dropDown('area', 4);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
