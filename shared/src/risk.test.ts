import { describe, expect, it } from 'vitest';
import {
  assess,
  band,
  bandRanges,
  controlState,
  DEFAULT_THRESHOLDS,
  factorProblem,
  highestLevel,
  MethodThresholds,
  RiskOverrideBody,
  RiskPointInput,
  score,
} from './risk';

const base = {
  enterpriseId: '00000000-0000-4000-8000-000000000001',
  name: '液氨储罐区',
  hazardFactors: '液氨泄漏',
  accidentTypes: ['poisoningAsphyxiation'],
  controlMeasures: { engineering: '氨气泄漏报警与喷淋联锁' },
  controlTier: 'company',
  responsiblePerson: '张三',
};

describe('risk calculator', () => {
  it('LEC L=6 E=6 C=15 → D=540 → 重大 (red)', () => {
    expect(score('LEC', { likelihood: 6, exposure: 6, consequence: 15 })).toBe(540);
    expect(assess('LEC', { likelihood: 6, exposure: 6, consequence: 15 })).toEqual({
      method: 'LEC',
      score: 540,
      level: 'major',
      colour: 'red',
      levelName: '重大',
    });
  });

  it('LEC L=3 E=6 C=7 → D=126 → 一般 (yellow)', () => {
    const a = assess('LEC', { likelihood: 3, exposure: 6, consequence: 7 });
    expect([a.score, a.level, a.colour, a.levelName]).toEqual([126, 'general', 'yellow', '一般']);
  });

  it('LS L=4 S=5 → R=20 → 重大', () => {
    const a = assess('LS', { likelihood: 4, severity: 5 });
    expect([a.score, a.level, a.colour]).toEqual([20, 'major', 'red']);
  });

  it('bands at the reference bounds: LEC exceeds (D > t), LS reaches (R ≥ t)', () => {
    expect(band('LEC', 320)).toBe('significant');
    expect(band('LEC', 320.01)).toBe('major');
    expect(band('LEC', 160)).toBe('general');
    expect(band('LEC', 70)).toBe('low');
    expect(band('LEC', 71)).toBe('general');
    expect(band('LS', 16)).toBe('significant');
    expect(band('LS', 15)).toBe('significant');
    expect(band('LS', 12)).toBe('general');
    expect(band('LS', 9)).toBe('general');
    expect(band('LS', 8)).toBe('low');
    expect(band('LS', 25)).toBe('major');
  });

  it('follows a park’s own thresholds', () => {
    const stricter = { ...DEFAULT_THRESHOLDS, LEC: { major: 100, significant: 50, general: 20 } };
    expect(band('LEC', 126, stricter)).toBe('major');
    expect(band('LEC', 126)).toBe('general');
    expect(bandRanges('LEC', stricter).significant).toBe('50 < D ≤ 100');
    expect(bandRanges('LS').major).toBe('R ≥ 20');
  });

  it('rounds fractional products so form and server agree', () => {
    expect(score('LEC', { likelihood: 0.2, exposure: 3, consequence: 7 })).toBe(4.2);
    expect(score('LEC', { likelihood: 0.1, exposure: 0.5, consequence: 1 })).toBe(0.05);
  });

  it('rejects factors outside the tables with a Chinese message naming the factor', () => {
    expect(factorProblem('LEC', { likelihood: 5, exposure: 6, consequence: 15 })).toMatchObject({
      field: 'likelihood',
      message: expect.stringContaining('10、6、3、1、0.5、0.2、0.1'),
    });
    expect(factorProblem('LEC', { likelihood: 6, exposure: 6 })?.field).toBe('consequence');
    expect(factorProblem('LS', { likelihood: 6, severity: 2 })?.field).toBe('likelihood');
    expect(factorProblem('LS', { likelihood: 2, severity: 2, exposure: 6 })?.message).toContain('LS 法不使用');
    expect(() => score('LS', { likelihood: 2 })).toThrow(/S（事故后果严重性）/);
  });

  it('validates the input schema with the factor problem on its field', () => {
    const ok = RiskPointInput.safeParse({ ...base, method: 'LEC', likelihood: 6, exposure: 6, consequence: 15 });
    expect(ok.success).toBe(true);
    const bad = RiskPointInput.safeParse({ ...base, method: 'LS', likelihood: 4, severity: 7 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['severity']);
    const noMeasure = RiskPointInput.safeParse({
      ...base,
      method: 'LS',
      likelihood: 1,
      severity: 1,
      controlMeasures: {},
    });
    expect(noMeasure.error?.issues[0]?.message).toContain('至少填写一项管控措施');
  });

  it('keeps thresholds ordered and requires a reason for an override', () => {
    expect(MethodThresholds.safeParse({ major: 100, significant: 200, general: 10 }).success).toBe(false);
    expect(MethodThresholds.safeParse({ major: 300, significant: 200, general: 10 }).success).toBe(true);
    expect(RiskOverrideBody.safeParse({ level: 'major' }).error?.issues[0]?.message).toBe('调整企业风险等级须填写原因');
    expect(RiskOverrideBody.safeParse({ level: null }).success).toBe(true);
  });

  it('derives the highest level and a major point’s control state', () => {
    expect(highestLevel(['low', 'major', 'general'])).toBe('major');
    expect(highestLevel([])).toBeNull();
    expect(controlState({ openHazards: 1, reviewDue: 'ok', reviewStatus: 'accepted' })).toBe('openHazards');
    expect(controlState({ openHazards: 0, reviewDue: 'overdue', reviewStatus: 'accepted' })).toBe('reviewOverdue');
    expect(controlState({ openHazards: 0, reviewDue: 'ok', reviewStatus: 'pending' })).toBe('unreviewed');
    expect(controlState({ openHazards: 0, reviewDue: 'none', reviewStatus: 'accepted' })).toBe('controlled');
  });
});
