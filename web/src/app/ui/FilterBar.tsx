import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** The query form above a table: fields inline, 查询 applies them, 重置 clears them. */
export function FilterBar<V extends object>({
  onSearch,
  children,
  initialValues,
}: {
  onSearch: (values: V) => void;
  children: ReactNode;
  /** Filters the page opened with (a link's query string), shown in the fields. */
  initialValues?: Partial<V>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  return (
    <Card className="filter-card" size="small">
      <Form form={form} layout="inline" onFinish={onSearch} className="filter-form" initialValues={initialValues}>
        {children}
        <Form.Item className="filter-actions">
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t.common.search}
            </Button>
            <Button
              icon={<UndoOutlined />}
              onClick={() => {
                form.resetFields();
                onSearch({} as V);
              }}
            >
              {t.common.reset}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
