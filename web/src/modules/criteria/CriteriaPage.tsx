// 重大事故隐患判定标准库: everyone browses the park's library by standard; the administrator adds items, revises them
// (a new version; the old one is retired but kept, so recorded hazards keep their wording) and retires them.
// Items whose wording is not yet checked against the official text show 待核对.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { CRITERIA_STANDARDS } from '../../../../shared/src/criteria';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { useDebounced } from '../../app/useDebounced';
import { markServerFields, useIsMobile } from '../hazards/common';
import { byCode, type Criterion } from '../hazards/pickers';
import { useCriteriaText } from './text';
import './criteria.css';

const ALL = '__all';
const PAGE_SIZE = 100;

export default function CriteriaPage() {
  const { c, t } = useCriteriaText();
  const me = useMe();
  const admin = me.role === 'admin';
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [standard, setStandard] = useState<string>(ALL);
  const [search, setSearch] = useState('');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [revising, setRevising] = useState<Criterion | null>(null);
  const q = useDebounced(search.trim());
  const query = {
    q: q || undefined,
    standard: standard === ALL ? undefined : standard,
    includeRetired: includeRetired ? 'true' : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: ['criteria', 'library', query],
    queryFn: () => api.get<Page<Criterion>>('/criteria', query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['criteria'] });
  const retire = useMutation({
    mutationFn: (row: Criterion) => api.post<Criterion>(`/criteria/${row.id}/retire`),
    onSuccess: (row) => {
      message.success(c.retiredOk(row.code));
      void refresh();
    },
    onError: showError,
  });

  const rows = [...(list.data?.items ?? [])].sort((a, b) => a.standard.localeCompare(b.standard) || byCode(a, b));

  const columns: TableColumnsType<Criterion> = [
    {
      title: c.code,
      dataIndex: 'code',
      width: 140,
      render: (code: string) => <span className="criterion-code-cell">{code}</span>,
    },
    { title: c.version, dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    ...(mobile ? [] : [{ title: c.article, dataIndex: 'article', width: 110, render: (v: string | null) => v ?? '—' }]),
    { title: c.item, dataIndex: 'item' },
    {
      title: c.verified,
      dataIndex: 'verified',
      width: 90,
      render: (v: boolean) =>
        v ? (
          <Tag color="success">{c.verifiedYes}</Tag>
        ) : (
          <Tag color="orange" data-testid="criterion-unverified">
            {c.unverified}
          </Tag>
        ),
    },
    {
      title: c.status,
      dataIndex: 'retired',
      width: 80,
      render: (v: boolean) => (v ? <Tag>{c.retired}</Tag> : <Tag color="blue">{c.current}</Tag>),
    },
    ...(admin
      ? [
          {
            title: t.common.actions,
            key: 'actions',
            width: 130,
            fixed: 'right' as const,
            render: (_: unknown, row: Criterion) =>
              row.retired ? null : (
                <Space size={4}>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setRevising(row)}
                    data-testid={`criterion-revise-${row.code}`}
                  >
                    {c.revise}
                  </Button>
                  <Popconfirm title={c.retireConfirm(row.code)} onConfirm={() => retire.mutate(row)}>
                    <Button type="link" size="small" danger data-testid={`criterion-retire-${row.code}`}>
                      {c.retire}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]
      : []),
  ];

  const tabs = [{ key: ALL, label: c.all }, ...Object.keys(CRITERIA_STANDARDS).map((key) => ({ key, label: key }))];

  return (
    <PageContainer
      title={t.menu.criteria}
      extra={
        admin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="criteria-add">
            {c.add}
          </Button>
        )
      }
    >
      <Alert type="info" showIcon title={c.intro} />
      <Card>
        <Tabs
          activeKey={standard}
          onChange={(key) => {
            setStandard(key);
            setPage(1);
          }}
          items={tabs}
        />
        {standard !== ALL && (
          <Typography.Paragraph type="secondary">
            {CRITERIA_STANDARDS[standard as keyof typeof CRITERIA_STANDARDS] ?? standard}
          </Typography.Paragraph>
        )}
        <Flex gap={12} wrap align="center" className="criteria-toolbar">
          <Input.Search
            allowClear
            placeholder={c.search}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 280 }}
            data-testid="criteria-search"
          />
          <Space>
            <Switch checked={includeRetired} onChange={setIncludeRetired} size="small" />
            <span>{c.includeRetired}</span>
          </Space>
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Criterion>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isFetching}
            rowClassName={(row) => (row.retired ? 'criterion-retired' : '')}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showTotal: c.count,
              hideOnSinglePage: true,
            }}
            scroll={{ x: mobile ? 640 : 900 }}
            data-testid="criteria-table"
          />
        )}
      </Card>
      <CriterionCreateModal
        open={adding}
        defaultStandard={standard === ALL ? 'GM2023' : standard}
        onClose={() => setAdding(false)}
        onDone={() => void refresh()}
      />
      <CriterionReviseModal criterion={revising} onClose={() => setRevising(null)} onDone={() => void refresh()} />
    </PageContainer>
  );
}

interface CreateValues {
  code: string;
  standard: string;
  article?: string;
  item: string;
  verified?: boolean;
}

function CriterionCreateModal({
  open,
  defaultStandard,
  onClose,
  onDone,
}: {
  open: boolean;
  defaultStandard: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { c } = useCriteriaText();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      api.post<Criterion>('/criteria', { ...v, article: v.article || null, verified: Boolean(v.verified) }),
    onSuccess: (row) => {
      message.success(c.created(row.code));
      onDone();
      onClose();
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });
  return (
    <Modal
      title={c.addTitle}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
      okButtonProps={{ ...({ 'data-testid': 'criterion-create-ok' } as object) }}
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ standard: defaultStandard, verified: false }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="standard" label={c.standard} extra={c.standardHint} rules={[{ required: true, min: 2 }]}>
          <AutoComplete
            options={Object.entries(CRITERIA_STANDARDS).map(([value, label]) => ({
              value,
              label: `${value} ${label}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={c.code}
          extra={c.codeHint}
          rules={[
            { required: true, message: c.required(c.code) },
            { pattern: /^[A-Z]{2}\d{4}-[0-9-]+$/, message: c.codeHint },
          ]}
        >
          <Input maxLength={40} data-testid="criterion-code" />
        </Form.Item>
        <Form.Item name="article" label={c.article} extra={c.articleHint}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="item"
          label={c.item}
          rules={[{ required: true, whitespace: true, min: 6, message: c.required(c.item) }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="criterion-item" />
        </Form.Item>
        <Form.Item name="verified" valuePropName="checked">
          <Checkbox>{c.verifiedField}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CriterionReviseModal({
  criterion,
  onClose,
  onDone,
}: {
  criterion: Criterion | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { c } = useCriteriaText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ item: string; article?: string; verified: boolean }>();
  const revise = useMutation({
    mutationFn: (v: { item: string; article?: string; verified: boolean }) =>
      api.post<Criterion>(`/criteria/${criterion!.id}/revise`, { ...v, article: v.article || null }),
    onSuccess: (row) => {
      message.success(c.revised(row.code, row.version));
      onDone();
      onClose();
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });
  return (
    <Modal
      title={criterion ? c.reviseTitle(criterion.code, criterion.version + 1) : ''}
      open={criterion !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={revise.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
      okButtonProps={{ ...({ 'data-testid': 'criterion-revise-ok' } as object) }}
    >
      {criterion && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ item: criterion.item, article: criterion.article ?? '', verified: criterion.verified }}
          onFinish={(v) => revise.mutate(v)}
        >
          <Typography.Paragraph type="secondary">{c.reviseHint}</Typography.Paragraph>
          <Form.Item name="article" label={c.article}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="item"
            label={c.item}
            rules={[{ required: true, whitespace: true, min: 6, message: c.required(c.item) }]}
          >
            <Input.TextArea rows={5} maxLength={1000} showCount data-testid="criterion-revise-item" />
          </Form.Item>
          <Form.Item name="verified" valuePropName="checked">
            <Checkbox data-testid="criterion-revise-verified">{c.verifiedField}</Checkbox>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
