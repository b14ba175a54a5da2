// The console's one way to show rates and counts (the definitions live in shared/src/figures.ts, used by the server
// too): a rate arrives as a percentage and is shown as it is, never multiplied again.
export { type CountUnit, formatCount, formatPercent, formatShare, ratePercent } from '../../../shared/src/figures';
