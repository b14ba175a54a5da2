// Colours of the risk levels on screen, and the code labels the risk pages read with useI18n().l. The labels are the
// shared dictionaries (shared/src/labels.ts), so the console, the server's messages and the Excel files agree.
import { RISK_COLOUR_HEX, RISK_LEVEL_COLOURS, type RiskLevel } from '../../../../shared/src/risk';

export {
  ACCIDENT_TYPE_LABELS,
  CONTROL_MEASURE_LABELS as MEASURE_LABELS,
  CONTROL_STATE_LABELS,
  CONTROL_TIER_LABELS as TIER_LABELS,
  REVIEW_STATUS_LABELS,
  RISK_LEVEL_LABELS,
  RISK_METHOD_LABELS,
} from '../../../../shared/src/labels';

/** Colour of a level on screen; enterprises without points are grey (未评估). */
export const NONE_HEX = '#9AA3AF';
export function levelHex(level: RiskLevel | 'none' | null | undefined): string {
  return level && level !== 'none' ? RISK_COLOUR_HEX[RISK_LEVEL_COLOURS[level]] : NONE_HEX;
}

/** Yellow on a light plan or behind white text needs a dark outline or dark text to read. */
export const onColour = (level: RiskLevel | 'none' | null | undefined) => (level === 'general' ? '#3d2f00' : '#fff');
export const outlineOf = (level: RiskLevel | 'none' | null | undefined) =>
  level === 'general' ? '#8a6d00' : '#ffffff';
