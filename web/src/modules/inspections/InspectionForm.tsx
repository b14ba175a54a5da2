// 登记检查记录: one inspection of one enterprise with the hazards it found, sent in one request (the server saves all
// of it or none). An enterprise records its own self-inspection (企业自查); the committee's staff the others.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import { type CampaignView, INSPECTION_KINDS, type InspectionView } from '../../../../shared/src/campaigns';
import { HAZARD_DOMAINS } from '../../../../shared/src/hazards';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { codeOptions } from '../../app/ui/options';
import { useDebounced } from '../../app/useDebounced';
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
import { INSPECTION_KIND_LABELS, useInspectionText } from './text';

export type Inspection = z.infer<typeof InspectionView>;
type Campaign = z.infer<typeof CampaignView>;

interface Values {
  campaignId?: string;
  enterpriseId?: string;
  inspectedOn: Dayjs;
  kind: string;
  domains: string[];
  externalInspectors?: string[];
  summary?: string;
  enterpriseSigner?: string;
  hazards?: HazardFieldValues[];
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
      options={(found.data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.name}（${c.startsOn} ~ ${c.endsOn}）`,
      }))}
      data-testid="inspection-campaign"
    />
  );
}

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
  const me = useMe();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const walls = useBusyWalls();
  const [round, setRound] = useState(0);
  const own = me.role === 'enterprise' ? (me.enterpriseId ?? undefined) : undefined;
  const enterpriseId = Form.useWatch('enterpriseId', form) ?? own;
  const half = mobile ? 24 : 12;
  const today = dayjs(parkToday());

  const create = useMutation({
    mutationFn: (v: Values) =>
      api.post<Inspection>('/inspections', {
        campaignId: v.campaignId ?? null,
        enterpriseId: own ?? v.enterpriseId,
        inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
        kind: v.kind,
        domains: v.domains,
        externalInspectors: (v.externalInspectors ?? []).map((n) => n.trim()).filter(Boolean),
        summary: v.summary || null,
        enterpriseSigner: v.enterpriseSigner || null,
        hazards: (v.hazards ?? []).map((hz) => {
          const { foundOn: _found, ...body } = hazardBody(hz);
          return body;
        }),
      }),
    onSuccess: (inspection) => {
      message.success(x.created(inspection.hazardCount));
      void queryClient.invalidateQueries({ queryKey: ['inspections'] });
      void queryClient.invalidateQueries({ queryKey: hazardKeys.all });
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
      width={820}
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
          hazards: [],
        }}
        onFinish={(v) => create.mutate(v)}
        scrollToFirstError
        data-testid="inspection-form"
      >
        {!own && (
          <Form.Item name="campaignId" label={x.campaign}>
            <CampaignPicker />
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
        <Form.Item name="externalInspectors" label={x.externalInspectors} extra={x.inspectorsHint}>
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、', ' ']}
            placeholder={x.externalPlaceholder}
            data-testid="inspection-inspectors"
          />
        </Form.Item>
        <Form.Item name="summary" label={x.summary}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={x.summaryPlaceholder}
            data-testid="inspection-summary"
          />
        </Form.Item>
        <Form.Item name="enterpriseSigner" label={x.signer}>
          <Input maxLength={50} data-testid="inspection-signer" />
        </Form.Item>

        <Form.List name="hazards">
          {(fields, { add, remove }) => (
            <div className="inspection-hazards">
              <div className="inspection-hazards-head">
                <span className="inspection-hazards-title">{x.hazards}</span>
                <span className="hazard-hint">{x.hazardCount(fields.length)}</span>
              </div>
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
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
