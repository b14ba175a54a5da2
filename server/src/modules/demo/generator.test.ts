import { describe, expect, it } from 'vitest';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { industryByCode } from '../../../../shared/src/industries';
import { usccCheckChar, usccProblem } from '../../../../shared/src/uscc';
import {
  createRng,
  DEMO_DEFAULT_COUNTS,
  type DemoEnterprise,
  type DemoParkSpec,
  generateDemoPark,
  generateEnterprises,
  orgCodeCheckChar,
} from './generator';
import { AREAS, BRAND_BLOCKLIST } from './names';

const TODAY = new Date('2024-06-30T02:00:00Z'); // 2024-06-30 in Asia/Shanghai
const spec = (over: Partial<DemoParkSpec> = {}): DemoParkSpec => ({
  seed: 1,
  ...DEMO_DEFAULT_COUNTS,
  today: TODAY,
  ...over,
});
const demo = generateDemoPark(spec());
const { enterprises } = demo;

/** The key areas the half-year summary names: 金属冶炼、烟花爆竹零售、粉尘涉爆、涉氨涉氯、有限空间、消防重点监管单位、人员密集场所、建筑施工. */
const SEED_KEY_AREA_TAGS = [
  'metalSmelting',
  'fireworksRetail',
  'combustibleDust',
  'ammoniaRefrigeration',
  'chlorine',
  'confinedSpace',
  'fireSafetyKeyUnit',
  'crowdedPlace',
  'construction',
] as const;

const FORMS = ['股份有限公司', '有限责任公司', '有限公司'];

function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

describe('generateDemoPark — the default demo park', () => {
  it('is 高新区 with the seed document’s 41 own-site and 246 leased enterprises, own-site first', () => {
    expect(demo.park).toEqual({ code: 'gxq', name: '高新区', region: '某市' });
    expect(enterprises).toHaveLength(287);
    expect(enterprises.slice(0, 41).every((e) => e.siteType === 'ownSite')).toBe(true);
    expect(enterprises.slice(41).every((e) => e.siteType === 'leased')).toBe(true);
    expect(new Set(enterprises.map((e) => e.key)).size).toBe(287);
    expect(enterprises[0]!.key).toBe('own-0001');
    expect(enterprises[41]!.key).toBe('lease-0001');
  });

  it('issues valid, unique unified social credit codes with a valid embedded organisation code', () => {
    const codes = enterprises.map((e) => e.creditCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(usccProblem(code), code).toBeNull();
      expect(code).toMatch(/^91\d{6}(\d{8}|MA[0-9A-HJ-NP-RTUWXY]{6})[0-9X]/);
      expect(code[16], code).toBe(orgCodeCheckChar(code.slice(8, 16)));
    }
    // Both the pre-2015 numeric organisation codes and the later 'MA' ones occur.
    expect(codes.some((c) => c.slice(8, 10) === 'MA')).toBe(true);
    expect(codes.some((c) => /^\d{8}$/.test(c.slice(8, 16)))).toBe(true);
  });

  it('gives unique, credible company names: trade name + business + organisational form', () => {
    const names = enterprises.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[\u4e00-\u9fff]{2,3}[\u4e00-\u9fff]+(有限公司|有限责任公司|股份有限公司)$/);
      expect(BRAND_BLOCKLIST.has(name.slice(0, 2)), name).toBe(false);
      expect(name).not.toMatch(/科技科技/);
    }
    // 股份有限公司 only for larger, above-scale enterprises.
    for (const e of enterprises.filter((x) => x.name.endsWith('股份有限公司'))) {
      expect(e.scale).toBe('aboveScale');
      expect(e.employees).toBeGreaterThanOrEqual(150);
    }
    expect(FORMS.every((f) => names.some((n) => n.endsWith(f)))).toBe(true);
    expect(names.some((n) => n.endsWith('科技有限公司'))).toBe(true);
  });

  it('points every leased enterprise at a standing own-site landlord in the same area and building', () => {
    const byKey = new Map(enterprises.map((e) => [e.key, e]));
    for (const e of enterprises) {
      if (e.siteType === 'ownSite') {
        expect(e.landlordKey).toBeNull();
        continue;
      }
      const landlord = byKey.get(e.landlordKey ?? '');
      expect(landlord, e.key).toBeDefined();
      expect(landlord!.siteType).toBe('ownSite');
      expect(landlord!.status).not.toBe('cancelled');
      expect(landlord!.supervisionTags).not.toContain('hazardousChemicals');
      expect(e.area).toBe(landlord!.area);
      expect(e.address.startsWith(landlord!.address)).toBe(true);
      expect(e.address.length).toBeGreaterThan(landlord!.address.length);
      expect(e.productionStartDate >= landlord!.productionStartDate, e.key).toBe(true);
    }
    // Park developers and operators (标准厂房 / 科技园 owners) take most tenants.
    const tenants = new Map<string, number>();
    for (const e of enterprises) if (e.landlordKey) tenants.set(e.landlordKey, (tenants.get(e.landlordKey) ?? 0) + 1);
    const developerTenants = [...tenants]
      .filter(([k]) => ['K7040', 'L7221'].includes(byKey.get(k)!.industryCode))
      .reduce((n, [, c]) => n + c, 0);
    expect(developerTenants).toBeGreaterThan(246 / 3);
  });

  it('covers every key area the seed documents name, and every supervision tag', () => {
    const tags = new Set(enterprises.flatMap((e) => e.supervisionTags));
    for (const t of SEED_KEY_AREA_TAGS) expect(tags.has(t), t).toBe(true);
    for (const t of SUPERVISION_TAGS) expect(tags.has(t), t).toBe(true);
    // "a few small shops" sell fireworks.
    const fireworks = enterprises.filter((e) => e.supervisionTags.includes('fireworksRetail'));
    expect(fireworks.length).toBeGreaterThanOrEqual(3);
    expect(fireworks.length).toBeLessThanOrEqual(10);
    for (const e of fireworks) {
      expect(e.siteType).toBe('leased');
      expect(e.employees).toBeLessThanOrEqual(12);
    }
  });

  it('covers the key areas for other seeds too (guaranteed, not lucky)', () => {
    for (let seed = 2; seed <= 21; seed++) {
      const tags = new Set(generateDemoPark(spec({ seed })).enterprises.flatMap((e) => e.supervisionTags));
      for (const t of SUPERVISION_TAGS) expect(tags.has(t), `seed ${seed}: ${t}`).toBe(true);
    }
  });

  it('fills every field plausibly', () => {
    const areaNames = AREAS.map((a) => a.name as string);
    const tagOrder = SUPERVISION_TAGS as readonly string[];
    for (const e of enterprises) {
      expect(e.address.startsWith('高新区')).toBe(true);
      expect(e.address).toMatch(/^高新区[\u4e00-\u9fff]+(路|大道)\d+号/);
      expect(areaNames).toContain(e.area);
      for (const person of [e.legalRepresentative, e.principalName, e.safetyManagerName]) {
        expect(person).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      }
      expect(e.principalPhone).toMatch(/^1[3-9]\d{9}$/);
      expect(e.safetyManagerPhone).toMatch(/^1[3-9]\d{9}$/);
      const [lo, hi] = e.siteType === 'ownSite' ? [50, 1200] : [5, 300];
      expect(e.employees).toBeGreaterThanOrEqual(lo);
      expect(e.employees).toBeLessThanOrEqual(hi);
      expect(industryByCode(e.industryCode), e.industryCode).toBeDefined();
      expect(e.productionStartDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.productionStartDate >= '2005-01-01').toBe(true);
      expect(e.productionStartDate <= '2024-06-30').toBe(true);
      const idx = e.supervisionTags.map((t) => tagOrder.indexOf(t));
      expect(idx.every((i) => i >= 0)).toBe(true);
      expect(idx).toEqual([...new Set(idx)].sort((a, b) => a - b));
    }
    // All six areas are in use; own-site enterprises are larger on the whole.
    expect(new Set(enterprises.map((e) => e.area)).size).toBe(AREAS.length);
    const mean = (xs: DemoEnterprise[]) => xs.reduce((n, e) => n + e.employees, 0) / xs.length;
    expect(mean(enterprises.slice(0, 41))).toBeGreaterThan(2 * mean(enterprises.slice(41)));
  });

  it('has about a quarter above scale, mostly operating enterprises and a handful newly commissioned', () => {
    const above = enterprises.filter((e) => e.scale === 'aboveScale').length / enterprises.length;
    expect(above).toBeGreaterThan(0.18);
    expect(above).toBeLessThan(0.32);
    const count = (s: DemoEnterprise['status']) => enterprises.filter((e) => e.status === s).length;
    expect(count('operating') / enterprises.length).toBeGreaterThan(0.8);
    for (const s of ['suspended', 'pendingResumption', 'cancelled'] as const) expect(count(s)).toBeGreaterThan(0);
    const sixMonthsAgo = daysBefore('2024-06-30', 183);
    const fresh = enterprises.filter((e) => e.productionStartDate > sixMonthsAgo);
    expect(fresh.length).toBeGreaterThanOrEqual(4);
    expect(fresh.length).toBeLessThanOrEqual(15);
    expect(fresh.every((e) => e.status === 'operating')).toBe(true);
    expect(fresh.some((e) => e.siteType === 'ownSite')).toBe(true);
  });

  it('lists the committee office, member departments, villages and service providers under stable keys', () => {
    const orgs = demo.organisations;
    const byKey = new Map(orgs.map((o) => [o.key, o]));
    expect(byKey.size).toBe(orgs.length);
    expect(byKey.get('committee')).toMatchObject({ kind: 'committee', name: '高新区管委会安全生产监督管理办公室' });
    expect(byKey.get('dept-market')).toMatchObject({ kind: 'department', name: '高新区市场监督管理所' });
    expect(byKey.get('dept-fire')).toMatchObject({ kind: 'department', name: '高新区消防救援站' });
    expect(byKey.get('dept-enforcement')?.name).toBe('高新区综合行政执法队');
    for (const k of ['dept-police', 'dept-transport', 'dept-commerce', 'dept-emergency'])
      expect(byKey.has(k), k).toBe(true);
    const villages = orgs.filter((o) => o.kind === 'village');
    expect(villages.length).toBeGreaterThanOrEqual(4);
    expect(villages.length).toBeLessThanOrEqual(6);
    expect(villages.map((v) => v.key)).toEqual(villages.map((_, i) => `village-${i + 1}`));
    for (const v of villages) expect(v.name).toMatch(/(村村民委员会|社区居民委员会)$/);
    expect(byKey.get('provider-fire')?.name).toMatch(/^[\u4e00-\u9fff]{2}消防技术服务有限公司$/);
    expect(byKey.get('provider-safety')?.kind).toBe('service_provider');
    for (const o of orgs) {
      expect(o.contactPerson).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(o.contactPhone).toMatch(/^1[3-9]\d{9}$/);
    }
    // Unique per (kind, name), as the organisations table requires.
    expect(new Set(orgs.map((o) => `${o.kind}/${o.name}`)).size).toBe(orgs.length);
  });

  it('uses the park name and code it is given', () => {
    const other = generateDemoPark(spec({ parkName: '经开区', parkCode: 'jkq', ownSite: 5, leased: 20 }));
    expect(other.park).toMatchObject({ code: 'jkq', name: '经开区' });
    expect(other.organisations[0]!.name).toBe('经开区管委会安全生产监督管理办公室');
    expect(other.enterprises.every((e) => e.address.startsWith('经开区'))).toBe(true);
  });
});

describe('determinism', () => {
  it('returns identical output for the same spec', () => {
    const again = generateDemoPark(spec());
    expect(again).toEqual(demo);
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
  });

  it('returns different names and codes for a different seed', () => {
    const other = generateDemoPark(spec({ seed: 2 }));
    const names = new Set(enterprises.map((e) => e.name));
    const shared = other.enterprises.filter((e) => names.has(e.name)).length;
    expect(shared).toBeLessThan(15);
    const codes = new Set(enterprises.map((e) => e.creditCode));
    expect(other.enterprises.filter((e) => codes.has(e.creditCode)).length).toBe(0);
    expect(other.organisations.find((o) => o.key === 'provider-fire')?.contactPerson).not.toBe(
      demo.organisations.find((o) => o.key === 'provider-fire')?.contactPerson,
    );
  });

  it('streams exactly the enterprises of generateDemoPark, in batches of the requested size', () => {
    const batches = [...generateEnterprises(spec(), 50)];
    expect(batches.map((b) => b.length)).toEqual([50, 50, 50, 50, 50, 37]);
    expect(batches.flat()).toEqual(enterprises);
  });

  it('seeds independent random streams', () => {
    const a = createRng(1, 'x');
    const b = createRng(1, 'x');
    const c = createRng(1, 'y');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('orgCodeCheckChar (GB 11714)', () => {
  it('matches the check characters of real organisation codes', () => {
    // Organisation-code segments of two published credit codes.
    expect(orgCodeCheckChar('79965505')).toBe('8');
    expect(orgCodeCheckChar('71526726')).toBe('X');
    // …and, with usccCheckChar, rebuild those two credit codes in full.
    for (const [prefix, body, code] of [
      ['91330100', '79965505', '91330100799655058B'],
      ['91440300', '71526726', '9144030071526726XG'],
    ] as const) {
      const first17 = prefix + body + orgCodeCheckChar(body);
      expect(first17 + usccCheckChar(first17)).toBe(code);
    }
    expect(orgCodeCheckChar('MA000000')).toMatch(/^[0-9X]$/);
    expect(() => orgCodeCheckChar('1234567')).toThrow(RangeError);
  });
});

describe('generateEnterprises at 100,000 enterprises', () => {
  it('keeps names and credit codes unique and valid, and landlords own-site', () => {
    const big: DemoParkSpec = { seed: 7, ownSite: 14_000, leased: 86_000, today: new Date('2025-01-15T00:00:00Z') };
    const names = new Set<string>();
    const codes = new Set<string>();
    const ownKeys = new Set<string>();
    let count = 0;
    let invalid = 0;
    let orphaned = 0;
    let largest = 0;
    for (const batch of generateEnterprises(big, 5_000)) {
      largest = Math.max(largest, batch.length);
      for (const e of batch) {
        count++;
        names.add(e.name);
        codes.add(e.creditCode);
        if (usccProblem(e.creditCode) !== null) invalid++;
        if (e.siteType === 'ownSite') ownKeys.add(e.key);
        else if (!e.landlordKey || !ownKeys.has(e.landlordKey)) orphaned++;
      }
    }
    expect(count).toBe(100_000);
    expect(largest).toBe(5_000);
    expect(names.size).toBe(100_000);
    expect(codes.size).toBe(100_000);
    expect(invalid).toBe(0);
    expect(orphaned).toBe(0);
  }, 30_000);
});

describe('input checks', () => {
  it('rejects negative counts, a bad batch size and an invalid date', () => {
    expect(() => generateDemoPark(spec({ ownSite: -1 }))).toThrow(RangeError);
    expect(() => generateDemoPark(spec({ leased: 1.5 }))).toThrow(RangeError);
    expect(() => generateDemoPark(spec({ today: new Date('nope') }))).toThrow(RangeError);
    expect(() => generateEnterprises(spec(), 0).next()).toThrow(RangeError);
  });

  it('handles an empty park and a park without own-site enterprises', () => {
    expect(generateDemoPark(spec({ ownSite: 0, leased: 0 })).enterprises).toEqual([]);
    const noLandlords = generateDemoPark(spec({ ownSite: 0, leased: 10 })).enterprises;
    expect(noLandlords).toHaveLength(10);
    expect(noLandlords.every((e) => e.landlordKey === null && usccProblem(e.creditCode) === null)).toBe(true);
  });
});
