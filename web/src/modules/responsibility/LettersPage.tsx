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
import { keys, type Letter, SignedTag, type Template, thisYear, useDownload } from './common';
import { LetterDrawer } from './LetterDrawer';
import { type EditTarget, TemplateEditor } from './TemplateEditor';
import { useResponsibilityText } from './text';

export default function LettersPage() {
  const me = useMe();
  const committee = me.role === 'admin' || me.role === 'supervisor' || me.role === 'leader';
  return committee ? <CommitteeLetters readOnly={me.role === 'leader'} /> : <PartyLetters />;
}

function PartyLetters() {
  const t = useResponsibilityText();
  const [open, setOpen] = useState<string | null>(null);
  const letters = useQuery({
    queryKey: [...keys.letters, 'mine'],
    queryFn: () => api.get<Page<Letter>>('/responsibility/letters', { pageSize: 50 }),
  });
  return (
    <PageContainer title={t.letters.title}>
      <Card>
        {letters.isError ? (
          <QueryError error={letters.error} onRetry={() => void letters.refetch()} />
        ) : (
          <List
            loading={letters.isFetching}
            dataSource={letters.data?.items}
            locale={{ emptyText: <Empty description={t.letters.noneForUs} /> }}
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
                    {l.signedAt ? t.common.view : t.letters.readAndSign}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={l.content.title}
                  description={
                    <Space wrap>
                      <SignedTag signedAt={l.signedAt} />
                      <span>{t.letters.issuedOn(formatTime(l.issuedAt, 'YYYY-MM-DD'))}</span>
                      {l.signedAt && <span>{t.letters.signedOn(formatTime(l.signedAt))}</span>}
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
  const t = useResponsibilityText();
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
    mutationFn: (tpl: Template) =>
      api.post<{ reminded: number; users: number }>(`/responsibility/templates/${tpl.id}/remind`),
    onSuccess: (r) => {
      message.success(t.letters.reminded(r.reminded, r.users));
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
      title: t.common.party,
      dataIndex: 'partyName',
      render: (v: string, l) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(l.id)}>
          {v}
        </Button>
      ),
    },
    { title: t.common.version_, dataIndex: 'version', width: 90, render: (v: LetterVersion) => t.common.version(v) },
    { title: t.letters.revisionCol, dataIndex: 'revision', width: 80, render: (v: number) => t.common.revision(v) },
    {
      title: t.common.status,
      dataIndex: 'signedAt',
      width: 90,
      render: (v: string | null) => <SignedTag signedAt={v} />,
    },
    { title: t.letters.signer, dataIndex: 'signerName', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: t.letters.signedAt,
      dataIndex: 'signedAt',
      width: 150,
      render: (v: string | null) => (v ? formatTime(v) : '—'),
    },
    {
      title: t.common.actions,
      key: 'actions',
      width: 150,
      render: (_, l) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpen(l.id)}>
            {t.common.view}
          </Button>
          {!l.signedAt && !readOnly && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                modal.confirm({ title: t.letters.withdrawConfirm(l.partyName), onOk: () => withdraw.mutateAsync(l) })
              }
            >
              {t.letters.withdraw}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t.letters.title}
      extra={
        <Space>
          <span>{t.common.year}</span>
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
          const tpl = byVersion.get(v);
          return (
            <Col key={v} xs={24} md={8}>
              <Card
                size="small"
                title={t.common.version(v)}
                data-testid={`template-${v}`}
                loading={templates.isLoading}
                extra={
                  tpl ? <Typography.Text type="secondary">{t.common.revision(tpl.revision)}</Typography.Text> : null
                }
              >
                {tpl ? (
                  <>
                    <div>
                      {t.letters.signingRate} {t.common.rate(tpl.signed, tpl.issued, tpl.signingRate)}
                    </div>
                    <Progress percent={tpl.signingRate ?? 0} size="small" data-testid={`template-${v}-rate`} />
                    <Space wrap style={{ marginTop: 8 }}>
                      {!readOnly && (
                        <>
                          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ template: tpl })}>
                            {t.letters.edit}
                          </Button>
                          <Button
                            size="small"
                            type="primary"
                            icon={<SendOutlined />}
                            onClick={() => setIssuing(tpl)}
                            data-testid={`template-${v}-issue`}
                          >
                            {t.letters.issue}
                          </Button>
                          <Button
                            size="small"
                            icon={<BellOutlined />}
                            disabled={tpl.issued === tpl.signed}
                            loading={remind.isPending}
                            onClick={() => remind.mutate(tpl)}
                          >
                            {t.letters.remind}
                          </Button>
                        </>
                      )}
                      <Button
                        size="small"
                        icon={<ExportOutlined />}
                        onClick={() =>
                          void download(`/responsibility/templates/${tpl.id}/export`, t.letters.exportFile)
                        }
                        data-testid={`template-${v}-export`}
                      >
                        {t.common.export}
                      </Button>
                    </Space>
                  </>
                ) : readOnly ? (
                  <span>{t.letters.notDrafted}</span>
                ) : (
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => setEditing({ year, version: v })}
                    data-testid={`template-${v}-create`}
                  >
                    {t.letters.createTemplate(year)}
                  </Button>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      <FilterBar onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder={t.letters.partyName} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="version">
          <Select
            allowClear
            placeholder={t.common.version_}
            options={codeOptions(LETTER_VERSIONS, LETTER_VERSION_LABELS, lang)}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item name="signed">
          <Select
            allowClear
            placeholder={t.letters.signState}
            style={{ width: 120 }}
            options={[
              { value: 'true', label: t.common.signed },
              { value: 'false', label: t.common.unsigned },
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
            pagination={list.pagination(letters.data?.total, t.letters.total)}
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
  const t = useResponsibilityText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IssueBody>();
  const target = Form.useWatch('target', form);
  const issue = useMutation({
    mutationFn: (body: IssueBody) =>
      api.post<{ issued: number; alreadyIssued: number }>(`/responsibility/templates/${template!.id}/issue`, body),
    onSuccess: (r) => {
      message.success(t.issue.done(r.issued, r.alreadyIssued));
      void queryClient.invalidateQueries({ queryKey: ['responsibility'] });
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  const enterprise = template?.version === 'enterprise';
  return (
    <Modal
      open={!!template}
      title={template ? t.issue.title(template.year, t.common.version(template.version)) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.letters.issue}
      okButtonProps={{ loading: issue.isPending, ...({ 'data-testid': 'issue-ok' } as object) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ target: 'all' }} onFinish={(v) => issue.mutate(v)}>
        <Form.Item name="target" label={t.issue.scope}>
          <Radio.Group data-testid="issue-target">
            <Radio value="all">
              {enterprise
                ? t.issue.allEnterprises
                : template?.version === 'department'
                  ? t.issue.allDepartments
                  : t.issue.allVillages}
            </Radio>
            {enterprise && <Radio value="tags">{t.issue.byTags}</Radio>}
            {enterprise && <Radio value="area">{t.issue.byArea}</Radio>}
            {enterprise && <Radio value="list">{t.issue.byList}</Radio>}
          </Radio.Group>
        </Form.Item>
        {target === 'tags' && (
          <Form.Item name="tags" label={t.issue.tags} rules={[{ required: true, message: t.issue.tagsRequired }]}>
            <Select mode="multiple" options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)} />
          </Form.Item>
        )}
        {target === 'area' && (
          <Form.Item name="area" label={t.issue.area} rules={[{ required: true, message: t.issue.areaRequired }]}>
            <Input maxLength={50} />
          </Form.Item>
        )}
        {target === 'list' && (
          <Form.Item
            name="enterpriseIds"
            label={t.common.enterprise}
            rules={[{ required: true, message: t.issue.enterprisesRequired }]}
          >
            <EnterprisesPicker testId="issue-enterprises" />
          </Form.Item>
        )}
        <Typography.Text type="secondary">{t.issue.note}</Typography.Text>
      </Form>
    </Modal>
  );
}
