// The console promises "zh_CN default, en available": the pages of the modules below take every string a person
// reads from their module's text.ts (zh and en), so a Chinese literal in one of their .tsx
// files (outside comments) would show Chinese to an English reader. The web has no unit tests of its own; this one
// reads the files. It also keeps the two dictionaries' keys the same, and the new shared label dictionaries' Chinese
// identical to the Chinese names the server and the documents use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as activities from '../../../shared/src/activities';
import { COVERAGE_STATUS_NAMES, PERIOD_KIND_NAMES } from '../../../shared/src/dashboard';
import * as drills from '../../../shared/src/drills';
import { FIRE_PROBLEM_NAMES } from '../../../shared/src/fire-service';
import * as guidance from '../../../shared/src/guidance';
import * as labels from '../../../shared/src/labels';
import {
  COVERAGE_STATUS_LABELS,
  type Dict,
  FIRE_PROBLEM_LABELS,
  PERIOD_KIND_LABELS,
  REPORT_PERIOD_KIND_LABELS,
  REPORT_SECTION_LABELS,
  WORK_PLAN_KIND_LABELS,
  WORK_PLAN_LINK_KIND_LABELS,
  WORK_PLAN_LINK_STATE_LABELS,
  WORK_PLAN_STATE_LABELS,
} from '../../../shared/src/labels';
import { LINK_STATE_NAMES, PLAN_KIND_NAMES, PLAN_LINK_KIND_NAMES, PLAN_STATE_NAMES } from '../../../shared/src/plans';
import { REPORT_PERIOD_KIND_NAMES, REPORT_SECTION_NAMES } from '../../../shared/src/reports';
import * as resumption from '../../../shared/src/resumption';

const MODULES = [
  'dashboard',
  'plans',
  'reports',
  'fire-service',
  'drills',
  'resumption',
  'guidance',
  'activities',
  'responsibility',
  'credit',
  'commitments',
  'accidents',
  'hazards',
  'enterprises',
  'survey',
  'notifications',
  'training',
  'providers',
];
const root = path.resolve(import.meta.dirname, '../../../web/src/modules');
/** Han characters, CJK punctuation (、。「」（）：；) and full-width forms. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Every string a .tsx file holds outside comments: literals, template parts and JSX text, with their lines. */
function literals(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node) ||
      ts.isRegularExpressionLiteral(node)
    ) {
      out.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText() });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const tsxFiles = MODULES.flatMap((m) =>
  fs
    .readdirSync(path.join(root, m))
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => path.join(root, m, f)),
);

/** The dictionary's shape: each key's path and kind (string, function, object), recursively. */
function shape(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [`${prefix}:${Array.isArray(value) ? `array(${(value as unknown[]).length})` : typeof value}`];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
}

describe('the pages of these modules read in both languages', () => {
  it('finds the pages', () => {
    expect(tsxFiles.length).toBeGreaterThanOrEqual(20);
  });

  it.each(tsxFiles.map((f) => [path.relative(root, f), f]))('%s has no Chinese outside comments', (_name, file) => {
    const found = literals(file)
      .filter((l) => CJK.test(l.text))
      .map((l) => `${l.line}: ${l.text.trim().slice(0, 60)}`);
    expect(found, 'move these strings into the module’s text.ts (zh and en)').toEqual([]);
  });

  it('the check itself finds Chinese in a string, a template and JSX text but not in comments', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'web-i18n-')), 'x.tsx');
    try {
      fs.writeFileSync(
        file,
        [
          '// 注释',
          '/* 注释 */',
          "const a = '保存';",
          `const b = \`\${a}：\`;`,
          'export const C = () => <div>{/* 注释 */}导出</div>;',
          '',
        ].join('\n'),
      );
      expect(
        literals(file)
          .filter((l) => CJK.test(l.text))
          .map((l) => l.line),
      ).toEqual([3, 4, 5]);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it.each(MODULES)('%s/text.ts: zh and en have the same keys', async (m) => {
    // A computed path: the root tsconfig does not compile the web's .tsx (the web's own tsconfig does).
    const url = pathToFileURL(path.join(root, m, 'text.ts')).href;
    const { TEXTS } = (await import(url)) as { TEXTS: { zh: object; en: object } };
    expect(shape(TEXTS.en)).toEqual(shape(TEXTS.zh));
  });

  it('the shared label dictionaries keep the Chinese names of the records', () => {
    const zhOf = (d: Dict) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.zh]));
    expect(zhOf(FIRE_PROBLEM_LABELS)).toEqual(FIRE_PROBLEM_NAMES);
    expect(zhOf(COVERAGE_STATUS_LABELS)).toEqual(COVERAGE_STATUS_NAMES);
    expect(zhOf(PERIOD_KIND_LABELS)).toEqual(PERIOD_KIND_NAMES);
    expect(zhOf(WORK_PLAN_KIND_LABELS)).toEqual(PLAN_KIND_NAMES);
    expect(zhOf(WORK_PLAN_LINK_KIND_LABELS)).toEqual(PLAN_LINK_KIND_NAMES);
    expect(zhOf(WORK_PLAN_STATE_LABELS)).toEqual(PLAN_STATE_NAMES);
    expect(zhOf(WORK_PLAN_LINK_STATE_LABELS)).toEqual(LINK_STATE_NAMES);
    expect(zhOf(REPORT_PERIOD_KIND_LABELS)).toEqual(REPORT_PERIOD_KIND_NAMES);
    expect(zhOf(REPORT_SECTION_LABELS)).toEqual(REPORT_SECTION_NAMES);
    for (const d of [FIRE_PROBLEM_LABELS, COVERAGE_STATUS_LABELS, WORK_PLAN_KIND_LABELS, REPORT_SECTION_LABELS]) {
      for (const v of Object.values(d)) expect(v.en).not.toMatch(CJK);
    }
  });

  it('the drills, resumption, guidance and activities labels keep the Chinese names and have English', () => {
    const pairs: [Record<string, string>, Dict][] = [
      [drills.DRILL_LEVEL_NAMES, labels.DRILL_LEVEL_LABELS],
      [drills.DRILL_SCENARIO_NAMES, labels.DRILL_SCENARIO_LABELS],
      [drills.DRILL_FORM_NAMES, labels.DRILL_FORM_LABELS],
      [drills.DRILL_PLAN_STATE_NAMES, labels.DRILL_PLAN_STATE_LABELS],
      [resumption.RESUMPTION_STATE_NAMES, labels.RESUMPTION_STATE_LABELS],
      [resumption.RESUMPTION_ACTION_NAMES, labels.RESUMPTION_ACTION_LABELS],
      [resumption.EVIDENCE_KIND_NAMES, labels.EVIDENCE_KIND_LABELS],
      [guidance.GUIDANCE_KIND_NAMES, labels.GUIDANCE_KIND_LABELS],
      [guidance.COUNTERPART_ROLE_NAMES, labels.COUNTERPART_ROLE_LABELS],
      [guidance.FOLLOW_UP_STATE_NAMES, labels.FOLLOW_UP_STATE_LABELS],
      [activities.PUBLICITY_KIND_NAMES, labels.PUBLICITY_KIND_LABELS],
      [activities.MEETING_KIND_NAMES, labels.MEETING_KIND_LABELS],
      [activities.TASK_STATE_NAMES, labels.TASK_STATE_LABELS],
      [activities.FUND_PURPOSE_NAMES, labels.FUND_PURPOSE_LABELS],
    ];
    for (const [names, dict] of pairs) {
      expect(Object.fromEntries(Object.entries(dict).map(([k, v]) => [k, v.zh]))).toEqual(names);
      for (const v of Object.values(dict)) expect(v.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
