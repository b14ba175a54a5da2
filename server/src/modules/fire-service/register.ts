// The fire service's registration with the special-funds ledger, imported once by app.ts: a contract is a fund
// subject (its amount is recorded from it; the ledger names it and opens it).
import { sql } from 'drizzle-orm';
import { can } from '../../platform/permissions';
import { registerParkFileKind } from '../files/service';
import { registerFundSubject } from '../funds/service';
import * as service from './service';

registerFundSubject(service.FUND_SUBJECT_KIND, service.fundSubject);

// A contract's attachments (the scanned contract shows its amount) are read by those who see the contract's amount —
// the committee and its leaders; not inspectors (they read contracts without the amount), departments or enterprises.
registerParkFileKind('fireServiceContract', {
  uploaders: ['admin', 'supervisor'],
  readable: (actor, file) =>
    can(actor, 'fireService.contracts') && service.seesMoney(actor)
      ? sql`exists (select 1 from fire_service_contracts c where c.park_id = ${file.parkId} and ${file.id} = any(c.file_ids))`
      : null,
});
