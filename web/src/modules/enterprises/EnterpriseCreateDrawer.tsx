import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { EnterpriseInput, EnterpriseView } from '../../../../shared/src/enterprises';
import { api } from '../../app/api';
import { BasicFields, PeopleFields, SectionTitle } from './EnterpriseFields';
import {
  BASIC_FIELDS,
  EMPTY_ENTERPRISE,
  type EnterpriseFormValues,
  markServerFields,
  PEOPLE_FIELDS,
  toPayload,
} from './enterpriseForm';
import { enterpriseKeys, enterprisePath } from './rights';
import { useEnterpriseText } from './text';

/** 新建企业: the whole record in one form; the new enterprise's page opens once it is saved. */
export function EnterpriseCreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { x } = useEnterpriseText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const create = useMutation({
    mutationFn: (body: Partial<EnterpriseInput>) => api.post<EnterpriseView>('/enterprises', body),
    onSuccess: (created) => {
      message.success(x.form.created);
      queryClient.setQueryData(enterpriseKeys.one(created.id), created);
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.list });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      onClose();
      navigate(enterprisePath(created.id));
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });

  return (
    <Drawer
      title={x.list.create}
      size={1000}
      open={open}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{x.form.cancel}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="create-submit">
            {x.form.save}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={EMPTY_ENTERPRISE}
        onFinish={(values) => create.mutate(toPayload(values, [...BASIC_FIELDS, ...PEOPLE_FIELDS]))}
        scrollToFirstError
        className="enterprise-form"
        data-testid="enterprise-create-form"
      >
        <BasicFields />
        <SectionTitle>{x.detail.tabs.people}</SectionTitle>
        <PeopleFields />
      </Form>
    </Drawer>
  );
}
