import { describe, expect, it } from 'vitest';
import { penaltyProblem } from '../../../../shared/src/enforcement';
import { generateEnforcement } from './enforcement-demo';
import { generateDemoPark } from './generator';
import { generateHazardHistory } from './hazard-demo';

const today = '2026-11-23';
const park = generateDemoPark({ seed: 20231, ownSite: 41, leased: 246, today: new Date(`${today}T04:00:00Z`) });
const h = generateHazardHistory(park.enterprises, today, 20231);
const e = generateEnforcement(h, today);

describe('demo enforcement', () => {
  it('has the seed joint action: 区应急、商务、公安、交通运输, 打击取缔非法加油车（点）3起, in the summer check', () => {
    expect(e.jointActions).toHaveLength(1);
    const [a] = e.jointActions;
    expect(a!.resultCounts).toEqual([{ item: '打击取缔非法加油车（点）', count: 3, unit: '起' }]);
    expect(a!.participantKeys).toEqual(
      expect.arrayContaining(['dept-emergency', 'dept-commerce', 'dept-police', 'dept-transport']),
    );
    expect(a!.results).toContain('交警部门暂扣');
    const summer = h.campaigns.find((c) => c.key === 'summer')!;
    expect(a!.actionDate >= summer.startsOn && a!.actionDate <= summer.endsOn).toBe(true);
    const orgKeys = new Set(park.organisations.map((o) => o.key));
    for (const k of [a!.leadKey, ...a!.participantKeys]) expect(orgKeys.has(k)).toBe(true);
  });

  it('files valid penalty cases against enterprises whose spring/summer hazards were not rectified in time', () => {
    expect(e.penalties.length).toBe(3);
    for (const p of e.penalties) {
      expect(penaltyProblem(p, today)).toBeNull();
      expect(p.hazardIndexes.length).toBeGreaterThan(0);
      for (const i of p.hazardIndexes) {
        const hz = h.hazards[i]!;
        expect(hz.enterpriseKey).toBe(p.enterpriseKey);
        expect(['spring', 'summer']).toContain(hz.campaignKey);
        expect(p.filedOn > hz.deadline).toBe(true);
      }
    }
    expect(new Set(e.penalties.map((p) => p.status)).size).toBe(3);
    expect(generateEnforcement(h, today)).toEqual(e);
  });
});
