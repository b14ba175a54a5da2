// 登记检查记录: one inspection of one enterprise, sent in one request (the server saves all of it or none): the basics,
// a checklist checked item by item (a failed item may become a hazard on the spot), hazards found outside the
// checklist, and the signatures of both sides. An enterprise records its own self-inspection (企业自查) the same
// way; the committee's staff the other kinds. Laid out for a phone first: one item a card, large buttons.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import {
  type CampaignView,
  INSPECTION_KINDS,
  type InspectionDetail,
  type InspectorOptionList,
} from '../../../../shared/src/campaigns';
import { HAZARD_DOMAINS } from '../../../../shared/src/hazards';
import { ROLE_LABELS } from '../../../../shared/src/labels';
import { ApiError, api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { codeOptions } from '../../app/ui/options';
import { useDebounced } from '../../app/useDebounced';
import {
  type ChecklistOption,
  ChecklistPicker,
  type ChecklistTemplateDetail,
  checklistKeys,
} from '../checklists/common';
import { hazardKeys, markServerFields, parkToday, useIsMobile } from '../hazards/common';
import { FormDrawer } from '../hazards/FormDrawer';
import {
  HAZARD_FIELD_DEFAULTS,
  HazardFields,
  type HazardFieldValues,
  hazardBody,
  useBusyWalls,
} from '../hazards/HazardFields';
import { HAZARD_DOMAIN_LABELS } from '../hazards/labels';
import { EnterprisePicker } from '../hazards/pickers';
import { ChecklistItems, type ItemValues, itemHazardBody } from './ChecklistItems';
import { SignatureFields, type SignatureValues, useSignatureUpload } from './Signatures';
import { INSPECTION_KIND_LABELS, useInspectionText } from './text';

export type Inspection = z.infer<typeof InspectionDetail>;
type Campaign = z.infer<typeof CampaignView>;

interface Values {
  campaignId?: string;
  enterpriseId?: string;
  inspectedOn: Dayjs;
  kind: string;
  domains: string[];
  inspectorIds?: string[];
  externalInspectors?: string[];
  summary?: string;
  checklistTemplateId?: string;
  items?: ItemValues[];
  hazards?: HazardFieldValues[];
  inspectorSignature?: SignatureValues;
  enterpriseSignature?: SignatureValues;
}

/** Campaigns of the park, searched by name (newest first). */
function CampaignPicker({ value, onChange }: { value?: string; onChange?: (id: string | undefined) => void }) {
  const { x } = useInspectionText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['campaigns', 'options', q],
    queryFn: () => api.get<Page<Campaign>>('/campaigns', { q, pageSize: 50 }),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={x.campaignNone}
      loading={found.isFetching}
      // A cancelled campaign takes no inspection (a closed one still takes a back-filled visit of its period).
      options={(found.data?.items ?? [])
        .filter((c) => c.status !== 'cancelled')
        .map((c) => ({
          value: c.id,
          label: `${c.name}（${c.startsOn} ~ ${c.endsOn}）`,
        }))}
      data-testid="inspection-campaign"
    />
  );
}

/** Colleagues who inspected too: the park's inspection staff, or an enterprise's own people for a self-inspection. */
function InspectorPicker({ value, onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t, l } = useI18n();
  const { x } = useInspectionText();
  const me = useMe();
  const options = useQuery({
    queryKey: ['inspections', 'inspector-options'],
    queryFn: () => api.get<z.infer<typeof InspectorOptionList>>('/inspections/inspector-options'),
  });
  return (
    <Select
      mode="multiple"
      allowClear
      value={value}
      onChange={onChange}
      placeholder={t.record.inspectorsPlaceholder}
      loading={options.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      // The person entering the record is listed too: named when they took part, left out when typing up others' visit.
      options={(options.data ?? []).map((o) => ({
        value: o.id,
        label: `${o.name}（${o.organisationName ?? l(ROLE_LABELS, o.role)}）${o.id === me.id ? ` · ${x.me}` : ''}`,
      }))}
      data-testid="inspection-inspector-ids"
    />
  );
}

/** Roles the inspector picker lists (GET /inspections/inspector-options): whose own name the form starts with. */
const NAMEABLE_ROLES: readonly string[] = ['inspector', 'supervisor', 'department', 'enterprise'];

export function InspectionFormDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (inspection: Inspection) => void;
}) {
  const { x, lang } = useInspectionText();
  const { t } = useI18n();
  const r = t.record;
  const me = useMe();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const walls = useBusyWalls();
  const uploadSignature = useSignatureUpload();
  const [round, setRound] = useState(0);
  const own = me.role === 'enterprise' ? (me.enterpriseId ?? undefined) : undefined;
  const enterpriseId = Form.useWatch('enterpriseId', form) ?? own;
  const campaignId = Form.useWatch('campaignId', form);
  const checklistId = Form.useWatch('checklistTemplateId', form);
  const kind = Form.useWatch('kind', form);
  const half = mobile ? 24 : 12;
  const today = dayjs(parkToday());
  const source = kind === 'expertService' ? 'externalExpert' : 'routine';

  const checklist = useQuery({
    queryKey: checklistKeys.detail(checklistId ?? ''),
    queryFn: () => api.get<ChecklistTemplateDetail>(`/checklists/${checklistId}`),
    enabled: Boolean(checklistId),
  });
  const template = checklist.data?.id === checklistId ? checklist.data : undefined;

  // A result a checklist item: the form's item rows follow the chosen template, in its order.
  useEffect(() => {
    const ids = template?.items.map((i) => i.id) ?? [];
    const current = ((form.getFieldValue('items') ?? []) as ItemValues[]).map((i) => i.itemId);
    if (ids.join() !== current.join()) {
      form.setFieldValue(
        'items',
        ids.map((itemId) => ({ itemId })),
      );
      setRound((n) => n + 1);
    }
  }, [template, form]);

  /** Choosing a campaign offers its first checklist. */
  const campaignChosen = async (id: string | undefined) => {
    if (!id) return;
    const options = await queryClient.fetchQuery({
      queryKey: checklistKeys.options(id),
      queryFn: () => api.get<ChecklistOption[]>('/checklists/options', { campaignId: id }),
    });
    const first = options.find((o) => o.inCampaign);
    if (first && form.getFieldValue('campaignId') === id) form.setFieldValue('checklistTemplateId', first.id);
  };

  const create = useMutation({
    mutationFn: async (v: Values) => {
      const target = own ?? v.enterpriseId;
      if (!target)
        throw new ApiError(422, 'VALIDATION', x.chooseEnterpriseFirst, { enterpriseId: x.chooseEnterpriseFirst });
      const signature = async (s: SignatureValues | undefined) =>
        s?.png ? { signerName: (s.signerName ?? '').trim(), fileId: await uploadSignature(s.png, target) } : null;
      const [inspectorSignature, enterpriseSignature] = [
        await signature(v.inspectorSignature),
        await signature(v.enterpriseSignature),
      ];
      return api.post<Inspection>('/inspections', {
        campaignId: v.campaignId ?? null,
        enterpriseId: target,
        inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
        kind: v.kind,
        domains: v.domains,
        inspectorIds: v.inspectorIds ?? [],
        externalInspectors: (v.externalInspectors ?? []).map((n) => n.trim()).filter(Boolean),
        summary: v.summary || null,
        enterpriseSigner: enterpriseSignature?.signerName ?? null,
        checklistTemplateId: v.checklistTemplateId ?? null,
        items: (v.items ?? []).map((i) => ({
          itemId: i.itemId,
          result: i.result ?? null,
          note: i.result === 'na' ? null : i.note || null,
          photoIds: i.result === 'na' ? [] : (i.photoIds ?? []),
          hazard: i.result === 'fail' && i.hazardOn && i.hazard ? itemHazardBody(i.hazard) : null,
        })),
        hazards: (v.hazards ?? []).map((hz) => {
          const { foundOn: _found, ...body } = hazardBody(hz);
          return body;
        }),
        inspectorSignature,
        enterpriseSignature,
      });
    },
    onSuccess: (inspection) => {
      message.success(x.created(inspection.hazardCount));
      void queryClient.invalidateQueries({ queryKey: ['inspections'] });
      void queryClient.invalidateQueries({ queryKey: hazardKeys.all });
      void queryClient.invalidateQueries({ queryKey: checklistKeys.all });
      onCreated(inspection);
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });

  return (
    <FormDrawer
      title={own ? x.selfCreate : x.createTitle}
      open={open}
      onClose={onClose}
      width={860}
      form={form}
      walls={walls}
      onReset={() => setRound((n) => n + 1)}
      submitting={create.isPending}
      submitText={x.submit}
      submitTestId="inspection-submit"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="inspection"
        initialValues={{
          inspectedOn: today,
          kind: own ? 'selfInspection' : 'supervision',
          domains: ['production'],
          items: [],
          hazards: [],
          inspectorSignature: { signerName: me.displayName },
          // Usually the person entering it inspected: named by default, removable (an office typing up a paper record).
          inspectorIds: NAMEABLE_ROLES.includes(me.role) ? [me.id] : [],
        }}
        // The whole store: item rows carry fields (hazardOn, the hazard block) that are not all mounted.
        onFinish={() => create.mutate(form.getFieldsValue(true))}
        onFinishFailed={({ errorFields }) => {
          const open = errorFields.filter((f) => f.name[0] === 'items' && f.name[2] === 'result').length;
          if (open) message.warning(r.itemsMissing(open));
        }}
        scrollToFirstError={{ block: 'center' }}
        data-testid="inspection-form"
      >
        <Card size="small" title={r.basics} className="record-section">
          {!own && (
            <Form.Item name="campaignId" label={x.campaign}>
              <CampaignPicker onChange={(id) => void campaignChosen(id)} />
            </Form.Item>
          )}
          {!own && (
            <Form.Item name="enterpriseId" label={x.enterprise} rules={[{ required: true, message: x.enterprise }]}>
              <EnterprisePicker
                testId="inspection-enterprise"
                onChange={() => {
                  // Photos already taken belong to the previous enterprise.
                  const hazards = (form.getFieldValue('hazards') ?? []) as HazardFieldValues[];
                  form.setFieldValue(
                    'hazards',
                    hazards.map((hz) => ({ ...hz, beforePhotoIds: [], afterPhotoIds: [] })),
                  );
                  const items = (form.getFieldValue('items') ?? []) as ItemValues[];
                  form.setFieldValue(
                    'items',
                    items.map((i) => ({
                      ...i,
                      photoIds: [],
                      hazard: i.hazard ? { ...i.hazard, afterPhotoIds: [] } : undefined,
                    })),
                  );
                  setRound((n) => n + 1);
                }}
              />
            </Form.Item>
          )}
          <Row gutter={16}>
            <Col span={half}>
              <Form.Item name="inspectedOn" label={x.inspectedOn} rules={[{ required: true }]}>
                <DatePicker
                  className="hazard-full"
                  allowClear={false}
                  disabledDate={(d) => d.isAfter(today, 'day')}
                  data-testid="inspection-date"
                />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="kind" label={x.kind} rules={[{ required: true }]}>
                <Select
                  disabled={Boolean(own)}
                  options={codeOptions(
                    own ? ['selfInspection'] : INSPECTION_KINDS.filter((k) => k !== 'selfInspection'),
                    INSPECTION_KIND_LABELS,
                    lang,
                  )}
                  data-testid="inspection-kind"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="domains" label={x.domains} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={codeOptions(HAZARD_DOMAINS, HAZARD_DOMAIN_LABELS, lang)} />
          </Form.Item>
          <Form.Item
            name="inspectorIds"
            label={r.inspectors}
            extra={x.inspectorsHint}
            dependencies={['externalInspectors']}
            rules={[
              ({ getFieldValue }) => ({
                // A record names who inspected: a colleague picked here or an outside inspector typed below.
                validator: (_: unknown, ids?: string[]) =>
                  (ids?.length ?? 0) + ((getFieldValue('externalInspectors') as string[] | undefined)?.length ?? 0) > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(x.inspectorsRequired)),
              }),
            ]}
          >
            <InspectorPicker />
          </Form.Item>
          {!own && (
            <Form.Item name="externalInspectors" label={x.externalInspectors}>
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                tokenSeparators={[',', '，', '、', ' ']}
                placeholder={x.externalPlaceholder}
                data-testid="inspection-inspectors"
              />
            </Form.Item>
          )}
        </Card>

        <Card size="small" title={r.checklist} className="record-section">
          <Form.Item name="checklistTemplateId" extra={r.checklistHint}>
            <ChecklistPicker
              campaignId={campaignId}
              placeholder={t.checklist.pickerNone}
              testId="inspection-checklist"
            />
          </Form.Item>
          {template && (
            <ChecklistItems
              form={form}
              items={template.items}
              enterpriseId={enterpriseId}
              photoRound={round}
              source={source}
              onBusyChange={walls.onBusyChange}
            />
          )}
        </Card>

        <Form.List name="hazards">
          {(fields, { add, remove }) => (
            <Card
              size="small"
              title={`${template ? r.otherHazards : x.hazards}（${x.hazardCount(fields.length)}）`}
              className="record-section"
            >
              <div className="inspection-hazards">
                {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={x.noHazards} />}
                {fields.map((field, i) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={x.hazardN(i + 1)}
                    className="inspection-hazard"
                    extra={
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        data-testid={`inspection-hazard-remove-${i}`}
                      >
                        {x.removeHazard}
                      </Button>
                    }
                  >
                    <HazardFields
                      form={form}
                      enterpriseId={enterpriseId}
                      list={{ name: 'hazards', index: field.name }}
                      photoRound={round}
                      showFoundOn={false}
                      onBusyChange={walls.onBusyChange}
                    />
                  </Card>
                ))}
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  onClick={() => add({ ...HAZARD_FIELD_DEFAULTS, source: own ? 'routine' : undefined })}
                  data-testid="inspection-add-hazard"
                >
                  {x.addHazard}
                </Button>
              </div>
            </Card>
          )}
        </Form.List>

        <Card size="small" title={x.summary} className="record-section">
          <Form.Item name="summary">
            <Input.TextArea
              rows={3}
              maxLength={2000}
              placeholder={x.summaryPlaceholder}
              data-testid="inspection-summary"
            />
          </Form.Item>
        </Card>

        <Card size="small" title={r.signatures} className="record-section">
          <SignatureFields self={Boolean(own)} />
        </Card>
      </Form>
    </FormDrawer>
  );
}
