import { describe, expect, it } from 'vitest';
import { generateDemoPark } from './generator';
import { generateHazardHistory } from './hazard-demo';

const today = '2026-11-23';
const park = generateDemoPark({ seed: 20231, ownSite: 41, leased: 246, today: new Date(`${today}T04:00:00Z`) });
const h = generateHazardHistory(park.enterprises, today, 20231);

describe('demo hazard history', () => {
  it('reproduces the seed summary: two big checks with 245 人次, 183 家次 and 422 处', () => {
    const big = new Set(['spring', 'summer']);
    const inspections = h.inspections.filter((i) => big.has(i.campaignKey));
    expect(inspections.length).toBe(183);
    expect(inspections.reduce((n, i) => n + i.inspectorCount, 0)).toBe(245);
    expect(h.hazards.filter((x) => big.has(x.campaignKey)).length).toBe(422);
  });

  it('leaves hazards in every state, some overdue, some major and listed, with extension requests', () => {
    const states = new Set(h.hazards.map((x) => x.status));
    expect([...states].sort()).toEqual(['assigned', 'closed', 'rectifying', 'submitted']);
    expect(h.hazards.some((x) => x.status !== 'closed' && x.deadline < today)).toBe(true);
    expect(h.hazards.some((x) => x.grade === 'major' && x.listed)).toBe(true);
    expect(h.hazards.some((x) => x.extension?.status === 'pending')).toBe(true);
    expect(h.hazards.every((x) => x.foundOn <= today && x.events.every((e) => e.on <= today))).toBe(true);
  });

  it('never dates an event before the hazard was found, and is deterministic', () => {
    expect(h.hazards.every((x) => x.events.every((e) => e.on >= x.foundOn))).toBe(true);
    expect(generateHazardHistory(park.enterprises, today, 20231)).toEqual(h);
  });
});
