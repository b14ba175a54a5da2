// The query form above the risk point list. It follows the list's filters, so a click on a count above (待审核,
// 已逾期 …) shows up here too; 查询 applies it, 重置 clears it.
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { ACCIDENT_TYPES, CONTROL_TIERS, REVIEW_STATUSES, RISK_LEVELS, RISK_METHODS } from '../../../../shared/src/risk';
import { codeOptions } from '../../app/ui/options';
import { EnterprisePicker } from '../hazards/pickers';
import { ACCIDENT_TYPE_LABELS, REVIEW_STATUS_LABELS, RISK_LEVEL_LABELS, TIER_LABELS } from './labels';
import { useRiskText } from './text';

export interface RiskPointFilterValues {
  q?: string;
  enterpriseId?: string;
  level?: string;
  method?: string;
  reviewStatus?: string;
  due?: string;
  accidentType?: string;
  controlTier?: string;
  [key: string]: string | undefined;
}

const clean = (v: RiskPointFilterValues): RiskPointFilterValues =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && String(x).trim() !== ''));

export function RiskPointFilters({
  filters,
  onChange,
  showEnterprise,
}: {
  filters: RiskPointFilterValues;
  onChange: (values: RiskPointFilterValues) => void;
  showEnterprise: boolean;
}) {
  const { r, t, lang } = useRiskText();
  const [form] = Form.useForm<RiskPointFilterValues>();
  const p = r.points;
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filters);
  }, [filters, form]);

  return (
    <Card className="filter-card" size="small">
      <Form form={form} layout="inline" onFinish={(v) => onChange(clean(v))} className="filter-form">
        <Form.Item name="q">
          <Input allowClear placeholder={p.searchPlaceholder} style={{ width: 220 }} data-testid="risk-filter-q" />
        </Form.Item>
        {showEnterprise && (
          <Form.Item name="enterpriseId">
            <EnterprisePicker placeholder={p.enterprise} style={{ width: 220 }} testId="risk-filter-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="level">
          <Select
            allowClear
            placeholder={p.level}
            options={codeOptions(RISK_LEVELS, RISK_LEVEL_LABELS, lang)}
            data-testid="risk-filter-level"
          />
        </Form.Item>
        <Form.Item name="method">
          <Select
            allowClear
            placeholder={p.method}
            options={RISK_METHODS.map((m) => ({ value: m, label: m }))}
            data-testid="risk-filter-method"
          />
        </Form.Item>
        <Form.Item name="reviewStatus">
          <Select
            allowClear
            placeholder={p.reviewStatus}
            options={codeOptions(REVIEW_STATUSES, REVIEW_STATUS_LABELS, lang)}
            data-testid="risk-filter-review"
          />
        </Form.Item>
        <Form.Item name="due">
          <Select
            allowClear
            placeholder={p.due}
            options={[
              { value: 'dueSoon', label: p.dueSoon },
              { value: 'overdue', label: p.overdue },
            ]}
            data-testid="risk-filter-due"
          />
        </Form.Item>
        <Form.Item name="accidentType">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={p.accidentTypes}
            options={codeOptions(ACCIDENT_TYPES, ACCIDENT_TYPE_LABELS, lang)}
            style={{ width: 170 }}
            data-testid="risk-filter-accident"
          />
        </Form.Item>
        <Form.Item name="controlTier">
          <Select
            allowClear
            placeholder={p.tier}
            options={codeOptions(CONTROL_TIERS, TIER_LABELS, lang)}
            data-testid="risk-filter-tier"
          />
        </Form.Item>
        <Form.Item className="filter-actions">
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="risk-filter-search">
              {t.common.search}
            </Button>
            <Button icon={<UndoOutlined />} onClick={() => onChange({})}>
              {t.common.reset}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
