// The attendees of a session as a form control: a table to correct names, posts, roles and results, with many added
// at once by pasting a list or importing an Excel sheet. Both go through the server's one parser
// (POST /training/attendees/parse | /import), which resolves each enterprise name and says what is wrong with a line.
import { DeleteOutlined, FileExcelOutlined, PlusOutlined, SnippetsOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { ATTENDEE_ROLES, type AttendeeRole, type ParsedAttendees } from '../../../../shared/src/training';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useTrainingText } from './text';

export interface AttendeeRow {
  key: string;
  name: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  post: string | null;
  role: AttendeeRole;
  phone: string | null;
  score: number | null;
  passed: boolean | null;
}

let seq = 0;
export const rowKey = () => `r${++seq}`;

const PASS_OPTIONS = (t: { passed: string; failed: string; none: string }) => [
  { value: 'pass', label: t.passed },
  { value: 'fail', label: t.failed },
  { value: 'none', label: t.none },
];

export function AttendeeEditor({
  value = [],
  onChange,
  defaultEnterprise,
}: {
  value?: AttendeeRow[];
  onChange?: (rows: AttendeeRow[]) => void;
  /** The session's enterprise: "添加一人" starts with it. */
  defaultEnterprise: { id: string; name: string } | null;
}) {
  const { attendee: t, names } = useTrainingText();
  const showError = useShowError();
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<ParsedAttendees | null>(null);
  const set = (key: string, patch: Partial<AttendeeRow>) =>
    onChange?.(value.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const parse = useMutation({
    mutationFn: (body: string) => api.post<ParsedAttendees>('/training/attendees/parse', { text: body }),
    onSuccess: setParsed,
    onError: showError,
  });
  const importSheet = useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file);
      const r = await api.upload<ParsedAttendees>('/training/attendees/import', form);
      return r.data;
    },
    onSuccess: (r) => {
      setParsed(r);
      setPasting(true);
    },
    onError: showError,
  });
  const addParsed = () => {
    const ok = (parsed?.items ?? []).filter((i) => !i.error);
    onChange?.([...value, ...ok.map((i) => ({ key: rowKey(), ...i.attendee }))]);
    setPasting(false);
    setParsed(null);
    setText('');
  };

  const columns: TableColumnsType<AttendeeRow> = [
    { title: '#', key: 'n', width: 44, render: (_: unknown, __, i) => i + 1 },
    {
      title: t.name,
      dataIndex: 'name',
      width: 110,
      render: (v: string, r) => <Input size="small" value={v} onChange={(e) => set(r.key, { name: e.target.value })} />,
    },
    { title: t.enterprise, dataIndex: 'enterpriseName', width: 200, render: (v: string | null) => v ?? '—' },
    {
      title: t.post,
      dataIndex: 'post',
      width: 110,
      render: (v: string | null, r) => (
        <Input size="small" value={v ?? ''} onChange={(e) => set(r.key, { post: e.target.value || null })} />
      ),
    },
    {
      title: t.role,
      dataIndex: 'role',
      width: 130,
      render: (v: AttendeeRole, r) => (
        <Select
          size="small"
          value={v}
          style={{ width: 120 }}
          onChange={(role: AttendeeRole) => set(r.key, { role })}
          options={ATTENDEE_ROLES.map((k) => ({ value: k, label: names.role(k) }))}
        />
      ),
    },
    {
      title: t.phone,
      dataIndex: 'phone',
      width: 130,
      render: (v: string | null, r) => (
        <Input
          size="small"
          inputMode="tel"
          value={v ?? ''}
          onChange={(e) => set(r.key, { phone: e.target.value.trim() || null })}
        />
      ),
    },
    {
      title: t.score,
      dataIndex: 'score',
      width: 80,
      render: (v: number | null, r) => (
        <InputNumber size="small" min={0} max={100} value={v} onChange={(score) => set(r.key, { score })} />
      ),
    },
    {
      title: t.result,
      dataIndex: 'passed',
      width: 100,
      render: (v: boolean | null, r) => (
        <Select
          size="small"
          style={{ width: 90 }}
          value={v === null ? 'none' : v ? 'pass' : 'fail'}
          onChange={(x: string) => set(r.key, { passed: x === 'none' ? null : x === 'pass' })}
          options={PASS_OPTIONS(t)}
        />
      ),
    },
    {
      key: 'del',
      width: 44,
      render: (_: unknown, r) => (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t.remove}
          onClick={() => onChange?.(value.filter((x) => x.key !== r.key))}
        />
      ),
    },
  ];

  return (
    <div data-testid="attendee-editor">
      <Space wrap style={{ marginBottom: 8 }}>
        <Button icon={<SnippetsOutlined />} onClick={() => setPasting(true)} data-testid="attendee-paste">
          {t.paste}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            importSheet.mutate(file);
            return false;
          }}
        >
          <Button icon={<FileExcelOutlined />} loading={importSheet.isPending} data-testid="attendee-import">
            {t.import}
          </Button>
        </Upload>
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            onChange?.([
              ...value,
              {
                key: rowKey(),
                name: '',
                enterpriseId: defaultEnterprise?.id ?? null,
                enterpriseName: defaultEnterprise?.name ?? null,
                post: null,
                role: 'staff',
                phone: null,
                score: null,
                passed: null,
              },
            ])
          }
        >
          {t.add}
        </Button>
        {value.length > 0 && (
          <Button type="link" danger onClick={() => onChange?.([])}>
            {t.clear}
          </Button>
        )}
        <Typography.Text type="secondary" data-testid="attendee-count">
          {t.count(value.length)}
        </Typography.Text>
      </Space>
      <Table<AttendeeRow>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={value}
        pagination={value.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 950 }}
        locale={{ emptyText: t.empty }}
        data-testid="attendee-table"
      />
      <Modal
        open={pasting}
        title={t.pasteTitle}
        width={720}
        onCancel={() => {
          setPasting(false);
          setParsed(null);
        }}
        footer={
          <Space>
            <Button onClick={() => parse.mutate(text)} loading={parse.isPending} disabled={!text.trim()}>
              {t.check}
            </Button>
            <Button
              type="primary"
              disabled={!parsed || parsed.valid === 0}
              onClick={addParsed}
              data-testid="attendee-paste-add"
            >
              {t.addValid(parsed?.valid ?? 0)}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t.pasteHint}</Typography.Paragraph>
        <Input.TextArea
          rows={8}
          value={text}
          placeholder={t.pastePlaceholder}
          onChange={(e) => {
            setText(e.target.value);
            setParsed(null);
          }}
          data-testid="attendee-paste-text"
        />
        {parsed && (
          <div style={{ marginTop: 12 }} data-testid="attendee-parsed">
            <Alert
              type={parsed.invalid ? 'warning' : 'success'}
              showIcon
              message={t.parsed(parsed.valid, parsed.invalid)}
            />
            {parsed.invalid > 0 && (
              <Table
                size="small"
                rowKey="line"
                style={{ marginTop: 8 }}
                pagination={false}
                dataSource={parsed.items.filter((i) => i.error)}
                columns={[
                  { title: t.line, dataIndex: 'line', width: 60 },
                  { title: t.name, render: (_: unknown, r) => r.attendee.name, width: 100 },
                  { title: t.problem, dataIndex: 'error' },
                ]}
              />
            )}
          </div>
        )}
      </Modal>
    </div>
  );
}
