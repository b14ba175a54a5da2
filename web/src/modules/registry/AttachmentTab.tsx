import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Flex, Form, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, type Page } from '../../app/api';
import { QueryError } from '../../app/ui/QueryError';
import { markServerFields } from '../enterprises/enterpriseForm';
import { enterpriseKeys } from '../enterprises/rights';
import {
  type AttachedRecord,
  type KindUi,
  registryKeys,
  useCertificateUi,
  useEquipmentUi,
  useHazardSourceUi,
  usePlanUi,
} from './kinds';
import { useRegistryText } from './text';

/** One kind of attached record of one enterprise: its table, and for those who may, add / edit / delete. */
function AttachmentTab<V extends AttachedRecord>({
  ui,
  enterpriseId,
  writable,
}: {
  ui: KindUi<V>;
  enterpriseId: string;
  writable: boolean;
}) {
  const { r, t } = useRegistryText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<V | 'new' | null>(null);
  const [form] = Form.useForm();
  // The one form instance serves add and edit: each opening sets its values from what is opened. (initialValues alone
  // left an edit opened right after 登记 with the add form's empty values.)
  // Only on opening (ui is a new object each render, so read through a ref): a refetch must not reset what is typed.
  const toValues = useRef(ui.toValues);
  toValues.current = ui.toValues;
  useEffect(() => {
    if (editing === null) return;
    form.resetFields();
    form.setFieldsValue(toValues.current(editing === 'new' ? undefined : editing));
  }, [editing, form]);
  const query = { enterpriseId, ...paging };
  const list = useQuery({
    queryKey: registryKeys.list(ui.kind, query),
    queryFn: () => api.get<Page<V>>(`/registry/${ui.kind}`, query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: registryKeys.all });
    void queryClient.invalidateQueries({ queryKey: enterpriseKeys.history(enterpriseId) });
  };

  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const body = ui.toBody(values);
      return editing === 'new' || editing === null
        ? api.post<V>(`/registry/${ui.kind}`, { ...body, enterpriseId })
        : api.patch<V>(`/registry/${ui.kind}/${editing.id}`, body);
    },
    onSuccess: () => {
      message.success(editing === 'new' ? r.common.created : r.common.saved);
      setEditing(null);
      refresh();
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/registry/certificates/export', { enterpriseId }, '特种作业证书.xlsx'),
    onSuccess: () => message.success(r.certificates.exported),
    onError: (error) => message.error(error.message),
  });
  const remove = useMutation({
    mutationFn: (row: V) => api.del(`/registry/${ui.kind}/${row.id}`),
    onSuccess: () => {
      message.success(r.common.deleted);
      refresh();
    },
    onError: (error) => message.error(error.message),
  });

  const columns = writable
    ? [
        ...ui.columns,
        {
          title: r.common.actions,
          key: 'actions',
          fixed: 'right' as const,
          width: 110,
          render: (_: unknown, row: V) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setEditing(row)}>
                {r.common.edit}
              </Button>
              <Popconfirm
                title={r.common.confirmDelete(ui.describe(row))}
                onConfirm={() => remove.mutate(row)}
                okButtonProps={{ danger: true }}
              >
                <Button type="link" size="small" danger>
                  {r.common.delete}
                </Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]
    : ui.columns;

  return (
    <div data-testid={`records-${ui.kind}`}>
      <Flex justify="space-between" align="center" className="tab-toolbar">
        <Typography.Text type="secondary">{t.common.total(list.data?.total ?? 0)}</Typography.Text>
        <Space>
          {ui.kind === 'certificates' && (
            // 证书编号 in full for admin/supervisor, masked for the others (the server decides; the notes sheet says so).
            <Button
              icon={<DownloadOutlined />}
              loading={exportFile.isPending}
              onClick={() => exportFile.mutate()}
              data-testid="export-certificates"
            >
              {r.certificates.export}
            </Button>
          )}
          {writable && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid={`add-${ui.kind}`}
            >
              {ui.addLabel}
            </Button>
          )}
        </Space>
      </Flex>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<V>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          locale={{ emptyText: r.common.empty }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: true,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          data-testid={`table-${ui.kind}`}
        />
      )}
      <Modal
        title={editing === 'new' ? ui.addLabel : ui.editTitle}
        open={editing !== null}
        width={760}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t.common.save}
        confirmLoading={save.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'record-submit' } as ButtonProps}
      >
        {editing !== null && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={ui.toValues(editing === 'new' ? undefined : editing)}
            onFinish={(values) => save.mutate(values)}
            data-testid="record-form"
          >
            <ui.Fields />
          </Form>
        )}
      </Modal>
    </div>
  );
}

export function HazardSourcesTab(props: { enterpriseId: string; writable: boolean }) {
  return <AttachmentTab ui={useHazardSourceUi()} {...props} />;
}
export function EquipmentTab(props: { enterpriseId: string; writable: boolean }) {
  return <AttachmentTab ui={useEquipmentUi()} {...props} />;
}
export function PlansTab(props: { enterpriseId: string; writable: boolean }) {
  return <AttachmentTab ui={usePlanUi()} {...props} />;
}
export function CertificatesTab(props: { enterpriseId: string; writable: boolean }) {
  return <AttachmentTab ui={useCertificateUi()} {...props} />;
}
