// The questionnaire as a form: one card per section, one field per question that shows (conditions evaluated with
// the same rule the server uses), draft save without checks, submit with the required checks, server messages put
// on the question they name.
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import {
  type Answers,
  type AnswerValue,
  answerText,
  isBlank,
  type QuestionView,
  type ResponseView,
  type SurveyDetail,
  visibleQuestions,
} from '../../../../shared/src/survey';
import { ApiError, api } from '../../app/api';
import { formatTime } from '../../app/time';
import { useSurveyText } from './text';

type FormValue = AnswerValue | Dayjs | undefined;
type FormValues = Record<string, FormValue>;

function toFormValues(questions: QuestionView[], answers: Answers): FormValues {
  const out: FormValues = {};
  for (const q of questions) {
    const v = answers[q.id];
    out[q.id] = q.questionType === 'date' && typeof v === 'string' ? dayjs(v) : (v ?? undefined);
  }
  return out;
}

function toAnswers(values: FormValues): Answers {
  const out: Answers = {};
  for (const [id, v] of Object.entries(values)) {
    const value: AnswerValue | undefined = dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : (v as AnswerValue | undefined);
    if (!isBlank(value)) out[id] = typeof value === 'string' ? value.trim() : (value as AnswerValue);
  }
  return out;
}

interface Props {
  survey: SurveyDetail;
  response: ResponseView;
  /** Whether this user may save and submit now (survey open, answer not submitted, right role). */
  editable: boolean;
  /** The committee's preview: answerable (conditions work) but nothing is saved. */
  preview?: boolean;
  onSaved?: (response: ResponseView) => void;
}

export function SurveyForm({ survey, response, editable, preview = false, onSaved }: Props) {
  const { s } = useSurveyText();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const questions = useMemo(() => survey.sections.flatMap((x) => x.questions), [survey]);
  const initial = useMemo(() => toFormValues(questions, response.answers), [questions, response.answers]);
  const [values, setValues] = useState<FormValues>(initial);
  const answers = toAnswers(values);
  const shown = visibleQuestions(questions, answers);
  const shownList = questions.filter((q) => shown.has(q.id));
  const answered = shownList.filter((q) => !isBlank(answers[q.id])).length;
  const readOnly = !editable && !preview;

  const showError = (error: unknown) => {
    if (error instanceof ApiError) {
      form.setFields(
        Object.entries(error.fields)
          .filter(([key]) => key.startsWith('answers.'))
          .map(([key, text]) => ({ name: key.slice('answers.'.length), errors: [text] })),
      );
    }
    message.error(error instanceof Error ? error.message : String(error));
  };

  const save = useMutation({
    mutationFn: (submit: boolean) =>
      api.post<ResponseView>(`/surveys/${survey.id}/responses/${response.enterpriseId}/${submit ? 'submit' : 'save'}`, {
        answers: toAnswers(form.getFieldsValue(true)),
        rowVersion: response.rowVersion,
      }),
    onSuccess: (saved, submit) => {
      message.success(submit ? s.form.submitted : s.form.saved);
      onSaved?.(saved);
    },
    onError: showError,
  });

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      message.error(s.form.fixErrors);
      return;
    }
    save.mutate(true);
  };

  return (
    <div className="survey-form" data-testid="survey-form">
      <StatusBanner survey={survey} response={response} editable={editable} />
      {survey.description && <Alert type="info" showIcon title={survey.description} />}
      <Form
        form={form}
        // Read-only answers list question and answer side by side, so a reviewer scans the sheet quickly.
        layout={readOnly ? 'horizontal' : 'vertical'}
        labelCol={readOnly ? { flex: '0 0 60%' } : undefined}
        labelAlign="left"
        labelWrap
        colon={false}
        className={readOnly ? 'survey-readonly' : undefined}
        initialValues={initial}
        onValuesChange={(_, all) => setValues(all)}
        disabled={readOnly}
        requiredMark={!readOnly}
        scrollToFirstError={{ block: 'center' }}
      >
        {survey.sections.map((section, i) => {
          const visible = section.questions.filter((q) => shown.has(q.id));
          if (visible.length === 0) return null;
          return (
            <Card key={section.id} className="survey-section" title={s.misc.sectionTitle(i, section.title)}>
              {section.description && (
                <Typography.Paragraph type="secondary" className="survey-section-note">
                  {section.description}
                </Typography.Paragraph>
              )}
              {visible.map((q) => (
                <QuestionField key={q.id} question={q} readOnly={readOnly} />
              ))}
            </Card>
          );
        })}
      </Form>
      {editable && (
        <Card size="small" className="survey-actions">
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Typography.Text type="secondary" data-testid="survey-answered">
              {s.form.answered(answered, shownList.length)}
            </Typography.Text>
            <Space>
              <Button
                icon={<SaveOutlined />}
                loading={save.isPending && save.variables === false}
                onClick={() => save.mutate(false)}
                data-testid="survey-save"
              >
                {s.form.saveDraft}
              </Button>
              <Popconfirm title={s.form.confirmSubmit} onConfirm={() => void submit()}>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={save.isPending && save.variables === true}
                  data-testid="survey-submit"
                >
                  {s.form.submit}
                </Button>
              </Popconfirm>
            </Space>
          </Flex>
        </Card>
      )}
    </div>
  );
}

function StatusBanner({ survey, response, editable }: Pick<Props, 'survey' | 'response' | 'editable'>) {
  const { s } = useSurveyText();
  const f = s.form;
  if (survey.status === 'draft') return <Alert type="info" showIcon title={f.draftSurvey} />;
  if (response.status === 'returned') {
    return (
      <Alert
        type="error"
        showIcon
        title={f.returned}
        description={
          <>
            <div data-testid="return-reason">{response.returnReason}</div>
            <Typography.Text type="secondary">
              {f.returnedBy(response.returnedByName ?? '—', formatTime(response.returnedAt))}
            </Typography.Text>
          </>
        }
        data-testid="survey-banner"
      />
    );
  }
  if (response.status === 'submitted') {
    return (
      <Alert
        type="success"
        showIcon
        title={f.submittedAt(formatTime(response.submittedAt), response.submittedByName ?? '—')}
        data-testid="survey-banner"
      />
    );
  }
  if (survey.status === 'closed' && !editable) return <Alert type="warning" showIcon title={f.closed} />;
  if (response.status === 'draft') {
    return (
      <Alert
        type="warning"
        showIcon
        title={f.draft(formatTime(response.updatedAt), response.updatedByName ?? '—')}
        data-testid="survey-banner"
      />
    );
  }
  return <Alert type="info" showIcon title={f.notStarted} data-testid="survey-banner" />;
}

function QuestionField({ question: q, readOnly }: { question: QuestionView; readOnly: boolean }) {
  const { s } = useSurveyText();
  // The unit shows inside the number box (and after a read-only answer), not in the label.
  // Numbered as the reader sees it (6, 6.1, 7: no gaps when conditional questions are hidden).
  const label = `${q.label}. ${q.title}`;
  const rules = q.required ? [{ required: true, message: s.form.requiredMessage(q.label, q.title) }] : [];
  const common = {
    name: q.id,
    label,
    rules,
    extra: readOnly ? undefined : (q.helpText ?? undefined),
    className: 'survey-question',
    'data-testid': `question-${q.number}`,
  };
  if (readOnly) {
    return (
      <Form.Item {...common} rules={[]}>
        <AnswerText question={q} />
      </Form.Item>
    );
  }
  switch (q.questionType) {
    case 'single':
      return (
        <Form.Item {...common}>
          <Radio.Group options={q.options.map((o) => ({ value: o, label: o }))} />
        </Form.Item>
      );
    case 'multiple':
      return (
        <Form.Item {...common}>
          <Checkbox.Group options={q.options.map((o) => ({ value: o, label: o }))} />
        </Form.Item>
      );
    case 'yesNo':
      return (
        <Form.Item {...common}>
          <Radio.Group
            options={[
              { value: true, label: s.form.yes },
              { value: false, label: s.form.no },
            ]}
          />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber
            min={q.minValue ?? undefined}
            max={q.maxValue ?? undefined}
            precision={q.integerOnly ? 0 : undefined}
            suffix={q.unit ?? undefined}
            className="survey-number"
          />
        </Form.Item>
      );
    case 'text':
      return (
        <Form.Item {...common}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item {...common}>
          <DatePicker placeholder={s.form.selectDate} />
        </Form.Item>
      );
  }
}

/** A read-only answer as text: easier to read (and to print) than disabled inputs. */
function AnswerText({ question, value }: { question: QuestionView; value?: FormValue }) {
  const { s, lang } = useSurveyText();
  const v = dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value;
  if (isBlank(v)) return <Typography.Text type="secondary">{s.form.none}</Typography.Text>;
  const text = answerText(question, v as AnswerValue, lang);
  return (
    <Typography.Text strong className="survey-answer">
      {question.unit && question.questionType === 'number' ? `${text} ${question.unit}` : text}
    </Typography.Text>
  );
}
