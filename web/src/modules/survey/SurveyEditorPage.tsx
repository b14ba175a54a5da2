// A survey's questions: one card per section with its questions table. While the survey is a draft the committee
// adds, edits, reorders and deletes sections and questions; afterwards the page shows them read-only.
import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  QUESTION_TYPE_LABELS,
  type QuestionView,
  type SectionView,
  type SurveyDetail,
  YES_NO_LABELS,
} from '../../../../shared/src/survey';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { SurveyStatusTag, surveyKeys, useSurveyRights } from './common';
import { QuestionModal } from './QuestionModal';
import { SectionModal } from './SectionModal';
import { SurveyBasicsModal } from './SurveyBasicsModal';
import { SurveyForm } from './SurveyForm';
import { SurveyActions } from './SurveyListPage';
import { useSurveyText } from './text';

type Order = { id: string; questionIds: string[] }[];
const orderOf = (sections: SectionView[]): Order =>
  sections.map((x) => ({ id: x.id, questionIds: x.questions.map((q) => q.id) }));

function swap<T>(list: T[], i: number, j: number): T[] {
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export function SurveyEditorPage({ surveyId }: { surveyId: string }) {
  const { t, s, l } = useSurveyText();
  const navigate = useNavigate();
  const rights = useSurveyRights();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [question, setQuestion] = useState<{ sectionId: string; question: QuestionView | null } | null>(null);
  const [section, setSection] = useState<SectionView | 'new' | null>(null);
  const [basics, setBasics] = useState(false);
  const [preview, setPreview] = useState(false);
  const survey = useQuery({
    queryKey: surveyKeys.one(surveyId),
    queryFn: () => api.get<SurveyDetail>(`/surveys/${surveyId}`),
  });
  const apply = (detail: SurveyDetail) => {
    queryClient.setQueryData(surveyKeys.one(surveyId), detail);
    void queryClient.invalidateQueries({ queryKey: surveyKeys.list, exact: true });
  };
  const change = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      api.post<SurveyDetail>(`/surveys/${surveyId}${path}`, body ?? {}),
    onSuccess: (detail) => {
      apply(detail);
      message.success(t.common.saved);
    },
    onError: showError,
  });
  const reorder = (order: Order) => change.mutate({ path: '/order', body: { sections: order } });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/surveys')}>
      {s.editor.back}
    </Button>
  );
  if (survey.isPending) return <PageLoading />;
  if (survey.isError) {
    return (
      <PageContainer title={t.menu.survey} extra={back}>
        <QueryError error={survey.error} onRetry={() => void survey.refetch()} />
      </PageContainer>
    );
  }
  const detail = survey.data;
  const editable = rights.configure && detail.status === 'draft';
  const sections = detail.sections;
  const questions = sections.flatMap((x) => x.questions);
  const byId = new Map(questions.map((q) => [q.id, q]));

  const moveQuestion = (si: number, qi: number, by: -1 | 1) => {
    const order = orderOf(sections);
    const ids = order[si]!.questionIds;
    order[si]!.questionIds = swap(ids, qi, qi + by);
    reorder(order);
  };
  const moveSection = (si: number, by: -1 | 1) => reorder(swap(orderOf(sections), si, si + by));

  const conditionText = (q: QuestionView) => {
    if (!q.condition) return '—';
    const target = byId.get(q.condition.questionId);
    if (!target) return '—';
    const values = q.condition.anyOf
      .map((v) => (target.questionType === 'yesNo' ? (YES_NO_LABELS[v]?.zh ?? v) : v))
      .join(' / ');
    return s.editor.conditionText(target.label, values);
  };

  const columns = (si: number, sec: SectionView): TableColumnsType<QuestionView> => [
    { title: s.editor.no, dataIndex: 'label', width: 60 },
    {
      title: s.editor.question,
      dataIndex: 'title',
      render: (title: string, q) => (
        <div>
          <div>{title}</div>
          {q.helpText && (
            <Typography.Text type="secondary" className="survey-help">
              {q.helpText}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: s.editor.type,
      dataIndex: 'questionType',
      width: 90,
      render: (v: string) => <Tag>{l(QUESTION_TYPE_LABELS, v)}</Tag>,
    },
    {
      title: s.editor.required,
      dataIndex: 'required',
      width: 64,
      align: 'center',
      render: (v: boolean) => (v ? <Tag color="red">{s.editor.yes}</Tag> : <Tag>{s.editor.no_}</Tag>),
    },
    {
      title: s.editor.settings,
      key: 'settings',
      width: 260,
      render: (_, q) =>
        q.questionType === 'number'
          ? [q.minValue !== null ? `≥ ${q.minValue}` : '', q.maxValue !== null ? `≤ ${q.maxValue}` : '', q.unit ?? '']
              .filter(Boolean)
              .join('  ') || '—'
          : q.options.length > 0
            ? q.options.join(' / ')
            : '—',
    },
    { title: s.editor.condition, key: 'condition', width: 170, render: (_, q) => conditionText(q) },
    ...(editable
      ? [
          {
            title: t.common.actions,
            key: 'actions',
            width: 150,
            render: (_: unknown, q: QuestionView, qi: number) => (
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  disabled={qi === 0}
                  title={s.editor.moveUp}
                  onClick={() => moveQuestion(si, qi, -1)}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={qi === sec.questions.length - 1}
                  title={s.editor.moveDown}
                  onClick={() => moveQuestion(si, qi, 1)}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  title={t.common.edit}
                  onClick={() => setQuestion({ sectionId: sec.id, question: q })}
                  data-testid={`question-edit-${q.number}`}
                />
                <Popconfirm
                  title={s.editor.confirmDeleteQuestion(q.title)}
                  onConfirm={() => change.mutate({ path: `/questions/${q.id}/delete` })}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} title={s.list.delete} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title={detail.title}
      extra={
        <Space>
          <SurveyStatusTag status={detail.status} />
          <Button icon={<EyeOutlined />} onClick={() => setPreview(true)} data-testid="survey-preview">
            {s.editor.preview}
          </Button>
          {back}
        </Space>
      }
    >
      <Card
        title={s.editor.basics}
        extra={
          <Space>
            {editable && (
              <Button icon={<EditOutlined />} onClick={() => setBasics(true)}>
                {s.editor.editBasics}
              </Button>
            )}
            <SurveyActions survey={detail} inEditor onDeleted={() => navigate('/surveys')} />
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'year', label: s.list.year, children: detail.year },
            { key: 'questions', label: s.list.questions, children: detail.questionCount },
            { key: 'openedAt', label: s.list.openedAt, children: formatTime(detail.openedAt) },
            { key: 'closedAt', label: s.list.closedAt, children: formatTime(detail.closedAt) },
            ...(detail.description
              ? [{ key: 'description', label: s.editor.description, children: detail.description, span: 4 }]
              : []),
          ]}
        />
      </Card>
      {!editable && detail.status !== 'draft' && <Alert type="info" showIcon title={s.editor.frozen} />}
      {sections.length === 0 && (
        <Card>
          <Empty description={s.editor.noSections} />
        </Card>
      )}
      {sections.map((sec, si) => (
        <Card
          key={sec.id}
          className="survey-editor-section"
          data-testid={`section-${si + 1}`}
          title={
            <Space orientation="vertical" size={0}>
              <span>{sec.title}</span>
              {sec.description && (
                <Typography.Text type="secondary" className="survey-help">
                  {sec.description}
                </Typography.Text>
              )}
            </Space>
          }
          extra={
            editable && (
              <Space size={0}>
                <Button
                  type="text"
                  icon={<ArrowUpOutlined />}
                  disabled={si === 0}
                  title={s.editor.moveUp}
                  onClick={() => moveSection(si, -1)}
                />
                <Button
                  type="text"
                  icon={<ArrowDownOutlined />}
                  disabled={si === sections.length - 1}
                  title={s.editor.moveDown}
                  onClick={() => moveSection(si, 1)}
                />
                <Button
                  type="text"
                  icon={<EditOutlined />}
                  title={s.editor.editSection}
                  onClick={() => setSection(sec)}
                />
                <Popconfirm
                  title={s.editor.confirmDeleteSection(sec.title, sec.questions.length)}
                  onConfirm={() => change.mutate({ path: `/sections/${sec.id}/delete` })}
                >
                  <Button type="text" danger icon={<DeleteOutlined />} title={s.list.delete} />
                </Popconfirm>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setQuestion({ sectionId: sec.id, question: null })}
                  data-testid={`question-add-${si + 1}`}
                >
                  {s.editor.addQuestion}
                </Button>
              </Space>
            )
          }
        >
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns(si, sec)}
            dataSource={sec.questions}
            loading={change.isPending}
            locale={{ emptyText: s.editor.emptySection }}
          />
        </Card>
      ))}
      {editable && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => setSection('new')} block data-testid="section-add">
          {s.editor.addSection}
        </Button>
      )}
      <QuestionModal
        target={question}
        survey={detail}
        onClose={() => setQuestion(null)}
        onSaved={(d) => {
          apply(d);
          setQuestion(null);
        }}
      />
      <SectionModal
        target={section}
        surveyId={detail.id}
        onClose={() => setSection(null)}
        onSaved={(d) => {
          apply(d);
          setSection(null);
        }}
      />
      <SurveyBasicsModal
        open={basics}
        survey={detail}
        onClose={() => setBasics(false)}
        onSaved={(d) => {
          apply(d);
          setBasics(false);
        }}
      />
      <Drawer title={s.editor.previewTitle} size={820} open={preview} onClose={() => setPreview(false)} destroyOnHidden>
        <SurveyForm
          survey={{ ...detail, status: 'draft' }}
          response={{
            surveyId: detail.id,
            enterpriseId: '',
            enterpriseName: '',
            status: 'notStarted',
            answers: {},
            rowVersion: 0,
            updatedAt: null,
            updatedByName: null,
            submittedAt: null,
            submittedByName: null,
            returnedAt: null,
            returnedByName: null,
            returnReason: null,
          }}
          editable={false}
          preview
        />
      </Drawer>
    </PageContainer>
  );
}
