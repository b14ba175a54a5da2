// The four kinds of record attached to an enterprise, described once each for the browser: table columns, the form's
// fields and rules (mirroring shared/src/registry.ts), and the conversion from form values to the API's body.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, type TableColumnsType, Tag, Typography } from 'antd';
import type { ComponentType } from 'react';
import type { z } from 'zod';
import {
  CERTIFICATE_TYPE_LABELS,
  EQUIPMENT_STATUS_LABELS,
  EQUIPMENT_TYPE_LABELS,
  FILING_STATUS_LABELS,
  HAZARD_SOURCE_LEVEL_LABELS,
  PLAN_KIND_LABELS,
} from '../../../../shared/src/labels';
import {
  type AttachmentKind,
  CERTIFICATE_TYPES,
  type CertificateView,
  type EmergencyPlanView,
  EQUIPMENT_TYPES,
  FILING_STATUSES,
  HAZARD_SOURCE_LEVELS,
  type MajorHazardSourceView,
  PLAN_KINDS,
  type SpecialEquipmentView,
} from '../../../../shared/src/registry';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { codeOptions } from '../../app/ui/options';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { DueState } from './DueTag';
import { useRegistryText } from './text';

export type HazardSource = z.infer<typeof MajorHazardSourceView>;
export type Equipment = z.infer<typeof SpecialEquipmentView>;
export type Plan = z.infer<typeof EmergencyPlanView>;
export type Certificate = z.infer<typeof CertificateView>;
export type AttachedRecord = HazardSource | Equipment | Plan | Certificate;

type Values = Record<string, unknown>;

export interface KindUi<V extends AttachedRecord> {
  kind: AttachmentKind;
  title: string;
  addLabel: string;
  editTitle: string;
  columns: TableColumnsType<V>;
  Fields: ComponentType;
  /** Form values for a new record, or for editing a stored one. */
  toValues: (view?: V) => Values;
  /** The API's body from the form's values: trimmed, blanks as null. */
  toBody: (values: Values) => Values;
  /** How the record is named in the delete confirmation. */
  describe: (view: V) => string;
}

const str = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s ? s : null;
};
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const date = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const dash = (v: string | null | undefined) => v || '—';
const key = (c: { dataIndex?: unknown; key?: unknown }) => String(c.dataIndex ?? c.key ?? '');

const HALF = { xs: 24, md: 12 } as const;
const required = (message: string) => [{ required: true, whitespace: true, message }];

function NoteField() {
  const { r } = useRegistryText();
  return (
    <Col span={24}>
      <Form.Item name="note" label={r.common.note} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </Col>
  );
}

// ------------------------------------------------------------------------------------------- 重大危险源

const LEVEL_COLORS: Record<number, string> = { 1: 'red', 2: 'volcano', 3: 'orange', 4: 'blue' };

export function HazardLevelTag({ level }: { level: number }) {
  const { l } = useRegistryText();
  return <Tag color={LEVEL_COLORS[level]}>{l(HAZARD_SOURCE_LEVEL_LABELS, String(level))}</Tag>;
}

/** Σ q/Q over the substances that have a threshold: the figure GB 18218 grades a source by. */
function ratio(s: HazardSource['substances']): number | null {
  const counted = s.filter((x) => x.criticalTonnes);
  return counted.length ? counted.reduce((sum, x) => sum + x.quantityTonnes / x.criticalTonnes!, 0) : null;
}

function HazardSourceFields() {
  const { r, lang } = useRegistryText();
  const h = r.hazardSources;
  return (
    <Row gutter={16}>
      <Col {...HALF}>
        <Form.Item name="name" label={h.name} rules={[...required(`${h.name}`), { max: 100 }]}>
          <Input maxLength={100} data-testid="record-name" />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="level" label={h.level} rules={[{ required: true }]}>
          <Select
            options={HAZARD_SOURCE_LEVELS.map((v) => ({
              value: v,
              label: HAZARD_SOURCE_LEVEL_LABELS[String(v)]?.[lang] ?? String(v),
            }))}
          />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="location" label={h.location} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="identifiedDate" label={h.identifiedDate}>
          <IsoDatePicker />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="filingNo" label={h.filingNo} rules={[{ max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="status" label={h.status} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'active', label: h.active },
              { value: 'retired', label: h.retired },
            ]}
          />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.List name="substances">
          {(fields, { add, remove }) => (
            <div className="substance-list">
              <div className="substance-head">
                <span>{h.substances}</span>
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ name: '', quantityTonnes: null })}>
                  {h.addSubstance}
                </Button>
              </div>
              {fields.length === 0 ? (
                <Typography.Text type="secondary">{h.noSubstances}</Typography.Text>
              ) : (
                <Row gutter={8} className="substance-labels">
                  <Col span={10}>{h.substance}</Col>
                  <Col span={6}>{h.quantity}</Col>
                  <Col span={6}>{h.critical}</Col>
                </Row>
              )}
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col span={10}>
                    <Form.Item name={[field.name, 'name']} rules={required(h.substance)}>
                      <Input placeholder={h.substance} maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'quantityTonnes']} rules={[{ required: true, message: h.quantity }]}>
                      <InputNumber placeholder={h.quantity} min={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'criticalTonnes']}>
                      <InputNumber placeholder={h.critical} min={0.0001} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
            </div>
          )}
        </Form.List>
      </Col>
      <NoteField />
    </Row>
  );
}

export function useHazardSourceUi(): KindUi<HazardSource> {
  const { r } = useRegistryText();
  const h = r.hazardSources;
  return {
    kind: 'hazard-sources',
    title: h.title,
    addLabel: h.add,
    editTitle: h.editTitle,
    columns: [
      { title: h.name, dataIndex: 'name', width: 200 },
      { title: h.level, dataIndex: 'level', width: 80, render: (v: number) => <HazardLevelTag level={v} /> },
      { title: h.location, dataIndex: 'location', width: 150, render: dash },
      {
        title: h.substances,
        dataIndex: 'substances',
        render: (s: HazardSource['substances']) =>
          s.length
            ? s
                .map((x) => `${x.name} ${x.quantityTonnes} t${x.criticalTonnes ? ` / ${x.criticalTonnes} t` : ''}`)
                .join('；')
            : '—',
      },
      {
        title: h.ratio,
        key: 'ratio',
        width: 80,
        align: 'right',
        render: (_, row) => {
          const q = ratio(row.substances);
          return q === null ? '—' : q.toFixed(2);
        },
      },
      { title: h.identifiedDate, dataIndex: 'identifiedDate', width: 110, render: dash },
      { title: h.filingNo, dataIndex: 'filingNo', width: 130, render: dash },
      {
        title: h.status,
        dataIndex: 'status',
        width: 80,
        render: (v: string) => (v === 'active' ? <Tag color="blue">{h.active}</Tag> : <Tag>{h.retired}</Tag>),
      },
    ],
    Fields: HazardSourceFields,
    toValues: (v) =>
      v
        ? {
            name: v.name,
            level: v.level,
            location: v.location,
            substances: v.substances,
            identifiedDate: v.identifiedDate,
            filingNo: v.filingNo,
            status: v.status,
            note: v.note,
          }
        : { level: 4, status: 'active', substances: [] },
    toBody: (v) => ({
      name: str(v.name) ?? '',
      level: v.level,
      location: str(v.location),
      substances: ((v.substances as Values[] | undefined) ?? []).map((s) => ({
        name: str(s.name) ?? '',
        quantityTonnes: num(s.quantityTonnes) ?? 0,
        criticalTonnes: num(s.criticalTonnes),
      })),
      identifiedDate: date(v.identifiedDate),
      filingNo: str(v.filingNo),
      status: v.status ?? 'active',
      note: str(v.note),
    }),
    describe: (v) => v.name,
  };
}

// ------------------------------------------------------------------------------------------- 特种设备

function EquipmentFields() {
  const { r, lang } = useRegistryText();
  const e = r.equipment;
  return (
    <Row gutter={16}>
      <Col {...HALF}>
        <Form.Item name="equipmentType" label={e.type} rules={[{ required: true, message: e.type }]}>
          <Select options={codeOptions(EQUIPMENT_TYPES, EQUIPMENT_TYPE_LABELS, lang)} data-testid="record-type" />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="name" label={e.name} rules={[...required(e.name), { max: 100 }]}>
          <Input maxLength={100} data-testid="record-name" />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="registrationNo" label={e.registrationNo} rules={[{ max: 60 }]}>
          <Input maxLength={60} data-testid="record-registrationNo" />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="location" label={e.location} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="lastInspectionDate" label={e.lastInspectionDate}>
          <IsoDatePicker />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="nextInspectionDate" label={e.nextInspectionDate}>
          <IsoDatePicker />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="status" label={e.status} rules={[{ required: true }]} extra={e.dueNote}>
          <Select options={codeOptions(['inUse', 'stopped', 'scrapped'], EQUIPMENT_STATUS_LABELS, lang)} />
        </Form.Item>
      </Col>
      <NoteField />
    </Row>
  );
}

/** The columns of each kind; `compact` leaves out what the park-wide reminder list does not need. */
export function equipmentColumns(r: ReturnType<typeof useRegistryText>, compact = false): TableColumnsType<Equipment> {
  const e = r.r.equipment;
  const columns: TableColumnsType<Equipment> = [
    { title: e.type, dataIndex: 'equipmentType', width: 110, render: (v: string) => r.l(EQUIPMENT_TYPE_LABELS, v) },
    { title: e.name, dataIndex: 'name', width: 150 },
    {
      title: e.registrationNo,
      dataIndex: 'registrationNo',
      width: 150,
      render: (v: string | null) => (v ? <span className="record-no">{v}</span> : '—'),
    },
    { title: e.location, dataIndex: 'location', width: 100, render: dash },
    { title: e.lastInspectionDate, dataIndex: 'lastInspectionDate', width: 110, render: dash },
    {
      title: e.nextInspectionDate,
      dataIndex: 'nextInspectionDate',
      width: 110,
      render: dash,
    },
    {
      title: e.status,
      dataIndex: 'status',
      width: 80,
      render: (v: string) => <Tag color={v === 'inUse' ? 'blue' : 'default'}>{r.l(EQUIPMENT_STATUS_LABELS, v)}</Tag>,
    },
    {
      title: r.r.common.due,
      dataIndex: 'due',
      width: 170,
      render: (v: Equipment['due'], row) => <DueState due={v} date={row.nextInspectionDate} />,
    },
  ];
  return compact ? columns.filter((c) => !['location', 'lastInspectionDate', 'status'].includes(key(c))) : columns;
}

export function useEquipmentUi(): KindUi<Equipment> {
  const text = useRegistryText();
  const e = text.r.equipment;
  return {
    kind: 'equipment',
    title: e.title,
    addLabel: e.add,
    editTitle: e.editTitle,
    columns: equipmentColumns(text),
    Fields: EquipmentFields,
    toValues: (v) =>
      v
        ? {
            equipmentType: v.equipmentType,
            name: v.name,
            registrationNo: v.registrationNo,
            location: v.location,
            lastInspectionDate: v.lastInspectionDate,
            nextInspectionDate: v.nextInspectionDate,
            status: v.status,
            note: v.note,
          }
        : { status: 'inUse' },
    toBody: (v) => ({
      equipmentType: v.equipmentType,
      name: str(v.name) ?? '',
      registrationNo: str(v.registrationNo),
      location: str(v.location),
      lastInspectionDate: date(v.lastInspectionDate),
      nextInspectionDate: date(v.nextInspectionDate),
      status: v.status ?? 'inUse',
      note: str(v.note),
    }),
    describe: (v) => v.name,
  };
}

// ------------------------------------------------------------------------------------------- 应急预案

function PlanFields() {
  const { r, lang } = useRegistryText();
  const p = r.plans;
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item name="title" label={p.name} rules={[...required(p.name), { max: 120 }]}>
          <Input maxLength={120} data-testid="record-name" />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="planKind" label={p.kind} rules={[{ required: true, message: p.kind }]}>
          <Select options={codeOptions(PLAN_KINDS, PLAN_KIND_LABELS, lang)} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="filingStatus" label={p.filingStatus} rules={[{ required: true }]}>
          <Select options={codeOptions(FILING_STATUSES, FILING_STATUS_LABELS, lang)} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="filingNo" label={p.filingNo} rules={[{ max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="issuedDate" label={p.issuedDate}>
          <IsoDatePicker />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="lastReviewDate" label={p.lastReviewDate}>
          <IsoDatePicker />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="nextReviewDate" label={p.nextReviewDate}>
          <IsoDatePicker />
        </Form.Item>
      </Col>
      <NoteField />
    </Row>
  );
}

const FILING_COLORS: Record<string, string> = { filed: 'success', notFiled: 'default', revising: 'processing' };

export function planColumns(r: ReturnType<typeof useRegistryText>, compact = false): TableColumnsType<Plan> {
  const p = r.r.plans;
  const columns: TableColumnsType<Plan> = [
    { title: p.name, dataIndex: 'title', width: 200 },
    { title: p.kind, dataIndex: 'planKind', width: 120, render: (v: string) => r.l(PLAN_KIND_LABELS, v) },
    {
      title: p.filingStatus,
      dataIndex: 'filingStatus',
      width: 90,
      render: (v: string) => <Tag color={FILING_COLORS[v]}>{r.l(FILING_STATUS_LABELS, v)}</Tag>,
    },
    {
      title: p.filingNo,
      dataIndex: 'filingNo',
      width: 140,
      render: (v: string | null) => (v ? <span className="record-no">{v}</span> : '—'),
    },
    { title: p.lastReviewDate, dataIndex: 'lastReviewDate', width: 110, render: dash },
    {
      title: p.nextReviewDate,
      dataIndex: 'nextReviewDate',
      width: 110,
      render: dash,
    },
    {
      title: r.r.common.due,
      dataIndex: 'due',
      width: 170,
      render: (v: Plan['due'], row) => <DueState due={v} date={row.nextReviewDate} />,
    },
  ];
  return compact ? columns.filter((c) => !['filingNo'].includes(key(c))) : columns;
}

export function usePlanUi(): KindUi<Plan> {
  const text = useRegistryText();
  const p = text.r.plans;
  return {
    kind: 'plans',
    title: p.title,
    addLabel: p.add,
    editTitle: p.editTitle,
    columns: planColumns(text),
    Fields: PlanFields,
    toValues: (v) =>
      v
        ? {
            planKind: v.planKind,
            title: v.title,
            filingStatus: v.filingStatus,
            filingNo: v.filingNo,
            issuedDate: v.issuedDate,
            lastReviewDate: v.lastReviewDate,
            nextReviewDate: v.nextReviewDate,
            note: v.note,
          }
        : { filingStatus: 'notFiled' },
    toBody: (v) => ({
      planKind: v.planKind,
      title: str(v.title) ?? '',
      filingStatus: v.filingStatus ?? 'notFiled',
      filingNo: str(v.filingNo),
      issuedDate: date(v.issuedDate),
      lastReviewDate: date(v.lastReviewDate),
      nextReviewDate: date(v.nextReviewDate),
      note: str(v.note),
    }),
    describe: (v) => v.title,
  };
}

// ------------------------------------------------------------------------------------------- 特种作业证书

function CertificateFields() {
  const { r, lang } = useRegistryText();
  const c = r.certificates;
  // Editing shows the stored number masked (personal data): sent back untouched, the server keeps the number.
  const no = Form.useWatch('certificateNo') as string | undefined;
  const masked = typeof no === 'string' && no.includes('*');
  return (
    <Row gutter={16}>
      <Col {...HALF}>
        <Form.Item name="holderName" label={c.holder} rules={[...required(c.holder), { max: 50 }]}>
          <Input maxLength={50} data-testid="record-name" />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="certificateType" label={c.type} rules={[{ required: true, message: c.type }]}>
          <Select
            options={codeOptions(CERTIFICATE_TYPES, CERTIFICATE_TYPE_LABELS, lang)}
            data-testid="certificate-type"
          />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="operationItem" label={c.operationItem} rules={[{ max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item
          name="certificateNo"
          label={c.certificateNo}
          rules={[...required(c.certificateNo), { max: 60 }]}
          extra={masked ? c.certificateNoKept : undefined}
        >
          <Input maxLength={60} className="record-no" data-testid="certificate-no" />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="issuedDate" label={c.issuedDate}>
          <IsoDatePicker />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="expiryDate" label={c.expiryDate} rules={[{ required: true, message: c.expiryDate }]}>
          <IsoDatePicker />
        </Form.Item>
      </Col>
      <NoteField />
    </Row>
  );
}

export function certificateColumns(
  r: ReturnType<typeof useRegistryText>,
  compact = false,
): TableColumnsType<Certificate> {
  const c = r.r.certificates;
  const columns: TableColumnsType<Certificate> = [
    { title: c.holder, dataIndex: 'holderName', width: 100 },
    {
      title: c.type,
      dataIndex: 'certificateType',
      width: 150,
      render: (v: string) => r.l(CERTIFICATE_TYPE_LABELS, v),
    },
    { title: c.operationItem, dataIndex: 'operationItem', width: 130, render: dash },
    {
      title: c.certificateNo,
      dataIndex: 'certificateNo',
      width: 190,
      // Personal data (usually the holder's ID-card number): masked, 查看 for those who may, audited.
      render: (v: string, row) => (
        <span className="record-no">
          <MaskedValue
            value={v}
            entityType="certificates"
            id={row.id}
            field="certificateNo"
            testId={`cert-no-${row.id}`}
          />
        </span>
      ),
    },
    { title: c.issuedDate, dataIndex: 'issuedDate', width: 110, render: dash },
    {
      title: c.expiryDate,
      dataIndex: 'expiryDate',
      width: 110,
    },
    {
      title: r.r.common.due,
      dataIndex: 'due',
      width: 170,
      render: (v: Certificate['due'], row) => <DueState due={v} date={row.expiryDate} />,
    },
  ];
  return compact ? columns.filter((col) => !['issuedDate'].includes(key(col))) : columns;
}

export function useCertificateUi(): KindUi<Certificate> {
  const text = useRegistryText();
  const c = text.r.certificates;
  return {
    kind: 'certificates',
    title: c.title,
    addLabel: c.add,
    editTitle: c.editTitle,
    columns: certificateColumns(text),
    Fields: CertificateFields,
    toValues: (v) =>
      v
        ? {
            holderName: v.holderName,
            certificateType: v.certificateType,
            operationItem: v.operationItem,
            certificateNo: v.certificateNo,
            issuedDate: v.issuedDate,
            expiryDate: v.expiryDate,
            note: v.note,
          }
        : {},
    toBody: (v) => ({
      holderName: str(v.holderName) ?? '',
      certificateType: v.certificateType,
      operationItem: str(v.operationItem),
      certificateNo: str(v.certificateNo) ?? '',
      issuedDate: date(v.issuedDate),
      expiryDate: date(v.expiryDate),
      note: str(v.note),
    }),
    describe: (v) => `${v.holderName} ${v.certificateNo}`,
  };
}

export const registryKeys = {
  all: ['registry'] as const,
  list: (kind: AttachmentKind, query: Record<string, unknown>) => ['registry', kind, query] as const,
};
