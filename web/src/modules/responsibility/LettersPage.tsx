// 责任书: for the committee, the year's three templates with their signing rates (edit, issue in bulk, remind the
// unsigned, export) and every letter with its state; for a party (enterprise, department, village), its own letters
// to read and sign on screen.
import { BellOutlined, EditOutlined, ExportOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import {
  type IssueBody,
  LETTER_VERSION_LABELS,
  LETTER_VERSIONS,
  type LetterVersion,
} from '../../../../shared/src/responsibility';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useListState } from '../../app/listState';
import { formatTime } from '../../app/time';
import { FilterBar } from '../../app/ui/FilterBar';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { EnterprisesPicker } from '../hazards/pickers';
import { formatRate, keys, type Letter, SignedTag, type Template, thisYear, useDownload } from './common';
import { LetterDrawer } from './LetterDrawer';
import { type EditTarget, TemplateEditor } from './TemplateEditor';

export default function LettersPage() {
  const me = useMe();
  const committee = me.role === 'admin' || me.role === 'supervisor' || me.role === 'leader';
  return committee ? <CommitteeLetters readOnly={me.role === 'leader'} /> : <PartyLetters />;
}

function PartyLetters() {
  const [open, setOpen] = useState<string | null>(null);
  const letters = useQuery({
    queryKey: [...keys.letters, 'mine'],
    queryFn: () => api.get<Page<Letter>>('/responsibility/letters', { pageSize: 50 }),
  });
  return (
    <PageContainer title="安全生产目标管理责任书">
      <Card>
        {letters.isError ? (
          <QueryError error={letters.error} onRetry={() => void letters.refetch()} />
        ) : (
          <List
            loading={letters.isFetching}
            dataSource={letters.data?.items}
            locale={{ emptyText: <Empty description="暂无下达给本单位的责任书" /> }}
            renderItem={(l) => (
              <List.Item
                data-testid={`my-letter-${l.year}`}
                actions={[
                  <Button
                    key="open"
                    type={l.signedAt ? 'default' : 'primary'}
                    onClick={() => setOpen(l.id)}
                    data-testid="my-letter-open"
                  >
                    {l.signedAt ? '查看' : '阅读并签署'}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={l.content.title}
                  description={
                    <Space wrap>
                      <SignedTag signedAt={l.signedAt} />
                      <span>下达于 {formatTime(l.issuedAt, 'YYYY-MM-DD')}</span>
                      {l.signedAt && <span>签署于 {formatTime(l.signedAt)}</span>}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <LetterDrawer id={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}

function CommitteeLetters({ readOnly }: { readOnly: boolean }) {
  const { lang } = useI18n();
  const [year, setYear] = useState(thisYear());
  const [editing, setEditing] = useState<EditTarget>(null);
  const [issuing, setIssuing] = useState<Template | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const download = useDownload();
  const templates = useQuery({
    queryKey: keys.templates(year),
    queryFn: () => api.get<{ items: Template[] }>('/responsibility/templates', { year }),
  });
  const list = useListState<Letter>({});
  const letters = useQuery({
    queryKey: [...keys.letters, year, list.query],
    queryFn: () => api.get<Page<Letter>>('/responsibility/letters', { ...list.query, year }),
    placeholderData: keepPreviousData,
  });
  const remind = useMutation({
    mutationFn: (t: Template) =>
      api.post<{ reminded: number; users: number }>(`/responsibility/templates/${t.id}/remind`),
    onSuccess: (r) => {
      message.success(`已提醒 ${r.reminded} 家未签署单位（${r.users} 个账户）`);
      void queryClient.invalidateQueries({ queryKey: ['responsibility'] });
    },
    onError: (e) => message.error(e.message),
  });
  const withdraw = useMutation({
    mutationFn: (l: Letter) => api.del(`/responsibility/letters/${l.id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['responsibility'] }),
    onError: (e) => message.error(e.message),
  });
  const byVersion = new Map((templates.data?.items ?? []).map((t) => [t.version, t]));

  const columns: TableColumnsType<Letter> = [
    {
      title: '单位',
      dataIndex: 'partyName',
      render: (v: string, l) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(l.id)}>
          {v}
        </Button>
      ),
    },
    { title: '版本', dataIndex: 'version', width: 90, render: (v: LetterVersion) => LETTER_VERSION_LABELS[v].zh },
    { title: '修订', dataIndex: 'revision', width: 80, render: (v: number) => `第 ${v} 版` },
    { title: '状态', dataIndex: 'signedAt', width: 90, render: (v: string | null) => <SignedTag signedAt={v} /> },
    { title: '签署人', dataIndex: 'signerName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: '签署时间', dataIndex: 'signedAt', width: 150, render: (v: string | null) => (v ? formatTime(v) : '—') },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, l) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpen(l.id)}>
            查看
          </Button>
          {!l.signedAt && !readOnly && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                modal.confirm({ title: `撤回下达给 ${l.partyName} 的责任书？`, onOk: () => withdraw.mutateAsync(l) })
              }
            >
              撤回
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="安全生产目标管理责任书"
      extra={
        <Space>
          <span>年度</span>
          <InputNumber
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            data-testid="letters-year"
          />
        </Space>
      }
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {LETTER_VERSIONS.map((v) => {
          const t = byVersion.get(v);
          return (
            <Col key={v} xs={24} md={8}>
              <Card
                size="small"
                title={`${LETTER_VERSION_LABELS[v].zh}`}
                data-testid={`template-${v}`}
                loading={templates.isLoading}
                extra={t ? <Typography.Text type="secondary">第 {t.revision} 版</Typography.Text> : null}
              >
                {t ? (
                  <>
                    <div>签订率 {formatRate(t.signed, t.issued, t.signingRate)}</div>
                    <Progress percent={t.signingRate ?? 0} size="small" data-testid={`template-${v}-rate`} />
                    <Space wrap style={{ marginTop: 8 }}>
                      {!readOnly && (
                        <>
                          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ template: t })}>
                            编辑
                          </Button>
                          <Button
                            size="small"
                            type="primary"
                            icon={<SendOutlined />}
                            onClick={() => setIssuing(t)}
                            data-testid={`template-${v}-issue`}
                          >
                            下达
                          </Button>
                          <Button
                            size="small"
                            icon={<BellOutlined />}
                            disabled={t.issued === t.signed}
                            loading={remind.isPending}
                            onClick={() => remind.mutate(t)}
                          >
                            提醒未签
                          </Button>
                        </>
                      )}
                      <Button
                        size="small"
                        icon={<ExportOutlined />}
                        onClick={() => void download(`/responsibility/templates/${t.id}/export`, '签订情况.xlsx')}
                        data-testid={`template-${v}-export`}
                      >
                        导出
                      </Button>
                    </Space>
                  </>
                ) : readOnly ? (
                  <span>尚未制定</span>
                ) : (
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => setEditing({ year, version: v })}
                    data-testid={`template-${v}-create`}
                  >
                    新建 {year} 年度模板
                  </Button>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      <FilterBar onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder="单位名称" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="version">
          <Select
            allowClear
            placeholder="版本"
            options={codeOptions(LETTER_VERSIONS, LETTER_VERSION_LABELS, lang)}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item name="signed">
          <Select
            allowClear
            placeholder="签署状态"
            style={{ width: 120 }}
            options={[
              { value: 'true', label: '已签署' },
              { value: 'false', label: '未签署' },
            ]}
            data-testid="letters-signed-filter"
          />
        </Form.Item>
      </FilterBar>
      <Card>
        {letters.isError ? (
          <QueryError error={letters.error} onRetry={() => void letters.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={letters.data?.items}
            loading={letters.isFetching}
            pagination={list.pagination(letters.data?.total, (n: number) => `共 ${n} 份`)}
            onChange={list.onChange}
            scroll={{ x: 820 }}
          />
        )}
      </Card>
      <TemplateEditor target={editing} onClose={() => setEditing(null)} />
      <IssueModal template={issuing} onClose={() => setIssuing(null)} />
      <LetterDrawer id={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}

function IssueModal({ template, onClose }: { template: Template | null; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IssueBody>();
  const target = Form.useWatch('target', form);
  const issue = useMutation({
    mutationFn: (body: IssueBody) =>
      api.post<{ issued: number; alreadyIssued: number }>(`/responsibility/templates/${template!.id}/issue`, body),
    onSuccess: (r) => {
      message.success(`已下达 ${r.issued} 份${r.alreadyIssued ? `（${r.alreadyIssued} 家此前已下达）` : ''}`);
      void queryClient.invalidateQueries({ queryKey: ['responsibility'] });
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  const enterprise = template?.version === 'enterprise';
  return (
    <Modal
      open={!!template}
      title={template ? `下达 ${template.year} 年度责任书（${LETTER_VERSION_LABELS[template.version].zh}）` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="下达"
      okButtonProps={{ loading: issue.isPending, ...({ 'data-testid': 'issue-ok' } as object) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ target: 'all' }} onFinish={(v) => issue.mutate(v)}>
        <Form.Item name="target" label="下达范围">
          <Radio.Group data-testid="issue-target">
            <Radio value="all">
              {enterprise ? '全部企业' : template?.version === 'department' ? '全部成员单位' : '全部村居'}
            </Radio>
            {enterprise && <Radio value="tags">按重点监管标签</Radio>}
            {enterprise && <Radio value="area">按片区</Radio>}
            {enterprise && <Radio value="list">指定企业</Radio>}
          </Radio.Group>
        </Form.Item>
        {target === 'tags' && (
          <Form.Item name="tags" label="标签" rules={[{ required: true, message: '请选择标签' }]}>
            <Select mode="multiple" options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)} />
          </Form.Item>
        )}
        {target === 'area' && (
          <Form.Item name="area" label="片区" rules={[{ required: true, message: '请填写片区' }]}>
            <Input maxLength={50} />
          </Form.Item>
        )}
        {target === 'list' && (
          <Form.Item name="enterpriseIds" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
            <EnterprisesPicker testId="issue-enterprises" />
          </Form.Item>
        )}
        <Typography.Text type="secondary">
          已下达的单位不会重复下达；之后修改模板，只有未签署的单位收到新版本。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
