import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import type { SectionView, SurveyDetail } from '../../../../shared/src/survey';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useSurveyText } from './text';

interface Values {
  title: string;
  description?: string | null;
}

export function SectionModal({
  target,
  surveyId,
  onClose,
  onSaved,
}: {
  target: SectionView | 'new' | null;
  surveyId: string;
  onClose: () => void;
  onSaved: (survey: SurveyDetail) => void;
}) {
  const { t, s } = useSurveyText();
  const [form] = Form.useForm<Values>();
  const showError = useShowError(form);
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (editing) form.setFieldsValue({ title: editing.title, description: editing.description });
  }, [editing, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { title: v.title, description: v.description?.trim() || null };
      return editing
        ? api.patch<SurveyDetail>(`/surveys/${surveyId}/sections/${editing.id}`, body)
        : api.post<SurveyDetail>(`/surveys/${surveyId}/sections`, body);
    },
    onSuccess: onSaved,
    onError: showError,
  });

  return (
    <Modal
      title={editing ? s.editor.editSection : s.editor.addSection}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={save.isPending}
      forceRender
      afterOpenChange={(visible) => visible || form.resetFields()}
    >
      <Form form={form} name="survey-section" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={s.editor.sectionTitle} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="description" label={s.editor.sectionDescription}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
