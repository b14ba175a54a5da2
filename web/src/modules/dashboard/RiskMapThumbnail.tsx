// The four-colour map (四色图) as a thumbnail: the risk module's map component, read-only, with the placed enterprises
// in their level's colour; a marker opens the enterprise, the title the full map.
import { useQuery } from '@tanstack/react-query';
import { Card, Empty } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { MapData } from '../../../../shared/src/risk';
import { RISK_LEVEL_NAMES } from '../../../../shared/src/risk-levels';
import { api } from '../../app/api';
import { enterprisePath } from '../enterprises/rights';
import { levelHex, outlineOf } from '../risk/labels';
import { RiskMap } from '../risk/RiskMap';
import { DefinedTitle } from './FigureChart';
// The map's own styles (its viewport clips the plan): the risk pages import them, this page may be opened first.
import '../risk/risk.css';

export function RiskMapThumbnail() {
  const navigate = useNavigate();
  const map = useQuery({ queryKey: ['risk', 'map', {}], queryFn: () => api.get<MapData>('/risk/map') });
  const data = map.data;
  return (
    <Card
      size="small"
      data-testid="dashboard-risk-map"
      title={
        <DefinedTitle
          title="安全风险四色图"
          definition="园区平面图上已放置的企业，按目前的风险等级着色（红 重大、橙 较大、黄 一般、蓝 低，灰 未评定）"
        />
      }
      extra={<Link to="/risk/map">查看四色图</Link>}
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
              subtitle: e.level ? `${RISK_LEVEL_NAMES[e.level]}风险` : '未评定',
              emphasis: e.level === 'major',
            }))}
          onOpen={(id) => navigate(enterprisePath(id))}
          labels={{ zoomIn: '放大', zoomOut: '缩小', fit: '适应窗口', mapName: '园区四色图', moveHint: '' }}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={map.isLoading ? '加载中…' : '尚未上传园区平面图'}
          style={{ height: 220 }}
        />
      )}
    </Card>
  );
}
