// The funds ledger's period figure (专项资金按用途), imported once by app.ts; the page's totals use the same query.
import { registerPeriodFigure } from '../../platform/period-figures';
import { totalsInPeriod } from './service';

registerPeriodFigure('fundsByPurpose', async (db, q) => (await totalsInPeriod(db, q.parkId, q.from, q.to)).byPurpose);
