// Pieces the checklist pages share: the API's types and query keys, who may manage templates (mirrors
// server/src/platform/permissions.ts checklists.manage; the server decides), the status tag and the picker the
// campaign and inspection forms use.
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import type { z } from 'zod';
import type {
  ChecklistOptionList,
  ChecklistRef,
  ChecklistTemplateDetail,
  ChecklistTemplateView,
} from '../../../../shared/src/checklists';
import { CHECKLIST_STATUS_LABELS } from '../../../../shared/src/labels';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';

export type { ChecklistRef, ChecklistTemplateDetail, ChecklistTemplateView };
export type ChecklistOption = z.infer<typeof ChecklistOptionList>[number];

export const checklistKeys = {
  all: ['checklists'] as const,
  list: (q: object) => ['checklists', 'list', q] as const,
  detail: (id: string) => ['checklists', 'detail', id] as const,
  options: (campaignId?: string) => ['checklists', 'options', campaignId ?? null] as const,
};

export function useChecklistRights() {
  const me = useMe();
  return { manage: me.role === 'admin' || me.role === 'supervisor' };
}

const STATUS_COLORS: Record<string, string> = { draft: 'gold', active: 'green', retired: 'default' };

/** 草稿 / 启用 / 停用; a version replaced by a newer one says so. */
export function ChecklistStatusTag({ status, superseded }: { status: string; superseded?: boolean }) {
  const { l, t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="checklist-status" title={superseded ? t.checklist.superseded : ''}>
      {l(CHECKLIST_STATUS_LABELS, status)}
    </Tag>
  );
}

/** "JCB-0003 有限空间作业检查表 v2". */
export const refLabel = (c: Pick<ChecklistRef, 'code' | 'name' | 'version'>, versionText: (n: number) => string) =>
  `${c.code} ${c.name}（${versionText(c.version)}）`;

interface PickerProps {
  value?: string | string[];
  onChange?: (value: string | string[] | undefined, picked: ChecklistOption[]) => void;
  /** A campaign's own checklists come first. */
  campaignId?: string;
  multiple?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
}

/** Active newest versions of the park's checklists, the campaign's own flagged and first. */
export function ChecklistPicker({
  value,
  onChange,
  campaignId,
  multiple,
  allowClear = true,
  placeholder,
  testId,
}: PickerProps) {
  const { t } = useI18n();
  const c = t.checklist;
  const options = useChecklistOptions(campaignId);
  const items = options.data ?? [];
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      value={value}
      onChange={(v: string | string[] | undefined) => {
        const ids = Array.isArray(v) ? v : v ? [v] : [];
        onChange?.(
          v,
          items.filter((o) => ids.includes(o.id)),
        );
      }}
      placeholder={placeholder ?? c.picker}
      loading={options.isFetching}
      notFoundContent={c.noOptions}
      options={items.map((o) => ({ value: o.id, label: refLabel(o, c.versionN), option: o }))}
      optionRender={(option) => {
        const o = (option.data as { option: ChecklistOption }).option;
        return (
          <div className="checklist-option">
            <div>
              {o.inCampaign && <Tag color="blue">{c.inCampaign}</Tag>}
              <span className="checklist-code">{o.code}</span> {o.name}
            </div>
            <div className="hazard-hint">
              {c.versionN(o.version)} · {c.itemCount(o.itemCount)}
            </div>
          </div>
        );
      }}
      data-testid={testId}
    />
  );
}

export function useChecklistOptions(campaignId?: string) {
  return useQuery({
    queryKey: checklistKeys.options(campaignId),
    queryFn: () => api.get<ChecklistOption[]>('/checklists/options', { campaignId }),
  });
}
