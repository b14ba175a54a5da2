// 立案登记 / 修改 a penalty case in a drawer. From a hazard's page the enterprise and the hazard come filled in (one
// step); the whole case is checked with the server's own rule (penaltyProblem) before it is sent, and the server's
// field messages land on the fields.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import {
  PENALTY_MEASURE_LABELS,
  PENALTY_MEASURES,
  PENALTY_STAGE_DATES,
  PENALTY_STATUS_LABELS,
  PENALTY_STATUSES,
  type PenaltyMeasure,
  type PenaltyStatus,
  penaltyProblem,
} from '../../../../shared/src/enforcement';
import type { HazardView } from '../../../../shared/src/hazards';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page } from '../../app/api';
import { codeOptions } from '../../app/ui/options';
import { markServerFields, useIsMobile } from '../hazards/common';
import { EnterprisePicker } from '../hazards/pickers';
import { enforcementKeys, type PenaltyCase } from './common';
import { useEnforcementText } from './text';
import './enforcement.css';

interface Values {
  caseNo?: string;
  enterpriseId?: string;
  hazardIds?: string[];
  legalBasis?: string;
  measures?: PenaltyMeasure[];
  fineAmount?: number | null;
  filedOn?: Dayjs;
  decidedOn?: Dayjs | null;
  executedOn?: Dayjs | null;
  closedOn?: Dayjs | null;
  status?: PenaltyStatus;
  note?: string;
}

export interface PenaltyPreset {
  enterpriseId: string;
  enterpriseName: string;
  hazardIds: string[];
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const day = (s: string | null) => (s ? dayjs(s) : null);

/** The hazards of one enterprise to link (the newest 100; the case may name several). */
function HazardsSelect({
  enterpriseId,
  value,
  onChange,
  known,
}: {
  enterpriseId?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  known: { id: string; serial: string; description: string }[];
}) {
  const { e } = useEnforcementText();
  const found = useQuery({
    queryKey: ['hazards', 'list', { enterpriseId, pageSize: 100, purpose: 'penalty' }],
    queryFn: () => api.get<Page<HazardView>>('/hazards', { enterpriseId, pageSize: 100, order: 'desc' }),
    enabled: Boolean(enterpriseId),
  });
  const options = new Map<string, string>();
  for (const h of known) options.set(h.id, `${h.serial} ${h.description}`);
  for (const h of found.data?.items ?? []) options.set(h.id, `${h.serial} ${h.description}`);
  return (
    <Select
      mode="multiple"
      allowClear
      disabled={!enterpriseId}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={enterpriseId ? e.penalties.hazardsPlaceholder : e.penalties.pickEnterpriseFirst}
      optionFilterProp="label"
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      data-testid="penalty-hazards"
    />
  );
}

export function PenaltyCaseFormDrawer({
  open,
  onClose,
  editing,
  preset,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  /** The case being edited; none to file a new one. */
  editing?: PenaltyCase | null;
  /** A new case from a hazard's page: its enterprise and the hazard. */
  preset?: PenaltyPreset | null;
  onSaved?: (saved: PenaltyCase) => void;
}) {
  const { e, pf, lang } = useEnforcementText();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const measures = Form.useWatch('measures', form) ?? [];
  const status = Form.useWatch('status', form) ?? 'filed';
  const reached = PENALTY_STATUSES.indexOf(status);

  useEffect(() => {
    if (!open) return;
    if (editing) {
      form.setFieldsValue({
        caseNo: editing.caseNo,
        enterpriseId: editing.enterpriseId,
        hazardIds: editing.hazardIds,
        legalBasis: editing.legalBasis,
        measures: editing.measures,
        fineAmount: editing.fineAmount,
        filedOn: dayjs(editing.filedOn),
        decidedOn: day(editing.decidedOn),
        executedOn: day(editing.executedOn),
        closedOn: day(editing.closedOn),
        status: editing.status,
        note: editing.note ?? undefined,
      });
    } else {
      form.setFieldsValue({
        enterpriseId: preset?.enterpriseId,
        hazardIds: preset?.hazardIds ?? [],
        measures: ['warning'],
        status: 'filed',
        filedOn: dayjs(shanghaiToday()),
      });
    }
  }, [open, editing, preset, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        caseNo: v.caseNo?.trim() || (editing ? undefined : null),
        hazardIds: v.hazardIds ?? [],
        legalBasis: v.legalBasis ?? '',
        measures: v.measures ?? [],
        fineAmount: v.measures?.includes('fine') ? (v.fineAmount ?? null) : null,
        filedOn: iso(v.filedOn),
        decidedOn: iso(v.decidedOn),
        executedOn: iso(v.executedOn),
        closedOn: iso(v.closedOn),
        status: v.status ?? 'filed',
        note: v.note?.trim() || null,
      };
      return editing
        ? api.patch<PenaltyCase>(`/enforcement/penalty-cases/${editing.id}`, {
            ...body,
            rowVersion: editing.rowVersion,
          })
        : api.post<PenaltyCase>('/enforcement/penalty-cases', { ...body, enterpriseId: v.enterpriseId });
    },
    onSuccess: (saved) => {
      message.success(editing ? e.penalties.saved : e.penalties.created(saved.caseNo));
      queryClient.setQueryData(enforcementKeys.penalty(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: enforcementKeys.penalties });
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error instanceof Error ? error.message : String(error));
    },
  });

  const submit = (v: Values) => {
    // The server's whole-case rule, checked here first so the clerk sees the field at once.
    const problem = penaltyProblem(
      {
        measures: v.measures ?? [],
        fineAmount: v.measures?.includes('fine') ? (v.fineAmount ?? null) : null,
        filedOn: iso(v.filedOn) ?? '',
        decidedOn: reached >= 1 ? iso(v.decidedOn) : null,
        executedOn: reached >= 2 ? iso(v.executedOn) : null,
        closedOn: reached >= 3 ? iso(v.closedOn) : null,
        status: v.status ?? 'filed',
      },
      shanghaiToday(),
    );
    if (problem) {
      form.setFields([{ name: problem.field, errors: [problem.message] }]);
      return;
    }
    save.mutate({
      ...v,
      decidedOn: reached >= 1 ? v.decidedOn : null,
      executedOn: reached >= 2 ? v.executedOn : null,
      closedOn: reached >= 3 ? v.closedOn : null,
    });
  };

  // Only the stages the chosen status has reached take a date.
  const stageFields = PENALTY_STATUSES.flatMap((s, i) => {
    const field = PENALTY_STAGE_DATES[s];
    return field && i <= reached ? [field] : [];
  });
  const presetEnterprise = !editing && preset;

  return (
    <Drawer
      title={editing ? e.penalties.editTitle(editing.caseNo) : e.penalties.createTitle}
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 640}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) form.resetFields();
      }}
      footer={
        <Space className="enforcement-drawer-footer">
          <Button onClick={onClose}>{e.cancel}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="penalty-save">
            {e.save}
          </Button>
        </Space>
      }
      data-testid="penalty-form"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        {presetEnterprise && <p className="enforcement-hint">{e.penalties.fromHazardHint}</p>}
        <Form.Item name="caseNo" label={pf('caseNo')}>
          <Input placeholder={e.penalties.caseNoPlaceholder} maxLength={60} data-testid="penalty-case-no" />
        </Form.Item>
        <Form.Item
          name="enterpriseId"
          label={pf('enterpriseId')}
          rules={[{ required: true, message: e.choose(pf('enterpriseId')) }]}
        >
          {editing || presetEnterprise ? (
            <Select
              disabled
              options={[
                {
                  value: editing?.enterpriseId ?? preset?.enterpriseId,
                  label: editing?.enterpriseName ?? preset?.enterpriseName,
                },
              ]}
              data-testid="penalty-enterprise"
            />
          ) : (
            <EnterprisePicker
              testId="penalty-enterprise"
              onChange={(id) => {
                form.setFieldsValue({ enterpriseId: id, hazardIds: [] });
              }}
            />
          )}
        </Form.Item>
        <Form.Item name="hazardIds" label={pf('hazardIds')}>
          <HazardsSelect enterpriseId={enterpriseId} known={editing?.hazards ?? []} />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={pf('legalBasis')}
          rules={[
            { required: true, message: e.required(pf('legalBasis')) },
            { min: 4, message: '处罚依据至少 4 个字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={e.penalties.legalBasisPlaceholder}
            data-testid="penalty-legal-basis"
          />
        </Form.Item>
        <Form.Item
          name="measures"
          label={pf('measures')}
          rules={[{ required: true, type: 'array', min: 1, message: e.choose(pf('measures')) }]}
        >
          <Checkbox.Group
            options={codeOptions(PENALTY_MEASURES, PENALTY_MEASURE_LABELS, lang)}
            data-testid="penalty-measures"
          />
        </Form.Item>
        {measures.includes('fine') && (
          <Form.Item
            name="fineAmount"
            label={pf('fineAmount')}
            rules={[{ required: true, message: e.required(pf('fineAmount')) }]}
          >
            <InputNumber
              min={0.01}
              precision={2}
              step={1000}
              suffix={e.penalties.yuan}
              style={{ width: mobile ? '100%' : 220 }}
              data-testid="penalty-fine"
            />
          </Form.Item>
        )}
        <Space wrap size={12} className="enforcement-dates">
          <Form.Item name="status" label={pf('status')}>
            <Select
              style={{ width: 160 }}
              options={codeOptions(
                // A case moves forward only: an edited case offers its own status and the later ones.
                PENALTY_STATUSES.slice(editing ? PENALTY_STATUSES.indexOf(editing.status) : 0),
                PENALTY_STATUS_LABELS,
                lang,
              )}
              data-testid="penalty-status-select"
            />
          </Form.Item>
          <Form.Item
            name="filedOn"
            label={pf('filedOn')}
            rules={[{ required: true, message: e.choose(pf('filedOn')) }]}
          >
            <DatePicker data-testid="penalty-filed-on" />
          </Form.Item>
          {stageFields.map((f) => (
            <Form.Item key={f} name={f} label={pf(f)} rules={[{ required: true, message: e.choose(pf(f)) }]}>
              <DatePicker data-testid={`penalty-${f}`} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="note" label={pf('note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
