// What the modules register at import — the annual assessment's indicators (platform/indicators.ts), the dashboard's
// and the period summary's figures, the scheduler's sweep tasks — imported by the server (app.ts) and by every
// command-line tool (cli/common.ts): the demo seeded by `npm run seed -- --demo` froze its 2023 assessment with every
// computed item 未接入 while the CLI did not import them.
import './modules/accidents/indicators';
import './modules/drills/indicators';
import './modules/drills/register';
import './modules/enforcement/indicators';
import './modules/funds/register';
import './modules/meetings/register';
import './modules/publicity/register';
import './modules/resumption/register';
import './modules/campaigns/register';
import './modules/enforcement/register';
import './modules/responsibility/register';
import './modules/fire-service/indicators';
import './modules/fire-service/register';
import './modules/hazards/indicators';
import './modules/inspections/indicators';
import './modules/risk/indicators';
import './modules/survey/indicators';
import './modules/training/figures';
import './modules/training/register';
