// The template of a year's letter (部门版 / 企业版 / 村居版): title, preamble, articles and indicators with targets
// and weights (summing to 100). Saving an issued template makes a new revision that only the unsigned letters receive.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Flex, Form, Input, InputNumber, Space } from 'antd';
import { useEffect } from 'react';
import {
  defaultLetterContent,
  LETTER_VERSION_LABELS,
  type LetterContent,
  type LetterVersion,
} from '../../../../shared/src/responsibility';
import { api } from '../../app/api';
import { markServerFields, useIsMobile } from '../hazards/common';
import type { Template } from './common';

export type EditTarget = { template: Template } | { year: number; version: LetterVersion } | null;

export function TemplateEditor({ target, onClose }: { target: EditTarget; onClose: () => void }) {
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LetterContent>();
  useEffect(() => {
    if (!target) return;
    form.setFieldsValue(
      'template' in target ? target.template.content : defaultLetterContent(target.year, target.version),
    );
  }, [target, form]);
  const save = useMutation({
    mutationFn: (content: LetterContent) =>
      target && 'template' in target
        ? api.put<Template>(`/responsibility/templates/${target.template.id}`, {
            content,
            revision: target.template.revision,
          })
        : api.post<Template>('/responsibility/templates', {
            year: (target as { year: number }).year,
            version: (target as { version: LetterVersion }).version,
            content,
          }),
    onSuccess: (t) => {
      message.success(t.revision > 1 ? `已保存为第 ${t.revision} 版` : '已保存');
      void queryClient.invalidateQueries({ queryKey: ['responsibility'] });
      onClose();
    },
    onError: (e) => {
      markServerFields(form, e);
      message.error(e.message);
    },
  });
  const issued = target && 'template' in target && target.template.issued > 0;
  const version = target ? ('template' in target ? target.template.version : target.version) : 'enterprise';
  const year = target ? ('template' in target ? target.template.year : target.year) : 0;
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      width={mobile ? '100%' : 820}
      title={`${year}年度责任书模板（${LETTER_VERSION_LABELS[version].zh}）`}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="template-save">
          保存
        </Button>
      }
    >
      {issued && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="该模板已下达：保存后生成新版本，只有尚未签署的单位收到新版本，已签署的责任书保持签署时的内容。"
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, message: '请填写标题' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="preamble" label="引言">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.List name="articles">
          {(fields, { add, remove }) => (
            <Card size="small" title="条款" style={{ marginBottom: 12 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <div style={{ flex: 1 }}>
                    <Form.Item
                      name={[f.name, 'title']}
                      rules={[{ required: true, message: '请填写条款标题' }]}
                      style={{ marginBottom: 4 }}
                    >
                      <Input placeholder="条款标题" maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'body']} rules={[{ required: true, message: '请填写条款内容' }]}>
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} placeholder="条款内容" />
                    </Form.Item>
                  </div>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label="删除条款"
                    onClick={() => remove(f.name)}
                    disabled={fields.length <= 1}
                  />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '', body: '' })}>
                添加条款
              </Button>
            </Card>
          )}
        </Form.List>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <Card size="small" title="考核指标（权重合计 100）">
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写指标' }]}>
                    <Input placeholder="指标" maxLength={100} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'target']} rules={[{ required: true, message: '请填写目标值' }]}>
                    <Input placeholder="目标值" maxLength={200} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}>
                    <InputNumber min={1} max={100} precision={0} placeholder="权重" />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label="删除指标" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', target: '', weight: 10 })}>
                添加指标
              </Button>
            </Card>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
