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
import { COMMENDATION_KINDS, type CommendationKind } from '../../../../shared/src/responsibility';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useListState } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { markServerFields } from '../hazards/common';
import { EnterprisePicker } from '../hazards/pickers';
import { type Commendation, keys, thisYear, useDownload } from './common';
import { useResponsibilityText } from './text';

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
  const t = useResponsibilityText();
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const download = useDownload();
  const list = useListState<Commendation>({});
  const page = useQuery({
    queryKey: [...keys.commendations, list.query],
    queryFn: () => api.get<Page<Commendation>>('/responsibility/commendations', list.query),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Commendation> = [
    { title: t.commendations.number, dataIndex: 'number', width: 200 },
    { title: t.common.year, dataIndex: 'year', width: 70 },
    {
      title: t.commendations.kind,
      dataIndex: 'kind',
      width: 130,
      render: (k: CommendationKind) => t.common.commendationKind(k),
    },
    {
      title: t.commendations.who,
      key: 'who',
      render: (_, c) => (c.kind === 'individual' ? t.commendations.person(c.personName, c.unitName) : c.unitName),
    },
    { title: t.commendations.honour, dataIndex: 'honour', width: 160 },
    { title: t.commendations.awardedOn, dataIndex: 'awardedOn', width: 110 },
    {
      title: t.commendations.certificate,
      key: 'certificate',
      width: 90,
      render: (_, c) => (
        <Button
          size="small"
          icon={<FileWordOutlined />}
          onClick={() =>
            void download(`/responsibility/commendations/${c.id}/certificate`, t.commendations.certificateFile)
          }
          data-testid="commendation-certificate"
        >
          Word
        </Button>
      ),
    },
  ];
  return (
    <PageContainer
      title={t.commendations.title}
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
            {t.commendations.create}
          </Button>
        )
      }
    >
      <FilterBar onSearch={list.setFilters}>
        <Form.Item name="year">
          <InputNumber placeholder={t.common.year} min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={t.commendations.kind}
            style={{ width: 120 }}
            options={COMMENDATION_KINDS.map((k) => ({ value: k, label: t.common.commendationKind(k) }))}
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
            pagination={list.pagination(page.data?.total, t.commendations.total)}
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
  const t = useResponsibilityText();
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
      honour: t.commendations.defaultHonour,
      reason: proposal.rank ? t.commendations.defaultReason(proposal.year, proposal.rank) : '',
      awardedOn: dayjs(),
    });
  }, [proposal, form, t]);
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
      message.success(t.commendations.registered(c.number));
      void queryClient.invalidateQueries({ queryKey: keys.commendations });
      void download(`/responsibility/commendations/${c.id}/certificate`, t.commendations.certificateFile);
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
      title={proposal?.unitName ? t.commendations.propose(proposal.unitName) : t.commendations.create}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.commendations.ok}
      okButtonProps={{ loading: save.isPending, ...({ 'data-testid': 'commendation-ok' } as object) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="year"
          label={t.common.year}
          rules={[{ required: true, message: t.commendations.yearRequired }]}
        >
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="kind" label={t.commendations.target}>
          <Radio.Group>
            {COMMENDATION_KINDS.map((k) => (
              <Radio key={k} value={k}>
                {t.common.commendationKind(k)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="enterpriseId"
          label={kind === 'individual' ? t.commendations.personEnterprise : t.common.enterprise}
          rules={kind === 'individual' ? [] : [{ required: true, message: t.commendations.enterpriseRequired }]}
        >
          <EnterprisePicker />
        </Form.Item>
        {kind === 'individual' && (
          <>
            <Form.Item
              name="personName"
              label={t.commendations.name}
              rules={[{ required: true, message: t.commendations.nameRequired }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="unitName" label={t.commendations.unit}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="honour"
          label={t.commendations.honour}
          rules={[{ required: true, min: 2, message: t.commendations.honourRequired }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t.commendations.reason}
          rules={[{ required: true, min: 2, message: t.commendations.reasonRequired }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="awardedOn"
          label={t.commendations.awardedOn}
          rules={[{ required: true, message: t.commendations.dateRequired }]}
        >
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
