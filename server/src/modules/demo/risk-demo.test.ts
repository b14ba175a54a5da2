import { describe, expect, it } from 'vitest';
import { assess, highestLevel } from '../../../../shared/src/risk';
import { generateDemoPark } from './generator';
import { DEMO_MAJOR_ENTERPRISES, generateDemoPlan, generateDemoRiskPoints, PLAN_HEIGHT, PLAN_WIDTH } from './risk-demo';

const park = generateDemoPark({ seed: 20231, ownSite: 41, leased: 246, today: new Date('2026-11-23T02:00:00Z') });
const points = generateDemoRiskPoints(park.enterprises, '2026-11-23', 20231);

describe('demo risk data', () => {
  it('gives every enterprise in business credible points, more for the high-risk tags', () => {
    const byEnterprise = new Map<string, typeof points>();
    for (const p of points) byEnterprise.set(p.enterpriseKey, [...(byEnterprise.get(p.enterpriseKey) ?? []), p]);
    for (const e of park.enterprises) {
      if (e.status === 'cancelled') expect(byEnterprise.has(e.key)).toBe(false);
      else expect(byEnterprise.get(e.key)!.length).toBeGreaterThan(0);
    }
    const avg = (pred: (tags: string[]) => boolean) => {
      const list = park.enterprises.filter((e) => e.status !== 'cancelled' && pred(e.supervisionTags));
      return list.reduce((n, e) => n + byEnterprise.get(e.key)!.length, 0) / list.length;
    };
    expect(avg((t) => t.includes('combustibleDust'))).toBeGreaterThan(avg((t) => t.length === 0) + 1);
    // Stored score and level are what the calculator gives.
    for (const p of points) {
      const a = assess(p.method, p);
      expect([a.score, a.level]).toEqual([p.score, p.level]);
      expect(p.accidentTypes.length).toBeGreaterThan(0);
    }
    const majors = [...byEnterprise.values()].filter((list) => highestLevel(list.map((p) => p.level)) === 'major');
    expect(majors.length).toBe(DEMO_MAJOR_ENTERPRISES);
    expect(points.some((p) => p.reviewStatus === 'pending')).toBe(true);
    expect(points.some((p) => p.reviewStatus === 'returned' && p.reviewReason)).toBe(true);
    expect(points.some((p) => p.nextReviewDate < '2026-11-23')).toBe(true);
  });

  it('places every enterprise on the generated plan, tenants in their landlord’s building', () => {
    const plan = generateDemoPlan(park.enterprises, 20231);
    expect([plan.width, plan.height]).toEqual([PLAN_WIDTH, PLAN_HEIGHT]);
    expect(plan.svg).toContain('科创园');
    expect(plan.svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(plan.positions.size).toBe(park.enterprises.length);
    const seen = new Set<string>();
    for (const p of plan.positions.values()) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(1);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(1);
      seen.add(`${p.x},${p.y}`);
    }
    expect(seen.size).toBe(plan.positions.size);
    const tenant = park.enterprises.find((e) => e.siteType === 'leased' && e.landlordKey)!;
    const a = plan.positions.get(tenant.key)!;
    const b = plan.positions.get(tenant.landlordKey!)!;
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(0.1);
  });
});
