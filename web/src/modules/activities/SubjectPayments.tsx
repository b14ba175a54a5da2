// 专项资金 of one record (a drill, a training session, a fire-service contract), shown in its detail drawer: the
// ledger's entries linked to it, each opening the ledger's drawer, and 登记支出 for the committee — once per record
// (the server answers 409 FUND_RECORDED_BY_SUBJECT to a second). Only those who read the ledger see money.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { FundPurpose, FundView } from '../../../../shared/src/activities';
import { FUND_PURPOSE_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { yuan } from './common';
import { FundForm } from './FundsPage';
import { useActivitiesText } from './text';

const READERS = ['admin', 'supervisor', 'leader'];
const MANAGERS = ['admin', 'supervisor'];

export function SubjectPayments({
  kind,
  id,
  title,
  purpose,
  supplier,
}: {
  /** The subject kind the module registered with the funds service (drill, training, fireServiceContract). */
  kind: string;
  id: string;
  /** The record's name, shown in the form. */
  title: string;
  /** The purpose the form starts with. */
  purpose: FundPurpose;
  supplier?: string | null;
}) {
  const me = useMe();
  const { l } = useI18n();
  const { payments: t, common } = useActivitiesText();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const reads = READERS.includes(me.role);
  const entries = useQuery({
    queryKey: ['funds', 'subject', kind, id],
    queryFn: () => api.get<Page<FundView>>('/funds', { subjectKind: kind, subjectId: id, pageSize: 50 }),
    enabled: reads,
  });
  if (!reads) return null;
  const items = entries.data?.items ?? [];
  const recorded = items.some((f) => f.fromSubject);
  const total = items.reduce((s, f) => s + Math.round(f.amount * 100), 0) / 100;
  return (
    <Card
      size="small"
      title={t.title}
      style={{ marginTop: 12 }}
      data-testid="subject-payments"
      extra={
        MANAGERS.includes(me.role) &&
        !recorded && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="subject-pay">
            {t.add}
          </Button>
        )
      }
    >
      <List
        size="small"
        loading={entries.isLoading}
        dataSource={items}
        locale={{ emptyText: t.empty }}
        renderItem={(f) => (
          <List.Item data-testid="subject-payment">
            <div style={{ width: '100%' }}>
              <Space wrap size={4} style={{ width: '100%', justifyContent: 'space-between' }}>
                <Link to={`/funds?fund=${f.id}`}>
                  {f.serial} · {f.paidOn}
                </Link>
                <span>
                  <Tag>{l(FUND_PURPOSE_LABELS, f.purpose)}</Tag>
                  <strong>
                    {yuan(f.amount)} {common.yuan}
                  </strong>
                </span>
              </Space>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {f.description}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      {items.length > 1 && <Typography.Text type="secondary">{t.total(items.length, yuan(total))}</Typography.Text>}
      <FundForm
        target={adding ? 'new' : null}
        kinds={[]}
        subject={{ kind, id, title }}
        defaults={{ purpose, supplier: supplier ?? undefined, description: title.slice(0, 500) }}
        onClose={() => setAdding(false)}
        onSaved={() => void queryClient.invalidateQueries({ queryKey: ['funds'] })}
      />
    </Card>
  );
}
