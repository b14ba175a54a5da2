import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import { api, type Page } from '../../app/api';
import { useDebounced } from '../../app/useDebounced';
import { useEnterpriseText } from './text';

/** Picks the landlord of a leased enterprise among the park's registered enterprises, searched on the server. */
export function LandlordSelect({
  value,
  onChange,
  disabled,
  selfId,
  current,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  /** The enterprise being edited: it cannot be its own landlord. */
  selfId?: string;
  /** The stored landlord, so its name shows before any search. */
  current?: { id: string; name: string } | null;
}) {
  const { x } = useEnterpriseText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['enterprises', 'landlord-search', q],
    queryFn: () => api.get<Page<EnterpriseView>>('/enterprises', { q, pageSize: 20, sort: 'name' }),
    enabled: !disabled,
    staleTime: 60_000,
  });
  const options = (found.data?.items ?? [])
    .filter((e) => e.id !== selfId)
    .map((e) => ({
      value: e.id,
      label: e.name,
      code: e.creditCode,
    }));
  if (current && value === current.id && !options.some((o) => o.value === current.id)) {
    options.unshift({ value: current.id, label: current.name, code: '' });
  }
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      disabled={disabled}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      placeholder={x.form.landlordPlaceholder}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      optionRender={(o) => (
        <div className="landlord-option">
          <span>{o.label}</span>
          {o.data.code && <span className="credit-code landlord-option-code">{o.data.code}</span>}
        </div>
      )}
      data-testid="landlord-select"
    />
  );
}
