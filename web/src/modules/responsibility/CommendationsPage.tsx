// 嘉奖: the committee's commendations of enterprises and individuals, numbered per year, each with its certificate as
// Word; proposed from a published assessment's ranking or entered here. An enterprise sees its own.
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Table,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import {
  COMMENDATION_KIND_LABELS,
  COMMENDATION_KINDS,
  type CommendationKind,
} from '../../../../shared/src/responsibility';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useListState } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { markServerFields } from '../hazards/common';
import { EnterprisePicker } from '../hazards/pickers';
import { type Commendation, keys, thisYear, useDownload } from './common';

/** A commendation proposed from a ranking, or a blank one (null fields). */
export interface Proposal {
  year: number;
  roundId: string | null;
  enterpriseId: string | null;
  unitName: string | null;
  rank: number | null;
}

export default function CommendationsPage() {
  const me = useMe();
  const committee = me.role === 'admin' || me.role === 'supervisor';
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const download = useDownload();
  const list = useListState<Commendation>({});
  const page = useQuery({
    queryKey: [...keys.commendations, list.query],
    queryFn: () => api.get<Page<Commendation>>('/responsibility/commendations', list.query),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Commendation> = [
    { title: '证书编号', dataIndex: 'number', width: 200 },
    { title: '年度', dataIndex: 'year', width: 70 },
    { title: '类别', dataIndex: 'kind', width: 100, render: (k: CommendationKind) => COMMENDATION_KIND_LABELS[k] },
    {
      title: '受嘉奖',
      key: 'who',
      render: (_, c) => (c.kind === 'individual' ? `${c.personName}（${c.unitName}）` : c.unitName),
    },
    { title: '荣誉称号', dataIndex: 'honour', width: 160 },
    { title: '嘉奖日期', dataIndex: 'awardedOn', width: 110 },
    {
      title: '证书',
      key: 'certificate',
      width: 90,
      render: (_, c) => (
        <Button
          size="small"
          icon={<FileWordOutlined />}
          onClick={() => void download(`/responsibility/commendations/${c.id}/certificate`, '荣誉证书.docx')}
          data-testid="commendation-certificate"
        >
          Word
        </Button>
      ),
    },
  ];
  return (
    <PageContainer
      title="嘉奖"
      extra={
        committee && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() =>
              setProposal({ year: thisYear() - 1, roundId: null, enterpriseId: null, unitName: null, rank: null })
            }
            data-testid="commendation-create"
          >
            登记嘉奖
          </Button>
        )
      }
    >
      <FilterBar onSearch={list.setFilters}>
        <Form.Item name="year">
          <InputNumber placeholder="年度" min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder="类别"
            style={{ width: 120 }}
            options={COMMENDATION_KINDS.map((k) => ({ value: k, label: COMMENDATION_KIND_LABELS[k] }))}
          />
        </Form.Item>
      </FilterBar>
      <Card>
        {page.isError ? (
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={page.data?.items}
            loading={page.isFetching}
            pagination={list.pagination(page.data?.total, (n: number) => `共 ${n} 项`)}
            onChange={list.onChange}
            scroll={{ x: 900 }}
          />
        )}
      </Card>
      <CommendationModal proposal={proposal} onClose={() => setProposal(null)} />
    </PageContainer>
  );
}

interface Values {
  year: number;
  kind: CommendationKind;
  enterpriseId?: string;
  personName?: string;
  unitName?: string;
  honour: string;
  reason: string;
  awardedOn: dayjs.Dayjs;
}

export function CommendationModal({ proposal, onClose }: { proposal: Proposal | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const download = useDownload();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!proposal) return;
    form.setFieldsValue({
      year: proposal.year,
      kind: 'enterprise',
      enterpriseId: proposal.enterpriseId ?? undefined,
      honour: '安全生产先进企业',
      reason: proposal.rank ? `${proposal.year}年度安全生产工作考核排名第 ${proposal.rank}` : '',
      awardedOn: dayjs(),
    });
  }, [proposal, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<Commendation>('/responsibility/commendations', {
        year: v.year,
        kind: v.kind,
        enterpriseId: v.enterpriseId ?? null,
        personName: v.personName ?? null,
        unitName: v.unitName ?? null,
        honour: v.honour,
        reason: v.reason,
        awardedOn: v.awardedOn.format('YYYY-MM-DD'),
        roundId: proposal?.roundId ?? null,
      }),
    onSuccess: (c) => {
      message.success(`已登记嘉奖 ${c.number}`);
      void queryClient.invalidateQueries({ queryKey: keys.commendations });
      void download(`/responsibility/commendations/${c.id}/certificate`, '荣誉证书.docx');
      onClose();
    },
    onError: (e) => {
      markServerFields(form, e);
      message.error(e.message);
    },
  });
  return (
    <Modal
      open={!!proposal}
      title={proposal?.unitName ? `提名嘉奖：${proposal.unitName}` : '登记嘉奖'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记并下载证书"
      okButtonProps={{ loading: save.isPending, ...({ 'data-testid': 'commendation-ok' } as object) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="kind" label="嘉奖对象">
          <Radio.Group>
            {COMMENDATION_KINDS.map((k) => (
              <Radio key={k} value={k}>
                {COMMENDATION_KIND_LABELS[k]}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="enterpriseId"
          label={kind === 'individual' ? '所在企业（非企业人员可不选）' : '企业'}
          rules={kind === 'individual' ? [] : [{ required: true, message: '请选择企业' }]}
        >
          <EnterprisePicker />
        </Form.Item>
        {kind === 'individual' && (
          <>
            <Form.Item name="personName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="unitName" label="所在单位（不选企业时必填）">
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        <Form.Item name="honour" label="荣誉称号" rules={[{ required: true, min: 2, message: '请填写荣誉称号' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label="嘉奖事由" rules={[{ required: true, min: 2, message: '请填写嘉奖事由' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="awardedOn" label="嘉奖日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
