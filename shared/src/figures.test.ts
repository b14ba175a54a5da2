import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatShare, ratePercent } from './figures';

describe('rates', () => {
  it('a rate is a percentage with one decimal', () => {
    expect(ratePercent(2, 3)).toBe(66.7);
    expect(ratePercent(186, 1000)).toBe(18.6);
    expect(ratePercent(5, 5)).toBe(100);
    expect(ratePercent(0, 0)).toBe(0);
  });

  it('shows the percentage as it is, never ×100 again (the campaign column read 1860 %)', () => {
    expect(formatPercent(18.6)).toBe('18.6%');
    expect(formatPercent(66.7)).toBe('66.7%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatShare(2, 3)).toBe('66.7%');
    expect(formatShare(1, 0)).toBe('—');
  });

  it('counts carry separators and the seed units', () => {
    expect(formatCount(245, '人次')).toBe('245 人次');
    expect(formatCount(183, '家次')).toBe('183 家次');
    expect(formatCount(12422, '处')).toBe('12,422 处');
    expect(formatCount(undefined, '处')).toBe('—');
  });
});
