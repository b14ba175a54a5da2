// A searched multi-select of enterprises in the user's scope (a park-level drill's participants).
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import { api, type Page } from '../../app/api';
import { useDebounced } from '../../app/useDebounced';
import { useDrillsText } from './text';

export function EnterprisesSelect({
  value,
  onChange,
  testId,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  testId?: string;
}) {
  const t = useDrillsText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['enterprises', 'options', q],
    queryFn: () => api.get<Page<EnterpriseView>>('/enterprises', { q, pageSize: 30, sort: 'name' }),
  });
  const [known, setKnown] = useState<Record<string, string>>({});
  const items = found.data?.items ?? [];
  const options = items.map((e) => ({ value: e.id, label: e.name }));
  for (const id of value ?? []) {
    if (!options.some((o) => o.value === id)) options.unshift({ value: id, label: known[id] ?? id });
  }
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      options={options}
      placeholder={t.searchEnterprise}
      data-testid={testId}
      onChange={(ids: string[]) => {
        const names = { ...known };
        for (const e of items) names[e.id] = e.name;
        setKnown(names);
        onChange?.(ids);
      }}
    />
  );
}
