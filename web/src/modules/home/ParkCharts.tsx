import { Card, Col, Empty, Row } from 'antd';
import type { ReactNode } from 'react';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import type { HomeStats } from '../../../../shared/src/home';
import { ENTERPRISE_STATUS_LABELS, SITE_TYPE_LABELS, SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { useI18n } from '../../app/i18n';
import { Chart } from './Chart';
import { donut, horizontalBars, type Slice, verticalBars } from './charts';

type Counts = HomeStats['enterprises']['byTag'];

// Status colours say what the status means: running green, stopped red, waiting amber, gone grey.
const STATUS_COLORS: Record<string, string> = {
  operating: '#16a34a',
  suspended: '#dc2626',
  pendingResumption: '#f59e0b',
  cancelled: '#94a3b8',
};

// The same colours as the site-type figures above the charts.
const SITE_TYPE_COLORS: Record<string, string> = { ownSite: '#16a34a', leased: '#0891b2' };

export function ParkCharts({ enterprises }: { enterprises: HomeStats['enterprises'] }) {
  const { t, l } = useI18n();
  const labelled = (counts: Counts, dict: Parameters<typeof l>[0], colors: Record<string, string> = {}): Slice[] =>
    counts.map((c) => ({ name: l(dict, c.key), value: c.count, color: colors[c.key] }));
  // Every tag gets a bar, zero included: a supervisor reads "no 涉氯 enterprises" as a fact too.
  const tags: Slice[] = SUPERVISION_TAGS.map((tag) => ({
    name: l(SUPERVISION_TAG_LABELS, tag),
    value: enterprises.byTag.find((c) => c.key === tag)?.count ?? 0,
  }));
  const areas: Slice[] = enterprises.byArea.map((c) => ({ name: c.key, value: c.count }));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={9}>
        <ChartCard title={t.home.bySiteType} empty={enterprises.total === 0}>
          <Chart
            option={donut(labelled(enterprises.bySiteType, SITE_TYPE_LABELS, SITE_TYPE_COLORS), t.home.unit)}
            height={320}
          />
        </ChartCard>
      </Col>
      <Col xs={24} xl={15}>
        <ChartCard title={t.home.byTag} empty={enterprises.total === 0}>
          <Chart option={horizontalBars(tags, t.home.count)} height={320} />
        </ChartCard>
      </Col>
      <Col xs={24} xl={15}>
        <ChartCard title={t.home.byArea} empty={areas.length === 0}>
          <Chart option={verticalBars(areas, t.home.count)} height={300} />
        </ChartCard>
      </Col>
      <Col xs={24} xl={9}>
        <ChartCard title={t.home.byStatus} empty={enterprises.total === 0}>
          <Chart
            option={donut(labelled(enterprises.byStatus, ENTERPRISE_STATUS_LABELS, STATUS_COLORS), t.home.unit)}
            height={300}
          />
        </ChartCard>
      </Col>
    </Row>
  );
}

function ChartCard({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card title={title} className="chart-card">
      {empty ? <Empty description={t.home.noData} /> : children}
    </Card>
  );
}
