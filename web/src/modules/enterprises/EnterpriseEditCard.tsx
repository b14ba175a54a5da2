import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Space } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import type { EnterpriseInput, EnterpriseView } from '../../../../shared/src/enterprises';
import { ApiError, api } from '../../app/api';
import {
  changedFields,
  type EnterpriseField,
  type EnterpriseFormValues,
  markServerFields,
  toFormValues,
  toPayload,
} from './enterpriseForm';
import { enterpriseKeys, useRegistryRights } from './rights';
import { useEnterpriseText } from './text';

/**
 * A part of the record (基本信息 or 人员), read until 编辑 is pressed, then a form over the same fields. The save
 * sends only what changed with the version the editor started from: if someone saved in between, the server answers
 * 409 ENTERPRISE_STALE and the user reloads rather than overwriting their change.
 */
export function EnterpriseEditCard({
  enterprise,
  fields,
  view,
  children,
  reload,
  testId,
}: {
  enterprise: EnterpriseView;
  fields: EnterpriseField[];
  /** The read-only view, given the 编辑 button to place in its title row. */
  view: (action: ReactNode) => ReactNode;
  children: ReactNode;
  reload: () => Promise<EnterpriseView | undefined>;
  testId: string;
}) {
  const { x, t } = useEnterpriseText();
  const { message } = App.useApp();
  const rights = useRegistryRights();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EnterpriseFormValues>();
  // The record as it was when editing began: the form starts from it, and its rowVersion goes with the save.
  const [base, setBase] = useState<EnterpriseView | null>(null);
  const [stale, setStale] = useState(false);
  // Each edit starts from the record as the server answers it (phones masked), not from what the form held when it
  // was last closed: the form instance outlives the form, and a number typed before must not reappear in clear.
  useEffect(() => {
    if (base) form.setFieldsValue(toFormValues(base));
  }, [base, form]);
  const editable = rights.edit && fields.some((f) => rights.canEditField(f));

  const save = useMutation({
    mutationFn: (patch: Partial<EnterpriseInput>) =>
      api.patch<EnterpriseView>(`/enterprises/${enterprise.id}`, { ...patch, rowVersion: base!.rowVersion }),
    onSuccess: (saved) => {
      queryClient.setQueryData(enterpriseKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.history(saved.id) });
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.list });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      message.success(t.common.saved);
      setBase(null);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'ENTERPRISE_STALE') {
        setStale(true);
        return;
      }
      markServerFields(form, error);
      message.error(error.message);
    },
  });

  const submit = (values: EnterpriseFormValues) => {
    if (!base) return;
    const patch = changedFields(toPayload(values, fields), base);
    if (Object.keys(patch).length === 0) {
      message.info(x.form.noChanges);
      setBase(null);
      return;
    }
    save.mutate(patch);
  };

  const startOver = async () => {
    const fresh = await reload();
    if (!fresh) return;
    setStale(false);
    setBase(fresh);
    form.setFieldsValue(toFormValues(fresh));
  };

  if (!base) {
    return (
      <div data-testid={testId}>
        {view(
          editable && (
            <Button icon={<EditOutlined />} onClick={() => setBase(enterprise)} data-testid={`${testId}-edit`}>
              {x.form.edit}
            </Button>
          ),
        )}
      </div>
    );
  }

  return (
    <div data-testid={testId}>
      {stale && (
        <Alert
          type="error"
          showIcon
          className="stale-alert"
          title={x.form.staleTitle}
          description={x.form.staleText}
          action={
            <Button danger icon={<ReloadOutlined />} onClick={() => void startOver()} data-testid="stale-reload">
              {x.form.reload}
            </Button>
          }
          data-testid="stale-alert"
        />
      )}
      {rights.edit && !rights.manage && (
        <Alert type="info" showIcon title={x.form.selfEditNote} className="self-note" />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={toFormValues(base)}
        onFinish={submit}
        scrollToFirstError
        className="enterprise-form"
        data-testid={`${testId}-form`}
      >
        {children}
        <Flex justify="flex-end" className="form-actions">
          <Space>
            <Button onClick={() => setBase(null)}>{x.form.cancel}</Button>
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              disabled={stale}
              data-testid={`${testId}-save`}
            >
              {x.form.save}
            </Button>
          </Space>
        </Flex>
      </Form>
    </div>
  );
}
