// Rates and counts, defined and formatted once for server and console. A rate travels as a percentage with one
// decimal (66.7 means 66.7 %), never as a fraction: the issue-10 bug was a screen multiplying a percentage by 100.

/** part of whole as a percentage with one decimal (0 when whole is 0). */
export function ratePercent(part: number, whole: number): number {
  if (!whole) return 0;
  return Math.round((part / whole) * 1000) / 10;
}

/** A percentage (as ratePercent gives it) for display, always one decimal: "66.7%", "100.0%", "0.0%". */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || Number.isNaN(percent)) return '—';
  return `${(Math.round(percent * 10) / 10).toFixed(1)}%`;
}

/** part of whole for display ("66.7%"); "—" when there is nothing to divide by. */
export function formatShare(part: number, whole: number): string {
  return whole ? formatPercent(ratePercent(part, whole)) : '—';
}

/** The units the seed's figures use: 人次 (inspector visits), 家次 (inspections), 处 (hazards), 家 (enterprises). */
export type CountUnit = '人次' | '家次' | '处' | '家' | '起' | '次';

/** A count with its unit and thousands separators: "1,245 人次". */
export function formatCount(n: number | null | undefined, unit?: CountUnit): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const text = Math.round(n).toLocaleString('en-US');
  return unit ? `${text} ${unit}` : text;
}
