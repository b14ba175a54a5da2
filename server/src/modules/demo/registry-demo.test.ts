import { describe, expect, it } from 'vitest';
import { DUE_SOON_DAYS } from '../registry/definitions';
import { generateDemoPark } from './generator';
import { generateDemoAttachments } from './registry-demo';

const today = '2026-11-23';
const park = generateDemoPark({ seed: 20231, ownSite: 41, leased: 246, today: new Date(`${today}T04:00:00Z`) });
const a = generateDemoAttachments(park.enterprises, today, 20231);
const soon = new Date(`${today}T00:00:00Z`);
soon.setUTCDate(soon.getUTCDate() + DUE_SOON_DAYS);
const soonUntil = soon.toISOString().slice(0, 10);

describe('demo registry attachments', () => {
  it('gives equipment users equipment, some overdue and some due within 30 days', () => {
    const keys = new Set(
      park.enterprises.filter((e) => e.supervisionTags.includes('specialEquipmentUser')).map((e) => e.key),
    );
    expect(a.equipment.length).toBeGreaterThan(100);
    expect(a.equipment.every((x) => keys.has(x.enterpriseKey))).toBe(true);
    expect(a.equipment.some((x) => x.nextInspectionDate < today)).toBe(true);
    expect(a.equipment.some((x) => x.nextInspectionDate >= today && x.nextInspectionDate <= soonUntil)).toBe(true);
  });

  it('puts major hazard sources only at chemical, ammonia and chlorine sites, with levels 1–4', () => {
    const byKey = new Map(park.enterprises.map((e) => [e.key, e]));
    expect(a.hazardSources.length).toBeGreaterThan(5);
    for (const h of a.hazardSources) {
      const tags = byKey.get(h.enterpriseKey)!.supervisionTags;
      expect(tags.some((t) => ['hazardousChemicals', 'ammoniaRefrigeration', 'chlorine'].includes(t))).toBe(true);
      expect(h.level).toBeGreaterThanOrEqual(1);
      expect(h.level).toBeLessThanOrEqual(4);
    }
  });

  it('is deterministic and gives certificates unique numbers', () => {
    expect(generateDemoAttachments(park.enterprises, today, 20231)).toEqual(a);
    const nos = a.certificates.map((c) => `${c.certificateType}/${c.certificateNo}`);
    expect(new Set(nos).size).toBe(nos.length);
  });
});
