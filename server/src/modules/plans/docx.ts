// The plan document (年度 / 季度安全生产工作计划, issue 15) as Word, in the period summary's official layout
// (reports/docx.ts reportStyle: GB/T 9704 page, 小标宋 title, 仿宋 body on a 28-point line, page numbers 「— 1 —」).
// Written from the plan items only: one chapter per kind (一、安全生产检查 …), one heading per item (（一）title), its
// content (1. 2. … when it has several lines), its owner unit and due date, and the records already linked to it;
// then the park and the date, and on a page of its own the appendix 计划事项一览表. Nothing is added that the items do not say.
import type { Paragraph, Table } from 'docx';
import {
  PLAN_DOCUMENT_CHAPTERS,
  PLAN_KINDS,
  PLAN_LINK_KIND_NAMES,
  type PlanItemView,
} from '../../../../shared/src/plans';
import { chineseDate, cnNumber, reportStyle, stampOf } from '../reports/docx';

export const periodName = (year: number, quarter?: number) =>
  quarter ? `${year}年第${'一二三四'[quarter - 1]}季度` : `${year}年度`;

export const planTitle = (park: string, year: number, quarter?: number) =>
  `${year}年${park}安全生产${quarter ? `第${'一二三四'[quarter - 1]}季度` : '年度'}工作计划`;

export interface PlanDocument {
  park: string;
  year: number;
  quarter?: number;
  items: PlanItemView[];
  generatedAt: Date;
}

export function planDocx(d: PlanDocument): Promise<Buffer> {
  const s = reportStyle;
  const title = planTitle(d.park, d.year, d.quarter);
  const period = periodName(d.year, d.quarter);
  const children: (Paragraph | Table)[] = [
    s.title(title),
    s.blank(),
    s.body(`根据${d.park}安全生产工作安排，现将${period}安全生产工作计划（共${d.items.length}项）如下：`),
  ];
  let chapter = 0;
  for (const kind of PLAN_KINDS) {
    const items = d.items.filter((i) => i.kind === kind).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    if (items.length === 0) continue;
    children.push(s.heading1(`${cnNumber(chapter++)}、${PLAN_DOCUMENT_CHAPTERS[kind]}`));
    items.forEach((item, i) => {
      children.push(s.heading2(`（${cnNumber(i)}）${item.title}`));
      const lines = (item.content ?? '')
        .split(/\r?\n+/)
        .map((l) => l.trim())
        .filter(Boolean);
      if (lines.length === 1) children.push(s.body(lines[0]!));
      else children.push(...lines.map((l, k) => s.body(`${k + 1}. ${l.replace(/^\d+[.、．]\s*/, '')}`)));
      const scope = item.quarter ? '' : '（年度事项）';
      children.push(s.body(`责任单位：${item.ownerUnit}；完成时限：${chineseDate(item.dueOn)}前${scope}。`));
      const linked = item.links.filter((l) => l.title);
      if (linked.length) {
        children.push(
          s.body(
            `已关联：${linked.map((l) => `${PLAN_LINK_KIND_NAMES[l.recordKind]}“${l.title}”${l.date ? `（${l.date}）` : ''}`).join('；')}。`,
          ),
        );
      }
    });
  }

  // Appendix: the items at a glance, as the committee hands them to the units.
  const ordered = PLAN_KINDS.flatMap((k) =>
    d.items.filter((i) => i.kind === k).sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
  );
  // The issuer and the date close the body; the appendix starts its own page.
  children.push(s.blank(), s.blank(), s.right(d.park), s.right(chineseDate(stampOf(d.generatedAt).slice(0, 10))));
  children.push(s.appendix(), s.title('计划事项一览表'), s.blank());
  children.push(
    s.table(
      [
        { title: '序号', width: 9, center: true },
        { title: '类别', width: 17, center: true },
        { title: '计划事项', width: 35 },
        { title: '责任单位', width: 22 },
        { title: '完成时限', width: 17, center: true },
      ],
      ordered.map((i, n) => [String(n + 1), PLAN_DOCUMENT_CHAPTERS[i.kind], i.title, i.ownerUnit, i.dueOn]),
    ),
  );
  return s.pack({ creator: d.park, title, description: period, children });
}
