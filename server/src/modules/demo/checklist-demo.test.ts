import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA } from '../../../../shared/src/criteria';
import { DEMO_CAMPAIGN_CHECKLISTS, DEMO_CHECKLISTS, generateChecklistResults } from './checklist-demo';
import { generateDemoPark } from './generator';
import { generateHazardHistory } from './hazard-demo';

const today = '2026-11-23';
const park = generateDemoPark({ seed: 20231, ownSite: 41, leased: 246, today: new Date(`${today}T04:00:00Z`) });
const h = generateHazardHistory(park.enterprises, today, 20231);
const filled = generateChecklistResults(h, 20231);

describe('demo checklists', () => {
  it('links only criteria the library ships, and campaigns only templates that exist', () => {
    const codes = new Set(DEFAULT_CRITERIA.map((c) => c.code));
    for (const t of DEMO_CHECKLISTS) {
      for (const items of t.versions) {
        for (const it of items) if (it.criterionCode) expect(codes, it.criterionCode).toContain(it.criterionCode);
      }
    }
    const keys = new Set(DEMO_CHECKLISTS.map((t) => t.key));
    for (const list of Object.values(DEMO_CAMPAIGN_CHECKLISTS)) for (const k of list) expect(keys).toContain(k);
    expect(new Set(h.campaigns.map((c) => c.key))).toEqual(new Set(Object.keys(DEMO_CAMPAIGN_CHECKLISTS)));
  });

  it('fills results over existing inspections, a failed item being a hazard that inspection found', () => {
    expect(filled.length).toBeGreaterThan(20);
    const inspections = new Map(h.inspections.map((i) => [i.key, i]));
    let fails = 0;
    for (const f of filled) {
      expect(inspections.has(f.inspectionKey)).toBe(true);
      const items = DEMO_CHECKLISTS.find((t) => t.key === f.templateKey)!.versions[f.version - 1]!;
      expect(f.results).toHaveLength(items.length);
      for (const [i, r] of f.results.entries()) {
        if (r.result !== 'fail') {
          expect(r.hazardIndex).toBeNull();
          continue;
        }
        fails++;
        const hz = h.hazards[r.hazardIndex!]!;
        expect(hz.inspectionKey).toBe(f.inspectionKey);
        // A failed item linked to a criterion is a major hazard, and only then.
        expect(hz.grade === 'major').toBe(Boolean(items[i]!.criterionCode));
      }
      const linked = f.results.flatMap((r) => (r.hazardIndex === null ? [] : [r.hazardIndex]));
      expect(new Set(linked).size).toBe(linked.length);
    }
    expect(fails).toBeGreaterThan(10);
    expect(generateChecklistResults(h, 20231)).toEqual(filled);
  });
});
