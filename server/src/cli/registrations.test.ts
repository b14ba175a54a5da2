// A command-line tool registers what the server does: the demo seeded by `npm run seed -- --demo` into PostgreSQL
// froze its 2023 assessment with every computed item 未接入 while the CLI imported no module's indicators.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import '../app';
import { connectedDashboardFigures, connectedIndicators } from '../platform/indicators';
import { periodFigureKeys } from '../platform/period-figures';

describe('command-line registrations', () => {
  it('a CLI process has the same indicators, dashboard figures and period figures as the server', () => {
    const script = `
      await import('./server/src/cli/common.ts');
      const i = await import('./server/src/platform/indicators.ts');
      const p = await import('./server/src/platform/period-figures.ts');
      console.log(JSON.stringify([i.connectedIndicators(), i.connectedDashboardFigures(), p.periodFigureKeys()]));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const [indicators, dashboard, period] = JSON.parse(out.trim().split('\n').pop()!) as string[][];
    const sorted = (l: readonly string[]) => [...l].sort();
    expect(connectedIndicators().length).toBeGreaterThan(5);
    expect(sorted(indicators!)).toEqual(sorted(connectedIndicators()));
    expect(sorted(dashboard!)).toEqual(sorted(connectedDashboardFigures()));
    expect(sorted(period!)).toEqual(sorted(periodFigureKeys()));
  });
});
