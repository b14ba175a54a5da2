// Add or edit one question: type, wording, help text, required, options (choice types), range and unit (numbers),
// and an optional condition on an earlier choice or yes/no question. The server checks the same rules again.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import {
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type QuestionType,
  type QuestionView,
  type SurveyDetail,
  YES_NO_LABELS,
  YES_NO_VALUES,
} from '../../../../shared/src/survey';
import { ApiError, api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { codeOptions } from '../../app/ui/options';
import { useSurveyText } from './text';

interface Values {
  sectionId: string;
  questionType: QuestionType;
  title: string;
  helpText?: string | null;
  required: boolean;
  options?: string[];
  minValue?: number | null;
  maxValue?: number | null;
  integerOnly?: boolean;
  unit?: string | null;
  hasCondition?: boolean;
  conditionQuestionId?: string;
  conditionAnyOf?: string[];
}

const CHOICE: QuestionType[] = ['single', 'multiple'];
const CONDITION_SOURCES: QuestionType[] = ['single', 'multiple', 'yesNo'];

export function QuestionModal({
  target,
  survey,
  onClose,
  onSaved,
}: {
  target: { sectionId: string; question: QuestionView | null } | null;
  survey: SurveyDetail;
  onClose: () => void;
  onSaved: (survey: SurveyDetail) => void;
}) {
  const { t, s, lang } = useSurveyText();
  const f = s.question;
  const [form] = Form.useForm<Values>();
  const showError = useShowError(form);
  const editing = target?.question ?? null;
  const questionType = Form.useWatch('questionType', form);
  const sectionId = Form.useWatch('sectionId', form);
  const hasCondition = Form.useWatch('hasCondition', form);
  const conditionQuestionId = Form.useWatch('conditionQuestionId', form);

  useEffect(() => {
    if (!target) return;
    const q = target.question;
    form.setFieldsValue(
      q
        ? {
            sectionId: q.sectionId,
            questionType: q.questionType,
            title: q.title,
            helpText: q.helpText,
            required: q.required,
            options: q.options.length ? q.options : ['', ''],
            minValue: q.minValue,
            maxValue: q.maxValue,
            integerOnly: q.integerOnly,
            unit: q.unit,
            hasCondition: q.condition !== null,
            conditionQuestionId: q.condition?.questionId,
            conditionAnyOf: q.condition?.anyOf,
          }
        : {
            sectionId: target.sectionId,
            questionType: 'yesNo',
            required: true,
            options: ['', ''],
            hasCondition: false,
          },
    );
  }, [target, form]);

  // A condition points back: to questions of earlier sections, or earlier in the same one.
  const sectionIndex = survey.sections.findIndex((x) => x.id === sectionId);
  const candidates = survey.sections
    .slice(0, sectionIndex + 1)
    .flatMap((x) => x.questions)
    .filter((q) => CONDITION_SOURCES.includes(q.questionType) && q.id !== editing?.id)
    .filter((q) => !editing || editing.sectionId !== sectionId || q.number < editing.number);
  const source = candidates.find((q) => q.id === conditionQuestionId);
  const sourceValues = source
    ? source.questionType === 'yesNo'
      ? YES_NO_VALUES.map((v) => ({ value: v, label: YES_NO_LABELS[v]![lang] }))
      : source.options.map((o) => ({ value: o, label: o }))
    : [];

  const save = useMutation({
    mutationFn: (v: Values) => {
      const choice = CHOICE.includes(v.questionType);
      const number = v.questionType === 'number';
      const body = {
        sectionId: v.sectionId,
        questionType: v.questionType,
        title: v.title,
        helpText: v.helpText?.trim() || null,
        required: v.required,
        options: choice ? (v.options ?? []).map((o) => o?.trim()).filter(Boolean) : [],
        minValue: number ? (v.minValue ?? null) : null,
        maxValue: number ? (v.maxValue ?? null) : null,
        integerOnly: number ? (v.integerOnly ?? false) : false,
        unit: number ? v.unit?.trim() || null : null,
        condition:
          v.hasCondition && v.conditionQuestionId
            ? { questionId: v.conditionQuestionId, anyOf: v.conditionAnyOf ?? [] }
            : null,
      };
      return editing
        ? api.patch<SurveyDetail>(`/surveys/${survey.id}/questions/${editing.id}`, body)
        : api.post<SurveyDetail>(`/surveys/${survey.id}/questions`, body);
    },
    onSuccess: onSaved,
    onError: (error) => {
      // The server names the condition as a whole; show it on the question picker.
      if (error instanceof ApiError && error.fields.condition) {
        form.setFields([{ name: 'conditionQuestionId', errors: [error.fields.condition] }]);
      }
      showError(error);
    },
  });

  return (
    <Modal
      title={editing ? s.misc.editQuestionTitle(s.editor.editQuestion, editing.label) : s.editor.addQuestion}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={save.isPending}
      width={720}
      forceRender
      afterOpenChange={(visible) => visible || form.resetFields()}
    >
      <Form form={form} name="survey-question" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="sectionId" label={f.section} rules={[{ required: true }]}>
              <Select options={survey.sections.map((x) => ({ value: x.id, label: x.title }))} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="questionType" label={f.type} rules={[{ required: true }]}>
              <Select options={codeOptions(QUESTION_TYPES, QUESTION_TYPE_LABELS, lang)} data-testid="question-type" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={f.title} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} data-testid="question-title" />
        </Form.Item>
        <Form.Item name="helpText" label={f.helpText}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="required" label={f.required} valuePropName="checked">
          <Switch />
        </Form.Item>

        {questionType && CHOICE.includes(questionType) && (
          <Form.Item label={f.options} required>
            <Form.List
              name="options"
              rules={[
                {
                  validator: async (_, list: string[] | undefined) => {
                    const given = (list ?? []).map((o) => o?.trim()).filter(Boolean);
                    if (given.length < 2) throw new Error(f.optionsMin);
                    if (new Set(given).size !== given.length) throw new Error(f.optionsUnique);
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <Space orientation="vertical" className="survey-options">
                  {fields.map((field, i) => (
                    <Space key={field.key} align="baseline">
                      <Form.Item {...field} noStyle>
                        <Input
                          placeholder={f.optionPlaceholder(i + 1)}
                          maxLength={100}
                          className="survey-option-input"
                        />
                      </Form.Item>
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                    {f.addOption}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </Space>
              )}
            </Form.List>
          </Form.Item>
        )}

        {questionType === 'number' && (
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="minValue" label={f.minValue}>
                <InputNumber className="survey-number" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="maxValue" label={f.maxValue}>
                <InputNumber className="survey-number" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="unit" label={f.unit}>
                <Input maxLength={20} placeholder={f.unitPlaceholder} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="integerOnly" label={f.integerOnly} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
        )}

        <Form.Item name="hasCondition" label={f.hasCondition} valuePropName="checked" extra={f.conditionHint}>
          <Switch disabled={candidates.length === 0 && !hasCondition} />
        </Form.Item>
        {hasCondition &&
          (candidates.length === 0 ? (
            <Alert type="warning" showIcon title={f.noConditionSources} />
          ) : (
            <Row gutter={16}>
              <Col span={14}>
                <Form.Item name="conditionQuestionId" label={f.conditionQuestion} rules={[{ required: true }]}>
                  <Select
                    options={candidates.map((q) => ({ value: q.id, label: `${q.label}. ${q.title}` }))}
                    onChange={() => form.setFieldValue('conditionAnyOf', [])}
                  />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="conditionAnyOf" label={f.conditionValues} rules={[{ required: true }]}>
                  <Select mode="multiple" options={sourceValues} />
                </Form.Item>
              </Col>
            </Row>
          ))}
      </Form>
    </Modal>
  );
}
