import { Form, Input, Select } from 'antd';
import { ROLE_LABELS } from '../../../../shared/src/labels';
import { ROLES } from '../../../../shared/src/roles';
import type { QueryParams } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { FilterBar } from '../../app/ui/FilterBar';
import { codeOptions } from '../../app/ui/options';
import { OrganisationSelect } from './OrganisationSelect';

export function UserFilters({ onSearch }: { onSearch: (values: QueryParams) => void }) {
  const { t, lang } = useI18n();
  const u = t.users;
  return (
    <FilterBar onSearch={onSearch}>
      <Form.Item name="q">
        <Input allowClear placeholder={u.searchPlaceholder} style={{ width: 220 }} data-testid="filter-q" />
      </Form.Item>
      <Form.Item name="role">
        <Select allowClear placeholder={u.role} options={codeOptions(ROLES, ROLE_LABELS, lang)} />
      </Form.Item>
      <Form.Item name="organisationId">
        <OrganisationSelect placeholder={u.organisation} style={{ width: 260 }} />
      </Form.Item>
      <Form.Item name="status">
        <Select
          allowClear
          placeholder={t.common.status}
          options={[
            { value: 'active', label: u.active },
            { value: 'disabled', label: u.disabled },
            { value: 'locked', label: u.locked },
          ]}
        />
      </Form.Item>
    </FilterBar>
  );
}
