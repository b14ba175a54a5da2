// The ledger's conditions: status, grade, domain, category, source, enterprise, area, 整改逾期 and 复查超时 (apart),
// listed, found and closed dates and free text, plus named filters a user keeps in this browser (localStorage, per user).
import {
  DeleteOutlined,
  DownOutlined,
  FilterOutlined,
  SaveOutlined,
  SearchOutlined,
  UndoOutlined,
  UpOutlined,
} from '@ant-design/icons';
import { App, Badge, Button, Card, DatePicker, Drawer, Flex, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import {
  HAZARD_CATEGORIES,
  HAZARD_DOMAINS,
  HAZARD_GRADES,
  HAZARD_SOURCES,
  HAZARD_STATUSES,
} from '../../../../shared/src/hazards';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import type { QueryParams } from '../../app/api';
import { useMe } from '../../app/auth';
import { codeOptions } from '../../app/ui/options';
import { useHomeStats } from '../home/homeStats';
import { useHazardRights, useIsMobile } from './common';
import {
  HAZARD_CATEGORY_LABELS,
  HAZARD_DOMAIN_LABELS,
  HAZARD_GRADE_LABELS,
  HAZARD_SOURCE_LABELS,
  HAZARD_STATUS_LABELS,
} from './labels';
import { EnterprisePicker } from './pickers';
import { useRecordText } from './recordText';
import { useHazardText } from './text';

export type LedgerFilters = QueryParams;

interface FormValues {
  q?: string;
  status?: string;
  grade?: string;
  domain?: string;
  category?: string;
  source?: string;
  enterpriseId?: string;
  area?: string;
  tag?: string;
  overdue?: string;
  recheckOverdue?: string;
  listed?: string;
  found?: [Dayjs | null, Dayjs | null] | null;
  /** 销号日期, by when the closing happened (a back-filled one on its own day). */
  closed?: [Dayjs | null, Dayjs | null] | null;
}

interface SavedFilter {
  name: string;
  filters: LedgerFilters;
}

const MORE_FIELDS = [
  'domain',
  'category',
  'source',
  'enterpriseId',
  'area',
  'tag',
  'listed',
  'foundFrom',
  'closedFrom',
  'closedTo',
] as const;

/** Ledger filters a link sets (消防第三方服务 analysis, key-supervision tag) that the form has no field for. */
export const LINKED_FILTERS = [
  'fireService',
  'fireServiceContractId',
  'fireServiceVisitId',
  'fireProblem',
  'supervisionTag',
] as const;

const range = (from: unknown, to: unknown): [Dayjs | null, Dayjs | null] | null =>
  from || to ? [from ? dayjs(String(from)) : null, to ? dayjs(String(to)) : null] : null;

function toForm(filters: LedgerFilters): FormValues {
  const { foundFrom, foundTo, closedFrom, closedTo, ...rest } = filters;
  return { ...(rest as FormValues), found: range(foundFrom, foundTo), closed: range(closedFrom, closedTo) };
}

function fromForm(values: FormValues): LedgerFilters {
  const { found, closed, ...rest } = values;
  const out: LedgerFilters = {};
  for (const [k, v] of Object.entries(rest)) {
    const text = typeof v === 'string' ? v.trim() : v;
    if (text) out[k] = text as string;
  }
  if (found?.[0]) out.foundFrom = found[0].format('YYYY-MM-DD');
  if (found?.[1]) out.foundTo = found[1].format('YYYY-MM-DD');
  if (closed?.[0]) out.closedFrom = closed[0].format('YYYY-MM-DD');
  if (closed?.[1]) out.closedTo = closed[1].format('YYYY-MM-DD');
  return out;
}

/** Named filters in this browser, one list per user. */
function useSavedFilters() {
  const me = useMe();
  const key = `parksafe.hazards.savedFilters.${me.id}`;
  const [saved, setSaved] = useState<SavedFilter[]>(() => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as SavedFilter[]) : [];
    } catch {
      return [];
    }
  });
  const store = (next: SavedFilter[]) => {
    localStorage.setItem(key, JSON.stringify(next));
    setSaved(next);
  };
  return {
    saved,
    add: (name: string, filters: LedgerFilters) => store([...saved.filter((s) => s.name !== name), { name, filters }]),
    remove: (name: string) => store(saved.filter((s) => s.name !== name)),
  };
}

export function HazardFilters({
  filters,
  onChange,
}: {
  filters: LedgerFilters;
  onChange: (filters: LedgerFilters) => void;
}) {
  const { h, t, lang } = useHazardText();
  const { r } = useRecordText();
  const rights = useHazardRights();
  const mobile = useIsMobile();
  const [form] = Form.useForm<FormValues>();
  const [sheet, setSheet] = useState(false);
  const [q, setQ] = useState(String(filters.q ?? ''));
  const [expanded, setExpanded] = useState(() => MORE_FIELDS.some((k) => filters[k]));
  const areas = useHomeStats().data?.enterprises.byArea.map((a) => ({ value: a.key, label: a.key })) ?? [];
  const tagLabel = h.misc.supervisionTag;
  const f = h.filters;
  const yesNo = [
    { value: 'true', label: f.yes },
    { value: 'false', label: f.no },
  ];

  // The filters may change from outside (a statistic clicked, a saved filter chosen): the form follows them.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(filters));
    setQ(String(filters.q ?? ''));
    if (MORE_FIELDS.some((k) => filters[k])) setExpanded(true);
  }, [filters, form]);

  // Filters set by a link (the fire-service analysis' counts) have no field here: the form keeps them until 重置.
  const linked = Object.fromEntries(LINKED_FILTERS.flatMap((k) => (filters[k] ? [[k, filters[k]]] : [])));
  const apply = (values: FormValues) => {
    onChange({ ...linked, ...fromForm(mobile ? { ...values, q } : values) });
    setSheet(false);
  };
  const reset = () => {
    form.resetFields();
    setQ('');
    onChange({});
    setSheet(false);
  };
  const width = mobile ? '100%' : undefined;
  const field = (name: keyof FormValues, label: string, node: ReactNode) => (
    <Form.Item name={name} label={mobile ? label : undefined}>
      {node}
    </Form.Item>
  );
  const select = (name: keyof FormValues, label: string, options: { value: string; label: string }[], w?: number) =>
    field(
      name,
      label,
      <Select
        allowClear
        placeholder={label}
        options={options}
        style={{ width: width ?? w }}
        data-testid={`filter-${name}`}
      />,
    );

  const main = (
    <>
      {select('status', f.status, codeOptions(HAZARD_STATUSES, HAZARD_STATUS_LABELS, lang))}
      {select('grade', f.grade, codeOptions(HAZARD_GRADES, HAZARD_GRADE_LABELS, lang))}
      {/* Named options: a chosen value says which of the two it is (the placeholder is gone once chosen). */}
      {select('overdue', f.overdue, [
        { value: 'true', label: f.overdue },
        { value: 'false', label: r.overdue.notRectification },
      ])}
      {select('recheckOverdue', f.recheckOverdue, [
        { value: 'true', label: f.recheckOverdue },
        { value: 'false', label: r.overdue.notRecheck },
      ])}
    </>
  );
  const more = (
    <>
      {select('domain', f.domain, codeOptions(HAZARD_DOMAINS, HAZARD_DOMAIN_LABELS, lang))}
      {select('category', f.category, codeOptions(HAZARD_CATEGORIES, HAZARD_CATEGORY_LABELS, lang), 160)}
      {select('source', f.source, codeOptions(HAZARD_SOURCES, HAZARD_SOURCE_LABELS, lang), 150)}
      {!rights.isEnterprise &&
        field(
          'enterpriseId',
          f.enterprise,
          <EnterprisePicker placeholder={f.enterprise} style={{ width: width ?? 240 }} testId="filter-enterprise" />,
        )}
      {!rights.isEnterprise &&
        field('area', f.area, <Select allowClear showSearch placeholder={f.area} options={areas} style={{ width }} />)}
      {/* The enterprise's key-supervision tag: the dashboard's hazards by tag open the ledger with it. */}
      {!rights.isEnterprise &&
        select('tag', tagLabel, codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang), 170)}
      {select('listed', f.listed, yesNo)}
      {field('found', f.found, <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: width ?? 260 }} />)}
      {field(
        'closed',
        f.closed,
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[r.overdue.closedFrom, r.overdue.closedTo]}
          style={{ width: width ?? 260 }}
          data-testid="filter-closed"
        />,
      )}
    </>
  );

  if (mobile) {
    const active = Object.keys(filters).filter((k) => k !== 'q').length;
    return (
      <div className="hazard-filter-bar" data-testid="hazard-filters">
        <Input.Search
          allowClear
          value={q}
          placeholder={f.q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => onChange(fromForm({ ...toForm(filters), q: value }))}
          data-testid="filter-q"
        />
        <Badge count={active} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setSheet(true)} data-testid="filter-open">
            {f.filterButton}
          </Button>
        </Badge>
        <Drawer
          placement="bottom"
          size="85%"
          open={sheet}
          onClose={() => setSheet(false)}
          title={f.filterButton}
          forceRender
          footer={
            <Flex gap={8}>
              <Button block icon={<UndoOutlined />} onClick={reset}>
                {t.common.reset}
              </Button>
              <Button block type="primary" icon={<SearchOutlined />} onClick={() => form.submit()}>
                {t.common.search}
              </Button>
            </Flex>
          }
        >
          <Form<FormValues> form={form} layout="vertical" className="hazard-filter-mobile" onFinish={apply}>
            {main}
            {more}
          </Form>
          <SavedFilters
            filters={filters}
            onPick={(next) => {
              onChange(next);
              setSheet(false);
            }}
          />
        </Drawer>
      </div>
    );
  }

  return (
    <Card className="filter-card" size="small" data-testid="hazard-filters">
      <Form<FormValues> form={form} layout="inline" className="filter-form" onFinish={apply}>
        {field('q', f.q, <Input allowClear placeholder={f.q} style={{ width: 200 }} data-testid="filter-q" />)}
        {main}
        {expanded && more}
        <Form.Item className="filter-actions">
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-search">
              {t.common.search}
            </Button>
            <Button icon={<UndoOutlined />} onClick={reset}>
              {t.common.reset}
            </Button>
            <Button
              type="link"
              onClick={() => setExpanded((e) => !e)}
              icon={expanded ? <UpOutlined /> : <DownOutlined />}
              data-testid="filter-more"
            >
              {expanded ? f.less : f.more}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      <SavedFilters filters={filters} onPick={onChange} />
    </Card>
  );
}

/** 常用筛选: choose a named filter, save the current one under a name, delete one from the list. */
function SavedFilters({ filters, onPick }: { filters: LedgerFilters; onPick: (filters: LedgerFilters) => void }) {
  const { h } = useHazardText();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const [nameForm] = Form.useForm<{ name: string }>();
  const [naming, setNaming] = useState(false);
  const { saved, add, remove } = useSavedFilters();
  const f = h.filters;
  const count = Object.keys(filters).length;
  const current = useMemo(
    () => saved.find((s) => JSON.stringify(s.filters) === JSON.stringify(filters))?.name,
    [saved, filters],
  );
  return (
    <Flex gap={8} wrap align="center" className="hazard-saved-filters">
      <Select
        placeholder={f.saved}
        value={current}
        style={{ width: mobile ? '100%' : 240 }}
        notFoundContent={f.savedEmpty}
        onChange={(name: string) => {
          const s = saved.find((x) => x.name === name);
          if (s) onPick(s.filters);
        }}
        options={saved.map((s) => ({ value: s.name, label: s.name }))}
        optionRender={(option) => (
          <Flex justify="space-between" align="center">
            <span>{option.label}</span>
            <Button
              type="text"
              size="small"
              icon={<DeleteOutlined />}
              aria-label={f.remove}
              onClick={(e) => {
                e.stopPropagation();
                remove(String(option.value));
                message.success(f.removed(String(option.value)));
              }}
            />
          </Flex>
        )}
        data-testid="saved-filters"
      />
      <Button
        icon={<SaveOutlined />}
        onClick={() => (count === 0 ? message.info(f.nothingToSave) : setNaming(true))}
        data-testid="save-filter"
      >
        {f.save}
      </Button>
      {count > 0 && <span className="hazard-hint">{f.active(count)}</span>}
      <Modal
        title={f.saveTitle}
        open={naming}
        onCancel={() => setNaming(false)}
        onOk={() => nameForm.submit()}
        destroyOnHidden
        afterClose={() => nameForm.resetFields()}
        okButtonProps={{ ...({ 'data-testid': 'save-filter-ok' } as object) }}
      >
        <Form
          form={nameForm}
          layout="vertical"
          onFinish={({ name }) => {
            add(name.trim(), filters);
            message.success(f.savedOk(name.trim()));
            setNaming(false);
          }}
        >
          <Form.Item
            name="name"
            label={f.saveName}
            rules={[{ required: true, whitespace: true, message: f.saveNameRequired }]}
          >
            <Input maxLength={30} placeholder={f.saveNamePlaceholder} data-testid="save-filter-name" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
