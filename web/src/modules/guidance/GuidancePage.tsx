// 指导服务与谈心谈话: the year's figures, the register (filters by kind, enterprise, dates and follow-up state; Excel
// export), a record in a drawer with its follow-ups (逾期 derived from today) and their completion, and the
// committee's phone-friendly form (follow-ups due on or after the day of the talk).
import { PlusOutlined } from '@ant-design/icons';
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
  COUNTERPART_ROLES,
  FOLLOW_UP_STATES,
  type FollowUpState,
  type FollowUpView,
  GUIDANCE_KINDS,
  type GuidanceView,
} from '../../../../shared/src/guidance';
import { COUNTERPART_ROLE_LABELS, FOLLOW_UP_STATE_LABELS, GUIDANCE_KIND_LABELS } from '../../../../shared/src/labels';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatCount } from '../../app/format';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { ExportButton } from '../../app/ui/ExportButton';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { PhotoStrip, PhotoUpload } from '../hazards/photos';
import { EnterprisePicker } from '../hazards/pickers';
import { useGuidanceText } from './text';

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
  const { t: app, l, lang } = useI18n();
  const t = useGuidanceText();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<GuidanceView, Filters>({ order: 'desc' }, { url: { ignore: ['record'] } });
  const [openId, open] = useOpenParam('record');
  const [creating, setCreating] = useState(false);
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
  const f = figures.data;
  const columns: TableColumnsType<GuidanceView> = [
    { title: t.serial, dataIndex: 'serial', width: 120 },
    {
      title: t.kind,
      dataIndex: 'kind',
      width: 100,
      render: (v: GuidanceView['kind']) => (
        <Tag color={v === 'talk' ? 'purple' : 'blue'}>{l(GUIDANCE_KIND_LABELS, v)}</Tag>
      ),
    },
    { title: t.enterprise, dataIndex: 'enterpriseName', width: 220 },
    { title: t.date, dataIndex: 'heldOn', width: 110 },
    {
      title: t.counterpart,
      key: 'who',
      width: 160,
      render: (_, r) => t.withRole(r.counterpartName, l(COUNTERPART_ROLE_LABELS, r.counterpartRole)),
    },
    { title: t.topics, dataIndex: 'topics', ellipsis: true },
    {
      title: t.followUps,
      key: 'follow',
      width: 150,
      render: (_, r) =>
        r.followUps.length === 0 ? (
          '—'
        ) : r.overdueFollowUps ? (
          <Tag color="red">{t.overdueN(r.overdueFollowUps)}</Tag>
        ) : r.openFollowUps ? (
          <Tag color="blue">{t.openN(r.openFollowUps)}</Tag>
        ) : (
          <Tag color="green">{t.allDone}</Tag>
        ),
    },
  ];
  return (
    <PageContainer
      title={app.menu.guidance}
      extra={
        <Space wrap>
          <ExportButton
            path="/guidance/export"
            params={list.filters}
            fileName={t.exportFile}
            label={t.export}
            testId="guidance-export"
          />
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="guidance-create"
            >
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="guidance-figures">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t.figGuidance(year)} value={t.times(f?.guidance)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t.figTalks} value={t.times(f?.talks)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t.figEnterprises} value={t.enterprises(f?.enterprises)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t.figFollowUps}
              value={`${formatCount(f?.followUpsDone)} / ${formatCount(f?.followUpsOverdue)}`}
              suffix={
                <Typography.Text type="secondary">{t.figFollowUpsTotal(formatCount(f?.followUps))}</Typography.Text>
              }
            />
          </Card>
        </Col>
      </Row>
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder={t.search} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={t.kind}
            style={{ width: 120 }}
            options={codeOptions(GUIDANCE_KINDS, GUIDANCE_KIND_LABELS, lang)}
          />
        </Form.Item>
        <Form.Item name="followUp">
          <Select
            allowClear
            placeholder={t.followUpState}
            style={{ width: 120 }}
            options={codeOptions(FOLLOW_UP_STATES, FOLLOW_UP_STATE_LABELS, lang)}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder={t.from} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder={t.to} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListView<GuidanceView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={t.empty}
        testId="guidance"
        width={1200}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="guidance-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.enterpriseName}</strong>
              <Tag color={r.kind === 'talk' ? 'purple' : 'blue'}>{l(GUIDANCE_KIND_LABELS, r.kind)}</Tag>
            </Space>
            <div>
              {r.heldOn} · {t.withRole(r.counterpartName, l(COUNTERPART_ROLE_LABELS, r.counterpartRole))}
            </div>
            {r.overdueFollowUps > 0 && <Tag color="red">{t.overdueFollowUpsN(r.overdueFollowUps)}</Tag>}
          </Card>
        )}
      />
      <RecordDrawer<GuidanceView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['guidance', 'one', openId]}
        path={`/guidance/${openId}`}
        title={(r) => (r ? `${r.serial} ${l(GUIDANCE_KIND_LABELS, r.kind)}` : t.detailTitle)}
        width={680}
      >
        {(r) => <GuidanceDetail g={r} canWrite={canWrite} />}
      </RecordDrawer>
      <GuidanceForm open={creating} onClose={() => setCreating(false)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

function GuidanceDetail({ g, canWrite }: { g: GuidanceView; canWrite: boolean }) {
  const t = useGuidanceText();
  const { l } = useI18n();
  const [completing, setCompleting] = useState<FollowUpView | null>(null);
  return (
    <div data-testid="guidance-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t.enterprise}>{g.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={t.date}>{g.heldOn}</Descriptions.Item>
        <Descriptions.Item label={t.staff}>{g.staff}</Descriptions.Item>
        <Descriptions.Item label={t.counterpartField}>
          {t.withRole(g.counterpartName, l(COUNTERPART_ROLE_LABELS, g.counterpartRole))}
        </Descriptions.Item>
        <Descriptions.Item label={t.topics}>{g.topics}</Descriptions.Item>
        <Descriptions.Item label={t.commitments}>{g.commitments ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.recorded}>
          {g.recordedByName ?? '—'} · {g.recordedAt.slice(0, 10)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t.photos}
      </Typography.Title>
      <PhotoStrip ids={g.photoIds} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t.followUps}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={g.followUps}
        locale={{ emptyText: t.noFollowUps }}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Tag key="s" color={FOLLOW_COLOURS[f.state]}>
                {l(FOLLOW_UP_STATE_LABELS, f.state)}
              </Tag>,
              canWrite && f.state !== 'done' ? (
                <Button key="d" size="small" onClick={() => setCompleting(f)}>
                  {t.close}
                </Button>
              ) : null,
            ]}
          >
            <List.Item.Meta title={f.content} description={t.followUpLine(f.dueOn, f.owner, f.doneOn, f.result)} />
          </List.Item>
        )}
      />
      <DoneModal g={g} f={completing} onClose={() => setCompleting(null)} />
    </div>
  );
}

function DoneModal({ g, f, onClose }: { g: GuidanceView; f: FollowUpView | null; onClose: () => void }) {
  const t = useGuidanceText();
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
    <Modal open={Boolean(f)} title={t.doneTitle} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Typography.Paragraph>{f?.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ doneOn: shanghaiToday() }}
        preserve={false}
      >
        <Form.Item name="doneOn" label={t.doneOn} rules={[{ required: true }]}>
          <IsoDatePicker notAfterToday />
        </Form.Item>
        <Form.Item name="result" label={t.result}>
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
  const t = useGuidanceText();
  const { lang } = useI18n();
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
      message.success(t.savedMsg);
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
      title={t.formTitle}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="guidance-submit"
        >
          {t.save}
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
        <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
          <Select options={codeOptions(GUIDANCE_KINDS, GUIDANCE_KIND_LABELS, lang)} />
        </Form.Item>
        <Form.Item name="enterpriseId" label={t.enterprise} rules={[{ required: true, message: t.enterpriseRequired }]}>
          <EnterprisePicker />
        </Form.Item>
        <Form.Item name="heldOn" label={t.date} rules={[{ required: true }]}>
          <IsoDatePicker notAfterToday />
        </Form.Item>
        <Form.Item name="staff" label={t.staff} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="counterpartName"
            label={t.counterpartField}
            rules={[{ required: true, min: 2, message: t.nameRequired }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="counterpartRole" label={t.role} rules={[{ required: true }]}>
            <Select style={{ width: 150 }} options={codeOptions(COUNTERPART_ROLES, COUNTERPART_ROLE_LABELS, lang)} />
          </Form.Item>
        </Space>
        <Form.Item name="topics" label={t.topics} rules={[{ required: true, min: 4, message: t.topicsRule }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="commitments" label={t.commitments}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {enterpriseId && (
          <Form.Item name="photoIds" label={t.photos}>
            <PhotoUpload enterpriseId={enterpriseId} purpose="evidence" onBusyChange={setBusy} />
          </Form.Item>
        )}
        <Form.List name="followUps">
          {(fields, { add, remove }) => (
            <Card size="small" title={t.followUps}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'content']} rules={[{ required: true, min: 2, message: t.followUps }]}>
                    <Input placeholder={t.followUps} style={{ width: mobile ? 260 : 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: t.dueOn }]}>
                    <IsoDatePicker placeholder={t.dueOn} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'owner']}>
                    <Input placeholder={t.owner} style={{ width: 100 }} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{t.remove}</Button>
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()}>
                {t.addFollowUp}
              </Button>
            </Card>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
