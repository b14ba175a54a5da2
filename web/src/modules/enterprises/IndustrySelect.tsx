import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { INDUSTRIES, INDUSTRY_SECTIONS, type IndustrySection, industryName } from '../../../../shared/src/industries';
import { useEnterpriseText } from './text';

const CODE = /^[A-T]\d{4}$/;

/**
 * GB/T 4754-2017 class picker: the park's common classes grouped by section, searchable by code or name. A valid code
 * outside the list can still be typed and used (the registry accepts any class of the standard).
 */
export function IndustrySelect({
  value,
  onChange,
  disabled,
  placeholder,
  allowClear = true,
  style,
  testId,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { x } = useEnterpriseText();
  const [search, setSearch] = useState('');
  const options = useMemo(() => {
    const groups = (Object.keys(INDUSTRY_SECTIONS) as IndustrySection[]).map((section) => ({
      label: `${section} ${INDUSTRY_SECTIONS[section]}`,
      title: section,
      options: INDUSTRIES.filter((i) => i.section === section).map((i) => ({
        value: i.code,
        label: `${i.code} ${i.name}`,
      })),
    }));
    const extra: { value: string; label: string }[] = [];
    if (value && !INDUSTRIES.some((i) => i.code === value)) {
      extra.push({ value, label: [value, industryName(value)].filter(Boolean).join(' ') });
    }
    const typed = search.trim().toUpperCase();
    if (CODE.test(typed) && typed !== value && !INDUSTRIES.some((i) => i.code === typed)) {
      extra.push({ value: typed, label: x.form.industryCustom(typed) });
    }
    return extra.length ? [...extra, ...groups] : groups;
  }, [value, search, x]);

  return (
    <Select
      showSearch={{
        onSearch: setSearch,
        filterOption: (input, option) =>
          String(option?.label ?? '')
            .toUpperCase()
            .includes(input.trim().toUpperCase()),
      }}
      allowClear={allowClear}
      disabled={disabled}
      value={value ?? undefined}
      onChange={(v?: string) => {
        setSearch('');
        onChange?.(v ?? null);
      }}
      placeholder={placeholder ?? x.form.industrySearch}
      options={options}
      style={style}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
