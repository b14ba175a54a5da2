import { Select, type SelectProps, Space, Tag, Typography } from 'antd';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { ENTERPRISE_STATUS_LABELS, SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { useI18n } from '../../app/i18n';
import { codeOptions } from '../../app/ui/options';

// Hazard-heavy domains in warm colours, so a supervisor's eye lands on them first.
export const TAG_COLORS: Record<string, string> = {
  hazardousChemicals: 'red',
  combustibleDust: 'volcano',
  confinedSpace: 'orange',
  ammoniaRefrigeration: 'gold',
  chlorine: 'magenta',
  metalSmelting: 'purple',
  fireworksRetail: 'red',
  crowdedPlace: 'cyan',
  construction: 'lime',
  fireSafetyKeyUnit: 'volcano',
  specialEquipmentUser: 'geekblue',
};

const STATUS_COLORS: Record<string, string> = {
  operating: 'success',
  suspended: 'error',
  pendingResumption: 'warning',
  cancelled: 'default',
};

export function SupervisionTags({ tags, empty }: { tags: readonly string[]; empty?: string }) {
  const { l } = useI18n();
  if (tags.length === 0) return <Typography.Text type="secondary">{empty ?? '—'}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} color={TAG_COLORS[tag] ?? 'blue'}>
          {l(SUPERVISION_TAG_LABELS, tag)}
        </Tag>
      ))}
    </Space>
  );
}

export function EnterpriseStatusTag({ status }: { status: string }) {
  const { l } = useI18n();
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{l(ENTERPRISE_STATUS_LABELS, status)}</Tag>;
}

/** A unified social credit code, in a monospace face so its 18 characters can be read and compared. */
export function CreditCode({ code }: { code: string }) {
  return <span className="credit-code">{code}</span>;
}

/** Several key-supervision tags, each chip in its tag colour. */
export function SupervisionTagSelect(props: Omit<SelectProps<string[]>, 'mode' | 'options'>) {
  const { lang } = useI18n();
  return (
    <Select<string[]>
      {...props}
      mode="multiple"
      allowClear
      options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)}
      optionFilterProp="label"
      tagRender={({ label, value, closable, onClose }) => (
        <Tag
          color={TAG_COLORS[String(value)] ?? 'blue'}
          closable={closable}
          onClose={onClose}
          onMouseDown={(e) => e.preventDefault()}
          className="tag-select-chip"
        >
          {label}
        </Tag>
      )}
    />
  );
}
