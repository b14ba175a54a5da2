// The live calculator of the risk point form: as L, E, C (or L, S) change it shows the formula, the score, the band's
// name in its colour and the band's range, computed with the same pure functions the server stores with
// (shared/src/risk.ts) and the park's thresholds.
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import {
  assess,
  bandRanges,
  DEFAULT_THRESHOLDS,
  factorProblem,
  type RiskFactors,
  type RiskMethod,
  type RiskThresholds,
  SCORE_SYMBOL,
  type ThresholdsView,
} from '../../../../shared/src/risk';
import { api } from '../../app/api';
import { formatScore, LevelTag, riskKeys } from './common';
import { levelHex } from './labels';
import { useRiskText } from './text';

/** The park's thresholds (every role may read them); the reference defaults until they arrive. */
export function useThresholds() {
  return useQuery({
    queryKey: riskKeys.thresholds,
    queryFn: () => api.get<ThresholdsView>('/risk/thresholds'),
    staleTime: 60_000,
  });
}

export function RiskCalculator({ method, factors }: { method?: RiskMethod; factors: RiskFactors }) {
  const { r } = useRiskText();
  const thresholds = useThresholds().data;
  const park: RiskThresholds = thresholds ? { LEC: thresholds.LEC, LS: thresholds.LS } : DEFAULT_THRESHOLDS;
  const ready = method && !factorProblem(method, factors);
  const result = ready ? assess(method, factors, park) : null;
  const symbol = method ? SCORE_SYMBOL[method] : 'D';
  const parts =
    method === 'LS'
      ? [factors.likelihood, factors.severity]
      : [factors.likelihood, factors.exposure, factors.consequence];
  const names = method === 'LS' ? 'L × S' : 'L × E × C';
  const shown = parts.map((v) => (v === null || v === undefined ? '?' : formatScore(v))).join(' × ');

  return (
    <div
      className="risk-calc-result"
      style={{ borderLeftColor: result ? levelHex(result.level) : undefined }}
      data-testid="risk-calc"
      aria-live="polite"
    >
      <span className="risk-calc-formula">
        {symbol} = {names} = {shown}
      </span>
      {result ? (
        <>
          <span className="risk-calc-score" data-testid="risk-calc-score">
            {symbol} = {formatScore(result.score)}
          </span>
          <LevelTag level={result.level} testId="risk-calc-level" />
          <span className="risk-calc-meaning">
            {r.form.band(bandRanges(result.method, park)[result.level])}
            {method === 'LEC' && ` · ${r.calc.meaning[result.level]}`}
          </span>
        </>
      ) : (
        <Typography.Text type="secondary">{r.form.chooseFactors}</Typography.Text>
      )}
    </div>
  );
}
