// A campaign chosen as a list filter (检查记录 by 检查行动): searched by name; a campaign chosen through a link
// (?campaignId=…) is named even when the search does not list it.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { type CSSProperties, useState } from 'react';
import { api, type Page } from '../../app/api';
import { useDebounced } from '../../app/useDebounced';
import type { Campaign } from './CampaignsPage';

export function CampaignFilter({
  value,
  onChange,
  placeholder,
  style,
}: {
  value?: string;
  onChange: (id: string | undefined) => void;
  placeholder: string;
  style?: CSSProperties;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['campaigns', 'options', q],
    queryFn: () => api.get<Page<Campaign>>('/campaigns', { q, pageSize: 50 }),
  });
  const items = found.data?.items ?? [];
  const chosen = useQuery({
    queryKey: ['campaigns', 'detail', value ?? ''],
    queryFn: () => api.get<Campaign>(`/campaigns/${value}`),
    enabled: Boolean(value) && !items.some((c) => c.id === value),
  });
  const options = items.map((c) => ({ value: c.id, label: c.name }));
  if (value && chosen.data && !items.some((c) => c.id === value)) {
    options.unshift({ value, label: chosen.data.name });
  }
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(id: string | undefined) => onChange(id)}
      placeholder={placeholder}
      loading={found.isFetching}
      options={options}
      style={style}
      popupMatchSelectWidth={false}
      data-testid="inspection-campaign-filter"
    />
  );
}
