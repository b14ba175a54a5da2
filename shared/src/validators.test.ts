import { describe, expect, it } from 'vitest';
import { shanghaiMinute, shanghaiToday } from './validators';

describe('Asia/Shanghai times', () => {
  it('shows a UTC instant as Beijing time to the minute, across midnight, and nothing for none', () => {
    expect(shanghaiMinute(new Date('2026-11-23T02:05:59Z'))).toBe('2026-11-23 10:05');
    expect(shanghaiMinute('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(shanghaiMinute(null)).toBe('');
    expect(shanghaiMinute('')).toBe('');
  });

  it("gives Beijing's date, which is a day ahead of UTC from 16:00 UTC", () => {
    expect(shanghaiToday(new Date('2026-06-30T15:59:00Z'))).toBe('2026-06-30');
    expect(shanghaiToday(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });
});
