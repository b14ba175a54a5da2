// Excel in and out of risk points, through the registry's import dialog and export button (template download,
// all-or-nothing or valid rows, the error workbook, background jobs with progress and a download).
import { useMemo } from 'react';
import { ExportButton } from '../enterprises/ExportButton';
import { ImportModal, type ImportTarget } from '../enterprises/ImportModal';
import { riskKeys } from './common';
import type { RiskPointFilterValues } from './RiskPointFilters';
import { useRiskText } from './text';

export function RiskImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { r } = useRiskText();
  const target = useMemo<ImportTarget>(
    () => ({
      path: '/risk/points/import',
      templateUrl: '/api/risk/points/import/template',
      title: r.io.importTitle,
      templateHint: r.io.templateHint,
      onExistingLabel: r.io.onExisting,
      invalidate: [riskKeys.all, ['enterprises']],
    }),
    [r],
  );
  return <ImportModal open={open} onClose={onClose} target={target} />;
}

export function RiskExportButton({ filters }: { filters: RiskPointFilterValues }) {
  const { r } = useRiskText();
  return (
    <ExportButton
      filters={filters}
      path="/risk/points/export"
      title={r.io.exportTitle}
      scope={r.io.exportScope}
      testId="risk-export"
    />
  );
}
