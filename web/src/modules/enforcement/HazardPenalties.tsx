// A hazard's penalty cases on its page, and — for the committee — 立案处罚 in one step: the case form opens with the
// hazard's enterprise and the hazard already filled in. Shown when there is a case or the user may file one.
import { ExceptionOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PENALTY_MEASURE_LABELS } from '../../../../shared/src/enforcement';
import { api } from '../../app/api';
import { enforcementKeys, formatYuan, type PenaltyCaseList, PenaltyStatusTag, useEnforcementRights } from './common';
import { PenaltyCaseFormDrawer } from './PenaltyCaseForm';
import { useEnforcementText } from './text';
import './enforcement.css';

export function HazardPenalties({
  hazard,
}: {
  hazard: { id: string; serial: string; enterpriseId: string; enterpriseName: string };
}) {
  const { e, l } = useEnforcementText();
  const rights = useEnforcementRights();
  const [filing, setFiling] = useState(false);
  const query = { hazardId: hazard.id, pageSize: 20 };
  const cases = useQuery({
    queryKey: enforcementKeys.penaltyList(query),
    queryFn: () => api.get<PenaltyCaseList>('/enforcement/penalty-cases', query),
  });
  const items = cases.data?.items ?? [];
  if (items.length === 0 && !rights.managePenalties) return null;
  return (
    <Card
      size="small"
      title={e.penalties.linked}
      extra={
        rights.managePenalties && (
          <Button
            size="small"
            icon={<ExceptionOutlined />}
            onClick={() => setFiling(true)}
            data-testid="hazard-file-penalty"
          >
            {e.penalties.fromHazard}
          </Button>
        )
      }
      data-testid="hazard-penalties"
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{e.penalties.noLinked}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item>
              <Link to={`/enforcement/penalties?case=${c.id}`} data-testid="hazard-penalty-link">
                {c.caseNo}
              </Link>
              <span>
                {c.measures.map((m) => l(PENALTY_MEASURE_LABELS, m)).join('、')}
                {c.fineAmount != null ? ` ${formatYuan(c.fineAmount)} ${e.penalties.yuan}` : ''}
              </span>
              <PenaltyStatusTag status={c.status} />
            </List.Item>
          )}
        />
      )}
      <PenaltyCaseFormDrawer
        open={filing}
        onClose={() => setFiling(false)}
        preset={{ enterpriseId: hazard.enterpriseId, enterpriseName: hazard.enterpriseName, hazardIds: [hazard.id] }}
      />
    </Card>
  );
}
