// The survey's answers as an Excel workbook: 答卷 (one row per enterprise, one column per question), 题目 (what each
// column asks) and 完成情况 (the completion figures). Text cells are neutralised against formula injection
// (platform/excel.ts: text starting with = + - @ gets a leading ').

import type ExcelJS from 'exceljs';
import {
  ENTERPRISE_STATUS_LABELS,
  label,
  SITE_TYPE_LABELS,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';
import {
  answerText,
  QUESTION_TYPE_LABELS,
  RESPONSE_STATUS_LABELS,
  type SectionView,
  type SurveyProgress,
  visibleQuestions,
  YES_NO_LABELS,
} from '../../../../shared/src/survey';
import { shanghaiMinute } from '../../../../shared/src/validators';
import { HEADER_FILL, HEADER_FONT, loadExcel, neutralise } from '../../platform/excel';
import type { ExportRow, SurveyRecord } from './repository';

function styleHeader(sheet: ExcelJS.Worksheet) {
  const header = sheet.getRow(1);
  header.font = HEADER_FONT;
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 36;
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
}

export async function buildWorkbook(
  survey: SurveyRecord,
  sections: SectionView[],
  rows: ExportRow[],
  figures: SurveyProgress,
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  wb.title = survey.title;
  const questions = sections.flatMap((s) => s.questions);

  const answers = wb.addWorksheet('答卷');
  answers.columns = [
    { header: '序号', width: 6 },
    { header: '企业名称', width: 32 },
    { header: '统一社会信用代码', width: 22 },
    { header: '所在片区', width: 12 },
    { header: '选址类型', width: 10 },
    { header: '经营状态', width: 10 },
    { header: '重点监管标签', width: 20 },
    { header: '填报状态', width: 10 },
    { header: '提交时间（北京时间）', width: 18 },
    ...questions.map((q) => ({
      header: neutralise(`${q.label}. ${q.title}${q.unit ? `（${q.unit}）` : ''}`),
      width: q.questionType === 'text' || q.questionType === 'multiple' ? 30 : 16,
    })),
  ];
  rows.forEach((r, i) => {
    const shown = visibleQuestions(questions, r.answers);
    answers.addRow([
      i + 1,
      neutralise(r.name),
      neutralise(r.creditCode),
      neutralise(r.area ?? ''),
      label(SITE_TYPE_LABELS, r.siteType),
      label(ENTERPRISE_STATUS_LABELS, r.enterpriseStatus),
      r.supervisionTags.map((t) => label(SUPERVISION_TAG_LABELS, t)).join('、'),
      label(RESPONSE_STATUS_LABELS, r.status),
      shanghaiMinute(r.submittedAt),
      ...questions.map((q) => {
        const v = shown.has(q.id) ? r.answers[q.id] : undefined;
        if (typeof v === 'number') return v;
        return neutralise(answerText(q, v));
      }),
    ]);
  });
  styleHeader(answers);
  answers.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: answers.columnCount } };

  const sheet = wb.addWorksheet('题目');
  sheet.columns = [
    { header: '题号', width: 6 },
    { header: '分组', width: 24 },
    { header: '题目', width: 40 },
    { header: '题型', width: 10 },
    { header: '必答', width: 6 },
    { header: '选项 / 范围', width: 40 },
    { header: '显示条件', width: 30 },
    { header: '填写说明', width: 30 },
  ];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const s of sections) {
    for (const q of s.questions) {
      const range =
        q.questionType === 'number'
          ? [q.minValue !== null ? `≥ ${q.minValue}` : '', q.maxValue !== null ? `≤ ${q.maxValue}` : '', q.unit ?? '']
              .filter(Boolean)
              .join(' ')
          : q.options.join('、');
      const target = q.condition ? byId.get(q.condition.questionId) : undefined;
      const condition =
        q.condition && target
          ? `第 ${target.label} 题答 ${q.condition.anyOf
              .map((v) => (target.questionType === 'yesNo' ? (YES_NO_LABELS[v]?.zh ?? v) : v))
              .join(' 或 ')} 时填写`
          : '';
      sheet.addRow([
        q.label,
        neutralise(s.title),
        neutralise(q.title),
        label(QUESTION_TYPE_LABELS, q.questionType),
        q.required ? '是' : '否',
        neutralise(range),
        neutralise(condition),
        neutralise(q.helpText ?? ''),
      ]);
    }
  }
  styleHeader(sheet);

  const summary = wb.addWorksheet('完成情况');
  summary.columns = [
    { header: '统计口径', width: 12 },
    { header: '名称', width: 24 },
    { header: '应填企业（不含注销）', width: 20 },
    { header: '已提交', width: 10 },
    { header: '完成率', width: 10 },
  ];
  const line = (kind: string, name: string, total: number, submitted: number) => {
    const row = summary.addRow([kind, neutralise(name), total, submitted, total === 0 ? 0 : submitted / total]);
    row.getCell(5).numFmt = '0.0%';
  };
  line('全园区', survey.title, figures.total, figures.submitted);
  for (const a of figures.byArea) line('片区', a.key, a.total, a.submitted);
  for (const t of figures.byTag) line('重点监管', label(SUPERVISION_TAG_LABELS, t.key), t.total, t.submitted);
  styleHeader(summary);
  summary.views = [{ state: 'frozen', ySplit: 1 }];

  return Buffer.from(await wb.xlsx.writeBuffer());
}
