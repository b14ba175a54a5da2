import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import { CREDIT_GRADE_NAMES, CREDIT_GRADES } from '../../../../shared/src/credit';
import { ENTERPRISE_STATUSES, SCALES, SITE_TYPES, SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import {
  ENTERPRISE_STATUS_LABELS,
  RISK_LEVEL_LABELS,
  SCALE_LABELS,
  SITE_TYPE_LABELS,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';
import { RISK_LEVELS } from '../../../../shared/src/risk-levels';
import { codeOptions } from '../../app/ui/options';
import { useHomeStats } from '../home/homeStats';
import { IndustrySelect } from './IndustrySelect';
import type { EnterpriseFilterValues } from './listPrefs';
import { useEnterpriseText } from './text';

/**
 * The query form above the registry: 查询 applies it, 重置 clears it. It starts from the list's remembered filters, so
 * coming back from an enterprise page shows what the list is filtered by.
 */
export function EnterpriseFilters({
  initial,
  onSearch,
}: {
  initial: EnterpriseFilterValues;
  onSearch: (values: EnterpriseFilterValues) => void;
}) {
  const { t, x, lang } = useEnterpriseText();
  const f = t.enterprise;
  const [form] = Form.useForm<EnterpriseFilterValues>();
  // The areas that actually hold enterprises in this user's scope, as counted for the home page.
  const areas = useHomeStats().data?.enterprises.byArea.map((a) => ({ value: a.key, label: a.key })) ?? [];
  return (
    <Card className="filter-card" size="small">
      <Form form={form} layout="inline" initialValues={initial} onFinish={onSearch} className="filter-form">
        <Form.Item name="q">
          <Input allowClear placeholder={f.searchPlaceholder} style={{ width: 240 }} data-testid="filter-q" />
        </Form.Item>
        <Form.Item name="area">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={f.area}
            options={areas}
            data-testid="filter-area"
          />
        </Form.Item>
        <Form.Item name="industryCode">
          <IndustrySelect placeholder={x.filters.industry} style={{ width: 220 }} testId="filter-industry" />
        </Form.Item>
        <Form.Item name="tag">
          <Select
            allowClear
            placeholder={f.tags}
            options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)}
            style={{ width: 180 }}
            data-testid="filter-tag"
          />
        </Form.Item>
        <Form.Item name="scale">
          <Select
            allowClear
            placeholder={f.scale}
            options={codeOptions(SCALES, SCALE_LABELS, lang)}
            data-testid="filter-scale"
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            allowClear
            placeholder={f.status}
            options={codeOptions(ENTERPRISE_STATUSES, ENTERPRISE_STATUS_LABELS, lang)}
            data-testid="filter-status"
          />
        </Form.Item>
        <Form.Item name="siteType">
          <Select
            allowClear
            placeholder={f.siteType}
            options={codeOptions(SITE_TYPES, SITE_TYPE_LABELS, lang)}
            data-testid="filter-siteType"
          />
        </Form.Item>
        <Form.Item name="riskLevel">
          <Select
            allowClear
            placeholder={x.filters.riskLevel}
            options={codeOptions([...RISK_LEVELS, 'none'], RISK_LEVEL_LABELS, lang)}
            style={{ width: 130 }}
            data-testid="filter-riskLevel"
          />
        </Form.Item>
        <Form.Item name="creditGrade">
          <Select
            allowClear
            placeholder={x.filters.creditGrade}
            options={CREDIT_GRADES.map((g) => ({
              value: g,
              label: lang === 'en' ? `Grade ${g}` : CREDIT_GRADE_NAMES[g],
            }))}
            style={{ width: 150 }}
            data-testid="filter-creditGrade"
          />
        </Form.Item>
        <Form.Item className="filter-actions">
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-search">
              {t.common.search}
            </Button>
            <Button
              icon={<UndoOutlined />}
              onClick={() => {
                form.setFieldsValue({
                  q: undefined,
                  area: undefined,
                  industryCode: undefined,
                  tag: undefined,
                  scale: undefined,
                  status: undefined,
                  siteType: undefined,
                  riskLevel: undefined,
                  creditGrade: undefined,
                });
                onSearch({});
              }}
            >
              {t.common.reset}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
