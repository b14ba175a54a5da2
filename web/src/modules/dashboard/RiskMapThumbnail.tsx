// The four-colour map (四色图) as a thumbnail: the risk module's map component, read-only, with the placed enterprises
// in their level's colour; a marker opens the enterprise, the title the full map.
import { useQuery } from '@tanstack/react-query';
import { Card, Empty } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { MapData } from '../../../../shared/src/risk';
import { api } from '../../app/api';
import { enterprisePath } from '../enterprises/rights';
import { levelHex, outlineOf } from '../risk/labels';
import { RiskMap } from '../risk/RiskMap';
import { DefinedTitle } from './FigureChart';
import { useDashboardText } from './text';
// The map's own styles (its viewport clips the plan): the risk pages import them, this page may be opened first.
import '../risk/risk.css';

export function RiskMapThumbnail() {
  const navigate = useNavigate();
  const t = useDashboardText();
  const map = useQuery({ queryKey: ['risk', 'map', {}], queryFn: () => api.get<MapData>('/risk/map') });
  const data = map.data;
  return (
    <Card
      size="small"
      data-testid="dashboard-risk-map"
      title={<DefinedTitle title={t.map} definition={t.mapDefinition} />}
      extra={<Link to="/risk/map">{t.mapOpen}</Link>}
    >
      {data?.plan ? (
        <RiskMap
          imageUrl={data.plan.url}
          maxHeight={260}
          markers={data.placed
            .filter((e) => e.x !== null && e.y !== null)
            .map((e) => ({
              id: e.id,
              x: e.x!,
              y: e.y!,
              color: levelHex(e.level),
              border: outlineOf(e.level),
              title: e.name,
              subtitle: t.mapLevel(e.level ?? null),
              emphasis: e.level === 'major',
            }))}
          onOpen={(id) => navigate(enterprisePath(id))}
          labels={t.mapLabels}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={map.isLoading ? t.loading : t.noPlan}
          style={{ height: 220 }}
        />
      )}
    </Card>
  );
}
