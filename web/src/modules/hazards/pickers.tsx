// Server-searched pickers of the hazard forms and filters: an enterprise (a park has hundreds) and a major-hazard
// criterion of the park's library (current versions only).
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { type CSSProperties, useState } from 'react';
import type { z } from 'zod';
import type { CriterionView } from '../../../../shared/src/criteria';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import { api, type Page } from '../../app/api';
import { useDebounced } from '../../app/useDebounced';
import { useHazardText } from './text';

export type Criterion = z.infer<typeof CriterionView>;

/** GM2023-11-2 before GM2023-11-10: codes compared with their numbers as numbers (the API sorts them as text). */
export const byCode = (a: { code: string; version?: number }, b: { code: string; version?: number }) =>
  a.code.localeCompare(b.code, 'en', { numeric: true }) || (b.version ?? 0) - (a.version ?? 0);

interface PickerProps<V> {
  value?: string;
  onChange?: (value: string | undefined, picked?: V) => void;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  disabled?: boolean;
}

/** Enterprises in the user's data scope, searched by name or credit code. */
export function EnterprisePicker({
  value,
  onChange,
  placeholder,
  style,
  testId,
  disabled,
}: PickerProps<EnterpriseView>) {
  const { h } = useHazardText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['enterprises', 'options', q],
    queryFn: () => api.get<Page<EnterpriseView>>('/enterprises', { q, pageSize: 30, sort: 'name' }),
    enabled: !disabled,
  });
  const [picked, setPicked] = useState<EnterpriseView | null>(null);
  const items = found.data?.items ?? [];
  const options = items.map((e) => ({ value: e.id, label: e.name }));
  // A value the page opened with (a link's enterpriseId) that is not among the options is read by id, so the field
  // shows its name, not its id.
  const listed = !!value && (items.some((e) => e.id === value) || picked?.id === value);
  const byId = useQuery({
    queryKey: ['enterprises', 'option', value],
    queryFn: () => api.get<EnterpriseView>(`/enterprises/${value}`),
    enabled: !!value && !listed && !found.isFetching,
    staleTime: 300_000,
  });
  const shown = picked?.id === value ? picked : byId.data?.id === value ? byId.data : null;
  if (shown && !items.some((e) => e.id === shown.id)) {
    options.unshift({ value: shown.id, label: shown.name });
  }
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(id: string | undefined) => {
        const e = items.find((x) => x.id === id) ?? null;
        setPicked(e);
        onChange?.(id, e ?? undefined);
      }}
      placeholder={placeholder ?? h.form.enterpriseSearch}
      options={options}
      loading={found.isFetching}
      style={style}
      disabled={disabled}
      data-testid={testId}
    />
  );
}

/** Current criteria of the library; the value is the stable code, the chosen item is handed on for the notice. */
export function CriterionPicker({ value, onChange, placeholder, style, testId, disabled }: PickerProps<Criterion>) {
  const { h } = useHazardText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['criteria', 'options', q],
    queryFn: () => api.get<Page<Criterion>>('/criteria', { q, pageSize: 100 }),
  });
  const items = [...(found.data?.items ?? [])].sort(byCode);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(code: string | undefined) =>
        onChange?.(
          code,
          items.find((c) => c.code === code),
        )
      }
      placeholder={placeholder ?? h.form.criterionPlaceholder}
      loading={found.isFetching}
      style={style}
      disabled={disabled}
      popupMatchSelectWidth
      options={items.map((c) => ({
        value: c.code,
        label: `${c.code} ${c.item}`,
        criterion: c,
      }))}
      optionRender={(option) => {
        const c = (option.data as { criterion: Criterion }).criterion;
        return (
          <div className="criterion-option">
            <span className="criterion-code">{c.code}</span>
            {!c.verified && <Tag color="orange">{h.detail.unverified}</Tag>}
            <div className="criterion-item">{c.item}</div>
          </div>
        );
      }}
      data-testid={testId}
    />
  );
}

/** Several enterprises of the user's data scope, searched by name; the chosen ones stay shown while searching on. */
export function EnterprisesPicker({
  value,
  onChange,
  placeholder,
  testId,
  knownNames,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  placeholder?: string;
  testId?: string;
  /** Names of ids already chosen (an edit form's saved choice), shown before any search finds them. */
  knownNames?: Record<string, string>;
}) {
  const { h } = useHazardText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['enterprises', 'options', q],
    queryFn: () => api.get<Page<EnterpriseView>>('/enterprises', { q, pageSize: 30, sort: 'name' }),
  });
  const [known, setKnown] = useState<Record<string, string>>(knownNames ?? {});
  const items = found.data?.items ?? [];
  const options = items.map((e) => ({ value: e.id, label: e.name }));
  for (const id of value ?? []) {
    if (!items.some((e) => e.id === id) && known[id]) options.unshift({ value: id, label: known[id] });
  }
  return (
    <Select
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(ids: string[]) => {
        setKnown((k) => ({ ...k, ...Object.fromEntries(items.map((e) => [e.id, e.name])) }));
        onChange?.(ids);
      }}
      placeholder={placeholder ?? h.form.enterpriseSearch}
      options={options}
      loading={found.isFetching}
      data-testid={testId}
    />
  );
}
