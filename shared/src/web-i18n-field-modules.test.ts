// The drills, work-resumption, guidance and activities pages read in English too: their .tsx files hold no Chinese
// outside comments (every text is in the module's text.ts), each text.ts has the same keys in zh and en, and the
// shared code labels these pages use agree in Chinese with the *_NAMES maps the server and exports use.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import * as activities from './activities';
import * as drills from './drills';
import * as guidance from './guidance';
import * as labels from './labels';
import * as resumption from './resumption';

// The text modules' hook needs the React context; the dictionaries do not.
vi.mock('../../web/src/app/i18n', () => ({ useI18n: () => ({ lang: 'zh' }) }));

const MODULES = ['drills', 'resumption', 'guidance', 'activities'];
const root = path.resolve(__dirname, '../../web/src/modules');
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/** The source without comments (line, block and JSX ones); strings are kept, so `'//'` inside one is left alone. */
function withoutComments(src: string): string {
  let out = '';
  let i = 0;
  let quote: string | null = null;
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += next ?? '';
        i += 2;
        continue;
      }
      if (c === quote) quote = null;
      i++;
    } else if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else {
      if (c === "'" || c === '"' || c === '`') quote = c;
      out += c;
      i++;
    }
  }
  return out;
}

function shape(v: unknown): unknown {
  if (typeof v === 'function') return 'function';
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, shape((v as Record<string, unknown>)[k])]),
    );
  }
  return typeof v;
}

/** The strings and functions of a dictionary, its sections' included. */
function leaves(v: unknown): unknown[] {
  return v && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [v];
}

describe('field modules read in English', () => {
  for (const mod of MODULES) {
    test(`${mod}: no Chinese in its .tsx files outside comments`, () => {
      const files = fs.readdirSync(path.join(root, mod)).filter((f) => f.endsWith('.tsx'));
      expect(files.length).toBeGreaterThan(0);
      const found: string[] = [];
      for (const f of files) {
        const lines = withoutComments(fs.readFileSync(path.join(root, mod, f), 'utf8')).split('\n');
        for (const line of lines) if (CJK.test(line)) found.push(`${mod}/${f}: ${line.trim()}`);
      }
      expect(found).toEqual([]);
    });

    test(`${mod}: text.ts has the same keys in zh and en`, async () => {
      const text = (await import(`../../web/src/modules/${mod}/text.ts`)) as { zh: object; en: object };
      expect(leaves(text.zh).length).toBeGreaterThan(10);
      expect(shape(text.en)).toEqual(shape(text.zh));
      for (const v of leaves(text.en)) if (typeof v === 'string') expect(v).not.toMatch(CJK);
    });
  }

  test('the code labels agree with the shared *_NAMES maps and have English', () => {
    const pairs: [Record<string, string>, labels.Dict][] = [
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
