// The park's credit rule table (versioned): each event kind's points and validity, the base score, the grade
// thresholds and the grade × risk level inspection frequency table. The admin edits; everyone else reads.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import {
  CREDIT_GRADES,
  type CreditRulesView,
  FREQUENCY_RISK_KEYS,
  type FrequencyRiskKey,
} from '../../../../shared/src/credit';
import type { RiskLevel } from '../../../../shared/src/risk-levels';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { useCreditText } from './text';

export default function CreditRulesPage() {
  const { t } = useI18n();
  const { rules: r, credit: c, kindName, kindFrom, riskName } = useCreditText();
  const me = useMe();
  const editable = me.role === 'admin';
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: ['credit', 'rules'], queryFn: () => api.get<CreditRulesView>('/credit/rules') });
  const save = useMutation({
    mutationFn: (v: object) => api.put<CreditRulesView>('/credit/rules', v),
    onSuccess: () => {
      message.success(r.saved);
      void queryClient.invalidateQueries({ queryKey: ['credit'] });
    },
    onError: showError,
  });
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  if (!rules.data) return <PageLoading />;
  const d = rules.data;
  const colName = (k: FrequencyRiskKey) => (k === 'unrated' ? c.unrated : riskName(k as RiskLevel));

  return (
    <PageContainer title={t.menu.creditRules}>
      <Alert
        type="info"
        showIcon
        message={d.isDefault ? r.defaults : r.version(d.version, d.createdByName, formatTime(d.createdAt))}
        description={r.intro}
        style={{ marginBottom: 12 }}
      />
      {!editable && <Alert type="warning" message={r.readOnly} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{
          baseScore: d.baseScore,
          rules: d.rules.map(({ kind, points, validDays }) => ({ kind, points, validDays })),
          thresholds: d.thresholds,
          frequency: d.frequency,
          note: '',
        }}
        onFinish={(v) => save.mutate(v)}
        data-testid="credit-rules-form"
      >
        <Card size="small" title={r.kind}>
          <Form.Item name="baseScore" label={c.base} rules={[{ required: true }]}>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
          <Table
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={d.rules.map((x, i) => ({ ...x, i }))}
            scroll={{ x: 700 }}
            columns={[
              {
                title: r.kind,
                dataIndex: 'name',
                width: 180,
                render: (name: string, x) => (
                  <>
                    {kindName(x.kind, name)} {!x.fed && <Tag>{r.notFed}</Tag>}
                    <Form.Item name={['rules', x.i, 'kind']} hidden>
                      <Input />
                    </Form.Item>
                  </>
                ),
              },
              { title: r.from, dataIndex: 'from', render: (from: string, x) => kindFrom(x.kind, from) },
              {
                title: r.points,
                width: 110,
                render: (_, x) => (
                  <Form.Item name={['rules', x.i, 'points']} noStyle rules={[{ required: true }]}>
                    <InputNumber min={-100} max={100} precision={0} data-testid={`credit-rule-points-${x.kind}`} />
                  </Form.Item>
                ),
              },
              {
                title: r.validDays,
                width: 120,
                render: (_, x) => (
                  <Form.Item name={['rules', x.i, 'validDays']} noStyle rules={[{ required: true }]}>
                    <InputNumber min={1} max={3650} precision={0} />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={r.thresholds} style={{ marginTop: 12 }}>
          <Space wrap>
            {(['A', 'B', 'C'] as const).map((g) => (
              <Form.Item key={g} name={['thresholds', g]} label={`${g} ≥`} rules={[{ required: true }]}>
                <InputNumber min={1} max={1000} precision={0} />
              </Form.Item>
            ))}
          </Space>
        </Card>
        <Card size="small" title={r.frequency} style={{ marginTop: 12 }}>
          <Table
            size="small"
            rowKey="g"
            pagination={false}
            scroll={{ x: 600 }}
            dataSource={CREDIT_GRADES.map((g) => ({ g }))}
            columns={[
              { title: c.grade, dataIndex: 'g', width: 70 },
              ...FREQUENCY_RISK_KEYS.map((k) => ({
                title: colName(k),
                key: k,
                render: (_: unknown, row: { g: string }) => (
                  <Form.Item name={['frequency', row.g, k]} noStyle rules={[{ required: true }]}>
                    <InputNumber min={0} max={365} precision={0} style={{ width: 80 }} />
                  </Form.Item>
                ),
              })),
            ]}
          />
        </Card>
        {editable && (
          <Card size="small" style={{ marginTop: 12 }}>
            <Form.Item name="note" label={r.note}>
              <Input maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="credit-rules-save">
              {r.save}
            </Button>
          </Card>
        )}
      </Form>
      {d.versions.length > 0 && (
        <Card size="small" title={r.versions} style={{ marginTop: 12 }}>
          {d.versions.map((v) => (
            <div key={v.version}>
              <Typography.Text>
                {c.ruleVersion(v.version)} · {v.createdByName ?? '—'} · {formatTime(v.createdAt)}
                {v.note ? ` · ${v.note}` : ''}
              </Typography.Text>
            </div>
          ))}
        </Card>
      )}
    </PageContainer>
  );
}
