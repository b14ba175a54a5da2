import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRef } from 'react';
import { defaultSurveyTitle, type SurveyDetail, type SurveyView } from '../../../../shared/src/survey';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { PARK_TZ } from '../../app/time';
import { surveyKeys } from './common';
import { useSurveyText } from './text';

interface Values {
  year: number;
  title: string;
  description?: string;
  source: 'defaults' | 'copy' | 'blank';
  copyFromId?: string;
}

/** A new year's survey: the shipped questions, a copy of an earlier year (the usual case), or blank. */
export function SurveyCreateModal({
  open,
  surveys,
  onClose,
  onCreated,
}: {
  open: boolean;
  surveys: SurveyView[];
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t, s } = useSurveyText();
  const c = s.create;
  const [form] = Form.useForm<Values>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const titleTouched = useRef(false);
  const source = Form.useWatch('source', form);
  const latest = [...surveys].sort((a, b) => b.year - a.year)[0];
  const nextYear = latest ? latest.year + 1 : dayjs().tz(PARK_TZ).year();

  const create = useMutation({
    mutationFn: (v: Values) =>
      api.post<SurveyDetail>('/surveys', {
        ...v,
        description: v.description?.trim() || null,
        copyFromId: v.source === 'copy' ? v.copyFromId : null,
      }),
    onSuccess: (survey) => {
      void queryClient.invalidateQueries({ queryKey: surveyKeys.list });
      onCreated(survey.id);
    },
    onError: showError,
  });

  return (
    <Modal
      title={c.title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={create.isPending}
      width={600}
      forceRender
      afterOpenChange={(visible) => {
        if (!visible) return form.resetFields();
        titleTouched.current = false;
        form.setFieldsValue({
          year: nextYear,
          title: defaultSurveyTitle(nextYear),
          source: latest ? 'copy' : 'defaults',
          copyFromId: latest?.id,
        });
      }}
    >
      <Form
        form={form}
        name="survey-create"
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        onValuesChange={(changed: Partial<Values>) => {
          if ('title' in changed) titleTouched.current = true;
          if (changed.year && !titleTouched.current) form.setFieldValue('title', defaultSurveyTitle(changed.year));
        }}
      >
        <Form.Item name="year" label={c.year} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item name="title" label={c.name} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={c.description}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="source" label={c.source} rules={[{ required: true }]}>
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="copy" disabled={surveys.length === 0}>
                {c.copy}
              </Radio>
              <Radio value="defaults">
                {c.defaults}
                <Typography.Text type="secondary" className="survey-option-hint">
                  {c.defaultsHint}
                </Typography.Text>
              </Radio>
              <Radio value="blank">{c.blank}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {source === 'copy' && (
          <Form.Item name="copyFromId" label={c.copyFrom} rules={[{ required: true }]}>
            <Select options={surveys.map((x) => ({ value: x.id, label: `${x.year} · ${x.title}` }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
