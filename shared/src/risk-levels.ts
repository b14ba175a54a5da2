// Risk levels and their colours (DOMAIN.md §2.2), apart from risk.ts so enterprises.ts can use them without a cycle.

/** Highest first: 重大 · 较大 · 一般 · 低. */
export const RISK_LEVELS = ['major', 'significant', 'general', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_NAMES: Record<RiskLevel, string> = {
  major: '重大',
  significant: '较大',
  general: '一般',
  low: '低',
};

export const RISK_COLOURS = ['red', 'orange', 'yellow', 'blue'] as const;
export type RiskColour = (typeof RISK_COLOURS)[number];
export const RISK_LEVEL_COLOURS: Record<RiskLevel, RiskColour> = {
  major: 'red',
  significant: 'orange',
  general: 'yellow',
  low: 'blue',
};
export const RISK_COLOUR_NAMES: Record<RiskColour, string> = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };
/** Screen colours of the four-colour map; the level name is always shown beside the colour. */
export const RISK_COLOUR_HEX: Record<RiskColour, string> = {
  red: '#E60012',
  orange: '#FF7A00',
  yellow: '#FFD400',
  blue: '#1E6FD9',
};
/** Rank for comparisons and sorting: 重大 4 … 低 1 (no level 0). */
export const RISK_LEVEL_RANK: Record<RiskLevel, number> = { major: 4, significant: 3, general: 2, low: 1 };
