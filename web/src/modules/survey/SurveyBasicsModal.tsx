import { useMutation } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal } from 'antd';
import type { SurveyDetail } from '../../../../shared/src/survey';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useSurveyText } from './text';

interface Values {
  year: number;
  title: string;
  description?: string | null;
}

/** Year, title and description of a draft survey (with its version, so a stale edit is refused). */
export function SurveyBasicsModal({
  open,
  survey,
  onClose,
  onSaved,
}: {
  open: boolean;
  survey: SurveyDetail;
  onClose: () => void;
  onSaved: (survey: SurveyDetail) => void;
}) {
  const { t, s } = useSurveyText();
  const [form] = Form.useForm<Values>();
  const showError = useShowError(form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.patch<SurveyDetail>(`/surveys/${survey.id}`, {
        year: v.year,
        title: v.title,
        description: v.description?.trim() || null,
        rowVersion: survey.rowVersion,
      }),
    onSuccess: onSaved,
    onError: showError,
  });
  return (
    <Modal
      title={s.editor.editBasics}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={save.isPending}
      forceRender
      afterOpenChange={(visible) =>
        visible
          ? form.setFieldsValue({ year: survey.year, title: survey.title, description: survey.description })
          : form.resetFields()
      }
    >
      <Form form={form} name="survey-basics" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="year" label={s.create.year} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item name="title" label={s.create.name} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={s.create.description}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
