// 已出具文书 of a hazard: every 整改通知书 / 复查意见书 issued for it, with its number, when and by whom, and whether it is
// valid or voided (by whom, why, and the number that replaced it). A valid one downloads again as Word or PDF with the
// same number; a supervisor may re-issue it (the old number is voided, a new one taken) after confirming with a reason.
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { DocumentFormat, IssuedDocumentView } from '../../../../shared/src/documents';
import { api, type Page } from '../../app/api';
import { formatTime } from '../../app/time';
import { type HazardDetail, markServerFields, useHazardRights } from './common';
import { useRecordText } from './recordText';
import { useHazardText } from './text';

export const documentKeys = {
  all: ['documents'] as const,
  of: (q: object) => ['documents', q] as const,
};

export function IssuedDocuments({ hazard }: { hazard: HazardDetail }) {
  const { r } = useRecordText();
  const { h } = useHazardText();
  const d = r.documents;
  const rights = useHazardRights();
  const { message } = App.useApp();
  const [reissuing, setReissuing] = useState<IssuedDocumentView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const query = { hazardId: hazard.id, pageSize: 50 };
  const list = useQuery({
    queryKey: documentKeys.of(query),
    queryFn: () => api.get<Page<IssuedDocumentView>>('/documents', query),
    // The register is the committee's (documents.read): leaders read it too, enterprises do not.
    enabled: rights.documents || rights.role === 'leader',
  });
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;

  const download = async (doc: IssuedDocumentView, format: DocumentFormat) => {
    setBusy(`${doc.id}:${format}`);
    try {
      const saved = await api.downloadGet(`/documents/${doc.id}/file`, { format }, `${doc.number}.${format}`);
      message.success(h.actions.saved(saved.number ?? saved.name));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={d.title} data-testid="issued-documents">
      <List
        size="small"
        dataSource={items}
        renderItem={(doc) => (
          <List.Item
            data-testid="issued-document"
            data-number={doc.number}
            data-voided={doc.voided ? 'true' : 'false'}
            actions={
              doc.voided || !doc.archived
                ? undefined
                : [
                    <Button
                      key="docx"
                      size="small"
                      icon={<FileWordOutlined />}
                      loading={busy === `${doc.id}:docx`}
                      onClick={() => void download(doc, 'docx')}
                      aria-label={`${doc.number} Word`}
                      data-testid="issued-document-docx"
                    >
                      Word
                    </Button>,
                    <Button
                      key="pdf"
                      size="small"
                      icon={<FilePdfOutlined />}
                      loading={busy === `${doc.id}:pdf`}
                      onClick={() => void download(doc, 'pdf')}
                      aria-label={`${doc.number} PDF`}
                      data-testid="issued-document-pdf"
                    >
                      PDF
                    </Button>,
                    ...(rights.reissue
                      ? [
                          <Button
                            key="reissue"
                            size="small"
                            danger
                            onClick={() => setReissuing(doc)}
                            data-testid="issued-document-reissue"
                          >
                            {d.reissue}
                          </Button>,
                        ]
                      : []),
                  ]
            }
          >
            <Flex vertical gap={2}>
              <Space size={6} wrap>
                <Tag>{d.kind[doc.kind] ?? doc.kind}</Tag>
                <Typography.Text delete={doc.voided} strong={!doc.voided} data-testid="issued-document-number">
                  {doc.number}
                </Typography.Text>
                {doc.voided ? (
                  <Tag color="default" data-testid="issued-document-voided">
                    {d.voided}
                  </Tag>
                ) : (
                  <Tag color="green">{d.live}</Tag>
                )}
                {!doc.archived && <Tag color="orange">{d.notArchived}</Tag>}
              </Space>
              <Typography.Text type="secondary" className="hazard-hint">
                {d.issued(formatTime(doc.issuedAt), doc.issuedByName)}
              </Typography.Text>
              {doc.voided && (
                <Typography.Text type="secondary" className="hazard-hint">
                  {d.voidedBy(formatTime(doc.voidedAt), doc.voidedByName, doc.voidReason)}
                  {doc.replacedByNumber ? ` · ${d.replacedBy(doc.replacedByNumber)}` : ''}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" className="hazard-hint">
        {d.numberOnce}
      </Typography.Text>
      <ReissueDialog doc={reissuing} onClose={() => setReissuing(null)} />
    </Card>
  );
}

/** The confirmation of a re-issue: what it does, and the reason (kept in the register and the audit log). */
function ReissueDialog({ doc, onClose }: { doc: IssuedDocumentView | null; onClose: () => void }) {
  const { r } = useRecordText();
  const d = r.documents;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string }>();
  const reissue = useMutation({
    mutationFn: (reason: string) => api.post<IssuedDocumentView>(`/documents/${doc!.id}/reissue`, { reason }),
    onSuccess: (fresh) => {
      message.success(d.reissued(fresh.number));
      void queryClient.invalidateQueries({ queryKey: documentKeys.all });
      onClose();
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });
  return (
    <Modal
      open={Boolean(doc)}
      title={doc ? d.reissueTitle(doc.number) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={d.reissueOk}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'reissue-ok' } as object) }}
      confirmLoading={reissue.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
      data-testid="reissue-dialog"
    >
      <Alert type="warning" showIcon title={d.reissueWarning} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => reissue.mutate(v.reason!.trim())}>
        <Form.Item
          name="reason"
          label={d.reissueReason}
          rules={[
            { required: true, whitespace: true, message: d.reissueReasonMin },
            { min: 4, message: d.reissueReasonMin },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="reissue-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
