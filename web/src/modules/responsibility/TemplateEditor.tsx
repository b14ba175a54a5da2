// The template of a year's letter (部门版 / 企业版 / 村居版): title, preamble, articles and indicators with targets
// and weights (summing to 100). Saving an issued template makes a new revision that only the unsigned letters receive.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Flex, Form, Input, InputNumber, Space } from 'antd';
import { useEffect } from 'react';
import { defaultLetterContent, type LetterContent, type LetterVersion } from '../../../../shared/src/responsibility';
import { api } from '../../app/api';
import { markServerFields, useIsMobile } from '../hazards/common';
import type { Template } from './common';
import { useResponsibilityText } from './text';

export type EditTarget = { template: Template } | { year: number; version: LetterVersion } | null;

export function TemplateEditor({ target, onClose }: { target: EditTarget; onClose: () => void }) {
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const t = useResponsibilityText();
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
    onSuccess: (saved) => {
      message.success(saved.revision > 1 ? t.template.savedRevision(saved.revision) : t.common.saved);
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
      title={t.template.title(year, t.common.version(version))}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="template-save">
          {t.common.save}
        </Button>
      }
    >
      {issued && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t.template.issuedWarning} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="title"
          label={t.template.heading}
          rules={[{ required: true, min: 2, message: t.template.headingRequired }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="preamble" label={t.template.preamble}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.List name="articles">
          {(fields, { add, remove }) => (
            <Card size="small" title={t.template.articles} style={{ marginBottom: 12 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <div style={{ flex: 1 }}>
                    <Form.Item
                      name={[f.name, 'title']}
                      rules={[{ required: true, message: t.template.articleTitleRequired }]}
                      style={{ marginBottom: 4 }}
                    >
                      <Input placeholder={t.template.articleTitle} maxLength={100} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'body']}
                      rules={[{ required: true, message: t.template.articleBodyRequired }]}
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 2, maxRows: 8 }}
                        maxLength={4000}
                        placeholder={t.template.articleBody}
                      />
                    </Form.Item>
                  </div>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t.template.deleteArticle}
                    onClick={() => remove(f.name)}
                    disabled={fields.length <= 1}
                  />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '', body: '' })}>
                {t.template.addArticle}
              </Button>
            </Card>
          )}
        </Form.List>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <Card size="small" title={t.template.indicators}>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, message: t.template.indicatorRequired }]}
                  >
                    <Input placeholder={t.template.indicator} maxLength={100} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'target']} rules={[{ required: true, message: t.template.targetRequired }]}>
                    <Input placeholder={t.template.target} maxLength={200} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t.template.weightRequired }]}>
                    <InputNumber min={1} max={100} precision={0} placeholder={t.template.weight} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t.template.deleteIndicator}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', target: '', weight: 10 })}>
                {t.template.addIndicator}
              </Button>
            </Card>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
