import { describe, expect, it } from 'vitest';
import { SUPERVISION_TAGS } from './enterprises';
import { INDUSTRIES, INDUSTRY_SECTIONS, industryByCode, industryName } from './industries';

describe('industries (GB/T 4754-2017 subset)', () => {
  it('has about forty well-formed, unique classes', () => {
    expect(INDUSTRIES.length).toBeGreaterThanOrEqual(40);
    const codes = INDUSTRIES.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of INDUSTRIES) {
      expect(i.code).toMatch(/^[A-Z]\d{4}$/);
      expect(i.sectionName).toBe(INDUSTRY_SECTIONS[i.section]);
      expect(i.name.length).toBeGreaterThan(1);
      for (const t of i.typicalTags) expect(SUPERVISION_TAGS).toContain(t);
    }
  });

  it('keeps manufacturing codes in divisions 13–43 and the other sections in their own divisions', () => {
    const divisions: Record<string, [number, number]> = {
      C: [13, 43],
      D: [44, 46],
      E: [47, 50],
      F: [51, 52],
      G: [53, 60],
      H: [61, 62],
      I: [63, 65],
      K: [70, 70],
      L: [71, 72],
      M: [73, 75],
      N: [76, 79],
      R: [86, 90],
    };
    for (const i of INDUSTRIES) {
      const division = Number(i.code.slice(1, 3));
      const [lo, hi] = divisions[i.section]!;
      expect(division, i.code).toBeGreaterThanOrEqual(lo);
      expect(division, i.code).toBeLessThanOrEqual(hi);
    }
  });

  it('looks names up by full code or bare digits', () => {
    expect(industryName('C3311')).toBe('金属结构制造');
    expect(industryName('c3391')).toBe('黑色金属铸造');
    expect(industryName('9011')).toBe('歌舞厅娱乐活动');
    expect(industryName('X0000')).toBeNull();
    expect(industryName('')).toBeNull();
    expect(industryByCode('G5930')?.typicalTags).toContain('ammoniaRefrigeration');
  });

  it('gives every high-risk tag of the seed documents at least one typical industry', () => {
    const tags = new Set(INDUSTRIES.flatMap((i) => i.typicalTags));
    for (const t of [
      'hazardousChemicals',
      'combustibleDust',
      'confinedSpace',
      'ammoniaRefrigeration',
      'chlorine',
      'metalSmelting',
      'crowdedPlace',
      'construction',
    ] as const) {
      expect(tags.has(t), t).toBe(true);
    }
  });
});
