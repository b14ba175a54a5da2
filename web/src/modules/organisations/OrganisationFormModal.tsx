import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { ORGANISATION_KIND_LABELS } from '../../../../shared/src/labels';
import type { OrganisationView } from '../../../../shared/src/organisations';
import { ORGANISATION_KINDS } from '../../../../shared/src/roles';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { codeOptions } from '../../app/ui/options';

// Enterprise organisations come into being with their enterprise record.
const CREATABLE_KINDS = ORGANISATION_KINDS.filter((k) => k !== 'enterprise');

interface Values {
  kind?: string;
  name: string;
  contactPerson?: string | null;
  contactPhone?: string | null;
  disabled?: boolean;
}

const blankToNull = (v: string | null | undefined) => v?.trim() || null;

export function OrganisationFormModal({
  target,
  onClose,
}: {
  target: OrganisationView | 'new' | null;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const o = t.organisations;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const showError = useShowError(form);
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (editing) {
      const { name, contactPerson, contactPhone, disabled } = editing;
      form.setFieldsValue({ name, contactPerson, contactPhone, disabled });
    }
  }, [editing, form]);

  const save = useMutation({
    mutationFn: ({ kind, name, contactPerson, contactPhone, disabled }: Values) => {
      const body = { name, contactPerson: blankToNull(contactPerson), contactPhone: blankToNull(contactPhone) };
      return editing
        ? api.patch(`/organisations/${editing.id}`, { ...body, disabled })
        : api.post('/organisations', { ...body, kind });
    },
    onSuccess: () => {
      message.success(editing ? t.common.saved : o.created);
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal
      title={editing ? `${o.editTitle}：${editing.name}` : o.createTitle}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={save.isPending}
      forceRender
      afterOpenChange={(visible) => visible || form.resetFields()}
    >
      <Form form={form} name="organisation" layout="vertical" onFinish={(values) => save.mutate(values)}>
        {!editing && (
          <Form.Item name="kind" label={o.kind} rules={[{ required: true }]}>
            <Select options={codeOptions(CREATABLE_KINDS, ORGANISATION_KIND_LABELS, lang)} />
          </Form.Item>
        )}
        <Form.Item name="name" label={o.name} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="contactPerson" label={o.contactPerson}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={o.contactPhone}>
          <Input maxLength={30} />
        </Form.Item>
        {editing && (
          <Form.Item name="disabled" label={o.disabledField} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
