// 指导服务与谈心谈话: the year's figures, the register (filters by kind, enterprise, dates and follow-up state; Excel
// export), a record in a drawer with its follow-ups (逾期 derived from today) and their completion, and the
// committee's phone-friendly form (follow-ups due on or after the day of the talk).
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  COUNTERPART_ROLE_NAMES,
  COUNTERPART_ROLES,
  FOLLOW_UP_STATE_NAMES,
  FOLLOW_UP_STATES,
  type FollowUpState,
  type FollowUpView,
  GUIDANCE_KIND_NAMES,
  GUIDANCE_KINDS,
  type GuidanceView,
} from '../../../../shared/src/guidance';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatCount } from '../../app/format';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { PhotoStrip, PhotoUpload } from '../hazards/photos';
import { EnterprisePicker } from '../hazards/pickers';

const FOLLOW_COLOURS: Record<FollowUpState, string> = { open: 'blue', done: 'green', overdue: 'red' };
type Filters = { q?: string; kind?: string; followUp?: string; from?: string; to?: string; enterpriseId?: string };
type Figures = {
  year: number;
  guidance: number;
  talks: number;
  enterprises: number;
  followUps: number;
  followUpsDone: number;
  followUpsOverdue: number;
};

export default function GuidancePage() {
  const { t } = useI18n();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<GuidanceView, Filters>({ order: 'desc' }, { url: { ignore: ['record'] } });
  const [openId, open] = useOpenParam('record');
  const [creating, setCreating] = useState(false);
  const showError = useShowError();
  const canWrite = ['admin', 'supervisor', 'inspector'].includes(me.role);
  const year = Number(shanghaiToday().slice(0, 4));
  const figures = useQuery({
    queryKey: ['guidance', 'figures', year],
    queryFn: () => api.get<Figures>('/guidance/figures', { year }),
  });
  const page = useQuery({
    queryKey: ['guidance', list.query],
    queryFn: () => api.get<Page<GuidanceView>>('/guidance', list.query),
    placeholderData: keepPreviousData,
  });
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/guidance/export', list.filters, '指导服务与谈心谈话.xlsx'),
    onError: showError,
  });
  const f = figures.data;
  const columns: TableColumnsType<GuidanceView> = [
    { title: '编号', dataIndex: 'serial', width: 120 },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 100,
      render: (v: GuidanceView['kind']) => <Tag color={v === 'talk' ? 'purple' : 'blue'}>{GUIDANCE_KIND_NAMES[v]}</Tag>,
    },
    { title: '企业', dataIndex: 'enterpriseName', width: 220 },
    { title: '日期', dataIndex: 'heldOn', width: 110 },
    {
      title: '对象',
      key: 'who',
      width: 160,
      render: (_, r) => `${r.counterpartName}（${COUNTERPART_ROLE_NAMES[r.counterpartRole]}）`,
    },
    { title: '主要内容', dataIndex: 'topics', ellipsis: true },
    {
      title: '跟进事项',
      key: 'follow',
      width: 150,
      render: (_, r) =>
        r.followUps.length === 0 ? (
          '—'
        ) : r.overdueFollowUps ? (
          <Tag color="red">逾期 {r.overdueFollowUps} 项</Tag>
        ) : r.openFollowUps ? (
          <Tag color="blue">跟进中 {r.openFollowUps} 项</Tag>
        ) : (
          <Tag color="green">已全部完成</Tag>
        ),
    },
  ];
  return (
    <PageContainer
      title={t.menu.guidance}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exportFile.isPending} onClick={() => exportFile.mutate()}>
            导出 Excel
          </Button>
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="guidance-create"
            >
              登记
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="guidance-figures">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={`${year} 年指导服务`} value={formatCount(f?.guidance, '次')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="谈心谈话" value={formatCount(f?.talks, '次')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="涉及企业" value={formatCount(f?.enterprises, '家')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title="跟进事项 完成 / 逾期"
              value={`${formatCount(f?.followUpsDone)} / ${formatCount(f?.followUpsOverdue)}`}
              suffix={<Typography.Text type="secondary">共 {formatCount(f?.followUps)}</Typography.Text>}
            />
          </Card>
        </Col>
      </Row>
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder="编号 / 企业 / 对象 / 内容" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder="类型"
            style={{ width: 120 }}
            options={GUIDANCE_KINDS.map((k) => ({ value: k, label: GUIDANCE_KIND_NAMES[k] }))}
          />
        </Form.Item>
        <Form.Item name="followUp">
          <Select
            allowClear
            placeholder="跟进状态"
            style={{ width: 120 }}
            options={FOLLOW_UP_STATES.map((k) => ({ value: k, label: FOLLOW_UP_STATE_NAMES[k] }))}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder="开始日期" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder="结束日期" style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListView<GuidanceView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty="没有符合条件的记录"
        testId="guidance"
        width={1200}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="guidance-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.enterpriseName}</strong>
              <Tag color={r.kind === 'talk' ? 'purple' : 'blue'}>{GUIDANCE_KIND_NAMES[r.kind]}</Tag>
            </Space>
            <div>
              {r.heldOn} · {r.counterpartName}（{COUNTERPART_ROLE_NAMES[r.counterpartRole]}）
            </div>
            {r.overdueFollowUps > 0 && <Tag color="red">逾期跟进 {r.overdueFollowUps} 项</Tag>}
          </Card>
        )}
      />
      <RecordDrawer<GuidanceView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['guidance', 'one', openId]}
        path={`/guidance/${openId}`}
        title={(r) => (r ? `${r.serial} ${GUIDANCE_KIND_NAMES[r.kind]}` : '记录详情')}
        width={680}
      >
        {(r) => <GuidanceDetail g={r} canWrite={canWrite} />}
      </RecordDrawer>
      <GuidanceForm open={creating} onClose={() => setCreating(false)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

function GuidanceDetail({ g, canWrite }: { g: GuidanceView; canWrite: boolean }) {
  const [completing, setCompleting] = useState<FollowUpView | null>(null);
  return (
    <div data-testid="guidance-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="企业">{g.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label="日期">{g.heldOn}</Descriptions.Item>
        <Descriptions.Item label="参加人员">{g.staff}</Descriptions.Item>
        <Descriptions.Item label="谈话/指导对象">
          {g.counterpartName}（{COUNTERPART_ROLE_NAMES[g.counterpartRole]}）
        </Descriptions.Item>
        <Descriptions.Item label="主要内容">{g.topics}</Descriptions.Item>
        <Descriptions.Item label="企业承诺">{g.commitments ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="登记">
          {g.recordedByName ?? '—'} · {g.recordedAt.slice(0, 10)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        照片
      </Typography.Title>
      <PhotoStrip ids={g.photoIds} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        跟进事项
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={g.followUps}
        locale={{ emptyText: '无跟进事项' }}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Tag key="s" color={FOLLOW_COLOURS[f.state]}>
                {FOLLOW_UP_STATE_NAMES[f.state]}
              </Tag>,
              canWrite && f.state !== 'done' ? (
                <Button key="d" size="small" onClick={() => setCompleting(f)}>
                  办结
                </Button>
              ) : null,
            ]}
          >
            <List.Item.Meta
              title={f.content}
              description={`期限 ${f.dueOn}${f.owner ? ` · ${f.owner}` : ''}${f.doneOn ? ` · ${f.doneOn} 完成${f.result ? `：${f.result}` : ''}` : ''}`}
            />
          </List.Item>
        )}
      />
      <DoneModal g={g} f={completing} onClose={() => setCompleting(null)} />
    </div>
  );
}

function DoneModal({ g, f, onClose }: { g: GuidanceView; f: FollowUpView | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post(`/guidance/${g.id}/follow-ups/${f!.id}/done`, v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['guidance'] });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal open={Boolean(f)} title="跟进事项办结" onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Typography.Paragraph>{f?.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ doneOn: shanghaiToday() }}
        preserve={false}
      >
        <Form.Item name="doneOn" label="完成日期" rules={[{ required: true }]}>
          <IsoDatePicker notAfterToday />
        </Form.Item>
        <Form.Item name="result" label="完成情况">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface FormValues {
  kind: string;
  enterpriseId?: string;
  heldOn?: string;
  staff?: string;
  counterpartName?: string;
  counterpartRole?: string;
  topics?: string;
  commitments?: string;
  photoIds?: string[];
  followUps?: { content: string; dueOn: string; owner?: string }[];
}

function GuidanceForm({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<FormValues>();
  const showError = useShowError(form);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const save = useMutation({
    mutationFn: (v: FormValues) => api.post<GuidanceView>('/guidance', v),
    onSuccess: (g) => {
      message.success('已登记');
      void qc.invalidateQueries({ queryKey: ['guidance'] });
      onClose();
      onSaved(g.id);
    },
    onError: showError,
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 620}
      title="登记指导服务 / 谈心谈话"
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="guidance-submit"
        >
          保存
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'talk',
          heldOn: shanghaiToday(),
          staff: me.displayName,
          counterpartRole: 'actualController',
          followUps: [],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={GUIDANCE_KINDS.map((k) => ({ value: k, label: GUIDANCE_KIND_NAMES[k] }))} />
        </Form.Item>
        <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
          <EnterprisePicker />
        </Form.Item>
        <Form.Item name="heldOn" label="日期" rules={[{ required: true }]}>
          <IsoDatePicker notAfterToday />
        </Form.Item>
        <Form.Item name="staff" label="参加人员" rules={[{ required: true, min: 2 }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="counterpartName"
            label="谈话/指导对象"
            rules={[{ required: true, min: 2, message: '请填写姓名' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="counterpartRole" label="身份" rules={[{ required: true }]}>
            <Select
              style={{ width: 150 }}
              options={COUNTERPART_ROLES.map((k) => ({ value: k, label: COUNTERPART_ROLE_NAMES[k] }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="topics" label="主要内容" rules={[{ required: true, min: 4, message: '主要内容至少 4 个字' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="commitments" label="企业承诺">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {enterpriseId && (
          <Form.Item name="photoIds" label="照片">
            <PhotoUpload enterpriseId={enterpriseId} purpose="evidence" onBusyChange={setBusy} />
          </Form.Item>
        )}
        <Form.List name="followUps">
          {(fields, { add, remove }) => (
            <Card size="small" title="跟进事项">
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'content']} rules={[{ required: true, min: 2, message: '跟进事项' }]}>
                    <Input placeholder="跟进事项" style={{ width: mobile ? 260 : 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: '完成期限' }]}>
                    <IsoDatePicker placeholder="完成期限" style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'owner']}>
                    <Input placeholder="责任人" style={{ width: 100 }} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()}>
                添加跟进事项
              </Button>
            </Card>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
