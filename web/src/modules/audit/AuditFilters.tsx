import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { AUDIT_ACTION_LABELS, ENTITY_TYPE_LABELS } from '../../../../shared/src/labels';
import type { QueryParams } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { parkDayEnd, parkDayStart } from '../../app/time';
import { FilterBar } from '../../app/ui/FilterBar';
import { codeOptions } from '../../app/ui/options';

interface Values {
  action?: string;
  entityType?: string;
  actor?: string;
  range?: [Dayjs, Dayjs] | null;
}

export function AuditFilters({ onSearch }: { onSearch: (values: QueryParams) => void }) {
  const { t, lang } = useI18n();
  const a = t.audit;
  const search = ({ range, ...rest }: Values) =>
    onSearch({
      ...rest,
      from: range ? parkDayStart(range[0]) : undefined,
      to: range ? parkDayEnd(range[1]) : undefined,
    });
  return (
    <FilterBar<Values> onSearch={search}>
      <Form.Item name="action">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={a.action}
          options={codeOptions(Object.keys(AUDIT_ACTION_LABELS), AUDIT_ACTION_LABELS, lang)}
          style={{ width: 180 }}
        />
      </Form.Item>
      <Form.Item name="entityType">
        <Select
          allowClear
          placeholder={a.entityType}
          showSearch={{ optionFilterProp: 'label' }}
          options={codeOptions(Object.keys(ENTITY_TYPE_LABELS), ENTITY_TYPE_LABELS, lang)}
          style={{ width: 160 }}
          data-testid="audit-entity-type"
        />
      </Form.Item>
      <Form.Item name="actor">
        <Input allowClear placeholder={a.actorPlaceholder} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker />
      </Form.Item>
    </FilterBar>
  );
}
