// The fire service's registration with the special-funds ledger, imported once by app.ts: a contract is a fund
// subject (its amount is recorded from it; the ledger names it and opens it).
import { registerFundSubject } from '../funds/service';
import * as service from './service';

registerFundSubject(service.FUND_SUBJECT_KIND, service.fundSubject);
