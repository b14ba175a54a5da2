// 服务合同: the committee's fire-service contracts (provider, period, amount, content, enterprises served), with their
// visits and findings counted; the amount is shown to the committee and its leaders only (the server leaves it out).
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Select,
  Space,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ContractView } from '../../../../shared/src/fire-service';
import type { ProviderView } from '../../../../shared/src/providers';
import { api, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { FileList, ParkFilesUpload, refFile } from '../activities/common';
import { SubjectPayments } from '../activities/SubjectPayments';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { EnterprisesPicker } from '../hazards/pickers';
import { isWarning, markNested, useFireRights } from './common';
import { type FireText, useFireText } from './text';

const yuan = (f: FireText, v: number | null) =>
  v === null ? f.hidden : f.yuan(v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

export default function ContractsPage() {
  const { t } = useI18n();
  const f = useFireText();
  const rights = useFireRights();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<ContractView, { q?: string }>({ order: 'desc' }, { url: { ignore: ['contract'] } });
  const [openId, open] = useOpenParam('contract');
  const [editing, setEditing] = useState<ContractView | 'new' | null>(null);
  const page = useQuery({
    queryKey: ['fire-service', 'contracts', list.query],
    queryFn: () => api.get<Page<ContractView>>('/fire-service/contracts', list.query),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<ContractView> = [
    { title: f.serial, dataIndex: 'serial', width: 120 },
    { title: f.title, dataIndex: 'title', ellipsis: true },
    { title: f.provider, dataIndex: 'providerName', width: 200, ellipsis: true },
    { title: f.period, key: 'period', width: 200, render: (_: unknown, r) => f.range(r.startsOn, r.endsOn) },
    { title: f.amount, dataIndex: 'amount', width: 140, align: 'right', render: (v: number | null) => yuan(f, v) },
    { title: f.visits, dataIndex: 'visits', width: 90, align: 'right' },
    { title: f.findings, dataIndex: 'findings', width: 90, align: 'right' },
  ];
  return (
    <PageContainer
      title={t.menu.fireServiceContracts}
      extra={
        rights.manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="fire-contract-create"
          >
            {f.newContract}
          </Button>
        )
      }
    >
      <FilterBar<{ q?: string }> onSearch={(v) => list.setFilters({ q: v.q?.trim() || undefined })}>
        <Form.Item name="q" initialValue={list.filters.q}>
          <Input allowClear placeholder={f.search} style={{ width: 240 }} />
        </Form.Item>
      </FilterBar>
      <ListView<ContractView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={f.contractsEmpty}
        testId="fire-contracts"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)}>
            <strong>{r.title}</strong>
            <div>
              {r.providerName} · {f.range(r.startsOn, r.endsOn)}
            </div>
          </Card>
        )}
      />
      <RecordDrawer<ContractView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['fire-service', 'contract', openId]}
        path={`/fire-service/contracts/${openId}`}
        title={(r) => r?.title ?? f.contract}
        width={640}
      >
        {(r) => (
          <div data-testid="fire-contract-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={f.serial}>{r.serial}</Descriptions.Item>
              <Descriptions.Item label={f.contractNo}>{r.contractNo ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={f.provider}>
                {r.providerName}
                {r.providerExpired && <Typography.Text type="warning">{f.providerExpired}</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={f.signedOn}>{r.signedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={f.period}>{f.range(r.startsOn, r.endsOn)}</Descriptions.Item>
              <Descriptions.Item label={f.amount}>{yuan(f, r.amount)}</Descriptions.Item>
              <Descriptions.Item label={f.content}>{r.content}</Descriptions.Item>
              <Descriptions.Item label={f.coveredEnterprises}>
                {r.coversAll
                  ? f.allEnterprises
                  : f.enterprisesCount(r.enterprises.map((e) => e.name).join(f.listSep), r.enterprises.length)}
              </Descriptions.Item>
              <Descriptions.Item label={f.visits}>
                <Link to={`/fire-service/visits?contractId=${r.id}`}>{f.visitsCount(r.visits, r.findings)}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={f.note}>{r.note ?? '—'}</Descriptions.Item>
              {r.amount !== null && (
                <Descriptions.Item label={f.attachments}>
                  <FileList files={r.files.map(refFile)} empty={f.noAttachments} testId="fire-contract-files" />
                </Descriptions.Item>
              )}
            </Descriptions>
            <Space style={{ marginTop: 12 }} wrap>
              <Link to={`/fire-service/analysis?contractId=${r.id}`}>{t.menu.fireServiceAnalysis}</Link>
              {rights.manage && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(r)}>
                  {f.editContract}
                </Button>
              )}
            </Space>
            <SubjectPayments
              kind="fireServiceContract"
              id={r.id}
              title={`${r.serial} ${r.title}`}
              purpose="purchasedServices"
              supplier={r.providerName}
            />
          </div>
        )}
      </RecordDrawer>
      {rights.manage && <ContractForm target={editing} onClose={() => setEditing(null)} onSaved={open} />}
    </PageContainer>
  );
}

interface Values {
  title?: string;
  contractNo?: string;
  providerId?: string;
  signedOn?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  amount?: number | null;
  content?: string;
  coversAll?: boolean;
  enterpriseIds?: string[];
  note?: string;
}

function ContractForm({
  target,
  onClose,
  onSaved,
}: {
  target: ContractView | 'new' | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const f = useFireText();
  const { message, modal } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const editing = target && target !== 'new' ? target : null;
  const coversAll = Form.useWatch('coversAll', form);
  // The attachments as the upload control holds them (null: unchanged); saving waits for uploads in progress.
  const [fileIds, setFileIds] = useState<string[] | null>(null);
  const [uploading, setUploading] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the attachments start over for each contract opened
  useEffect(() => {
    setFileIds(null);
  }, [target]);
  const providers = useQuery({
    queryKey: ['providers', 'fireService'],
    queryFn: () => api.get<Page<ProviderView>>('/providers', { kind: 'fireService', active: 'true', pageSize: 100 }),
    enabled: Boolean(target),
  });
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        ...editing,
        contractNo: editing.contractNo ?? undefined,
        note: editing.note ?? undefined,
        amount: editing.amount,
        enterpriseIds: editing.enterprises.map((e) => e.id),
      });
    }
  }, [target, editing, form]);
  const save = useMutation({
    mutationFn: ({ v, confirmWarnings }: { v: Values; confirmWarnings: boolean }) => {
      const body = {
        ...v,
        contractNo: v.contractNo || null,
        note: v.note || null,
        coversAll: Boolean(v.coversAll),
        enterpriseIds: v.coversAll ? [] : (v.enterpriseIds ?? []),
        fileIds: fileIds ?? editing?.files.map((x) => x.id) ?? [],
        confirmWarnings,
      };
      return editing
        ? api.put<ContractView>(`/fire-service/contracts/${editing.id}`, { ...body, rowVersion: editing.rowVersion })
        : api.post<ContractView>('/fire-service/contracts', body);
    },
    onSuccess: (c) => {
      message.success(f.saved);
      void queryClient.invalidateQueries({ queryKey: ['fire-service'] });
      // The contract's amount is rewritten in the special-funds ledger.
      void queryClient.invalidateQueries({ queryKey: ['funds'] });
      onClose();
      onSaved(c.id);
    },
    onError: (error, vars) => {
      if (isWarning(error) && !vars.confirmWarnings) {
        modal.confirm({
          title: f.confirmTitle,
          content: error.message,
          okText: f.confirmSave,
          cancelText: f.backToEdit,
          onOk: () => save.mutate({ v: vars.v, confirmWarnings: true }),
        });
        return;
      }
      markNested(form, error);
      message.error(error instanceof Error ? error.message : String(error));
    },
  });
  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      title={editing ? f.editContract : f.newContract}
      size={mobile ? '100%' : 640}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{f.cancel}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={uploading}
            onClick={() => form.submit()}
            data-testid="fire-contract-save"
          >
            {f.save}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate({ v, confirmWarnings: false })}>
        <Form.Item name="title" label={f.title} rules={[{ required: true, message: f.titleRequired }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="contractNo" label={f.contractNo}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="providerId" label={f.provider} rules={[{ required: true, message: f.providerRequired }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={providers.isLoading}
            options={(providers.data?.items ?? []).map((p) => ({
              value: p.id,
              label: p.qualificationExpired ? f.providerExpiredOption(p.name) : p.name,
            }))}
            notFoundContent={f.noProviders}
          />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="signedOn" label={f.signedOn}>
            <IsoDatePicker style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="startsOn" label={f.startsOn} rules={[{ required: true, message: f.startsRequired }]}>
            <IsoDatePicker style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="endsOn" label={f.endsOn} rules={[{ required: true, message: f.endsRequired }]}>
            <IsoDatePicker style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="amount"
          label={f.amount}
          rules={[{ required: true, message: f.amountRequired }]}
          extra={f.fundNote}
        >
          <InputNumber min={0} precision={2} step={1000} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="content" label={f.content} rules={[{ required: true, message: f.contentRequired }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="coversAll" valuePropName="checked">
          <Checkbox>{f.coversAll}</Checkbox>
        </Form.Item>
        {!coversAll && (
          <Form.Item name="enterpriseIds" label={f.coveredEnterprises}>
            <EnterprisesPicker
              knownNames={editing ? Object.fromEntries(editing.enterprises.map((e) => [e.id, e.name])) : undefined}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={f.note}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item label={f.attachments} extra={f.attachmentsHint} name="fileIds">
          <ParkFilesUpload
            key={editing?.id ?? 'new'}
            recordKind="fireServiceContract"
            initial={editing?.files.map(refFile)}
            onChange={setFileIds}
            onBusyChange={setUploading}
            label={f.addAttachments}
            testId="fire-contract-upload"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
