import { useQueries } from '@tanstack/react-query';
import { Select } from 'antd';
import { type CSSProperties, useState } from 'react';
import { ORGANISATION_KIND_LABELS } from '../../../../shared/src/labels';
import type { OrganisationView } from '../../../../shared/src/organisations';
import type { OrganisationKind } from '../../../../shared/src/roles';
import { api, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useDebounced } from '../../app/useDebounced';

interface Props {
  /** Only organisations of these kinds; all kinds when omitted. */
  kinds?: readonly OrganisationKind[];
  /** The organisation already chosen, so its name shows even when it is not among the first results. */
  current?: { id: string; name: string };
  value?: string;
  onChange?: (value: string | undefined) => void;
  disabled?: boolean;
  placeholder?: string;
  style?: CSSProperties;
}

/** Searches organisations on the server: a park has hundreds of enterprises, too many to list at once. */
export function OrganisationSelect({ kinds, current, value, onChange, disabled, placeholder, style }: Props) {
  const { t, l } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const kindList: (OrganisationKind | undefined)[] = kinds ? [...kinds] : [undefined];
  const results = useQueries({
    queries: kindList.map((kind) => ({
      queryKey: ['organisations', 'options', kind, q],
      queryFn: () => api.get<Page<OrganisationView>>('/organisations', { kind, q, pageSize: 50, sort: 'name' }),
      enabled: !disabled,
    })),
  });
  const found = results.flatMap((r) => r.data?.items ?? []).filter((o) => !o.disabled || o.id === value);
  const options = found.map((o) => ({
    value: o.id,
    label: kindList.length > 1 || !kinds ? `${o.name}（${l(ORGANISATION_KIND_LABELS, o.kind)}）` : o.name,
  }));
  if (current && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name });

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={onChange}
      disabled={disabled}
      placeholder={placeholder ?? t.users.organisationSearch}
      options={options}
      loading={results.some((r) => r.isFetching)}
      style={style}
      data-testid="organisation-select"
    />
  );
}
