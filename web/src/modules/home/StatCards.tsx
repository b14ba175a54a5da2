import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  LockOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Card, Col, Flex, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import type { HomeStats } from '../../../../shared/src/home';
import { useI18n } from '../../app/i18n';

interface Figure {
  key: string;
  title: string;
  value: number;
  icon: ReactNode;
  color: string;
  note?: string;
}

const countOf = (list: HomeStats['enterprises']['bySiteType'], key: string) =>
  list.find((c) => c.key === key)?.count ?? 0;

/** Headline figures: the park's enterprises for everyone, accounts and audit activity for the administrator. */
export function StatCards({ stats }: { stats: HomeStats }) {
  const { t } = useI18n();
  const { enterprises, users, audit } = stats;
  const park: Figure[] = [
    {
      key: 'enterprises',
      title: t.home.enterprisesTotal,
      value: enterprises.total,
      icon: <ApartmentOutlined />,
      color: '#1a56db',
    },
    {
      key: 'ownSite',
      title: t.home.ownSite,
      value: countOf(enterprises.bySiteType, 'ownSite'),
      icon: <EnvironmentOutlined />,
      color: '#16a34a',
    },
    {
      key: 'leased',
      title: t.home.leased,
      value: countOf(enterprises.bySiteType, 'leased'),
      icon: <HomeOutlined />,
      color: '#0891b2',
    },
  ];
  const system: Figure[] = [];
  if (users) {
    system.push(
      {
        key: 'users',
        title: t.home.usersTotal,
        value: users.total,
        icon: <TeamOutlined />,
        color: '#7c3aed',
        note: t.home.usersActive(users.active),
      },
      { key: 'locked', title: t.home.lockedUsers, value: users.locked, icon: <LockOutlined />, color: '#f59e0b' },
    );
  }
  if (audit) {
    system.push(
      { key: 'auditToday', title: t.home.auditToday, value: audit.today, icon: <AuditOutlined />, color: '#475569' },
      {
        key: 'failedLogins',
        title: t.home.failedLoginsToday,
        value: audit.failedLoginsToday,
        icon: <AlertOutlined />,
        color: '#dc2626',
      },
    );
  }

  return (
    <>
      <FigureRow figures={park} />
      {system.length > 0 && <FigureRow figures={system} />}
    </>
  );
}

function FigureRow({ figures }: { figures: Figure[] }) {
  const span = 24 / figures.length;
  return (
    <Row gutter={[16, 16]}>
      {figures.map((f) => (
        <Col key={f.key} xs={24} sm={12} lg={span}>
          <Card className="stat-card" data-testid={`stat-${f.key}`}>
            <Flex justify="space-between" align="center">
              <Statistic title={f.title} value={f.value} />
              <span className="stat-icon" style={{ color: f.color, background: `${f.color}14` }}>
                {f.icon}
              </span>
            </Flex>
            {f.note && <div className="stat-note">{f.note}</div>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
