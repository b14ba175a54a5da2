// One responsibility letter: the full text as the party will sign it, then either the signing form (the party's own
// account: name and the signature pad) or the signature with its SM3 digest and a verify button; Word download.
import { CheckCircleOutlined, FileWordOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Divider, Drawer, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime } from '../../app/time';
import { SignaturePad } from '../../app/ui/SignaturePad';
import { useIsMobile } from '../hazards/common';
import { keys, type Letter, SignedTag, useDownload, type Verify } from './common';
import { useResponsibilityText } from './text';

const toDataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

export function LetterDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const me = useMe();
  const mobile = useIsMobile();
  const t = useResponsibilityText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const download = useDownload();
  const [form] = Form.useForm<{ signerName: string; png: Blob | null }>();
  const [verified, setVerified] = useState<Verify | null>(null);
  const letter = useQuery({
    queryKey: [...keys.letters, id],
    queryFn: () => api.get<Letter>(`/responsibility/letters/${id}`),
    enabled: !!id,
  });
  const sign = useMutation({
    mutationFn: async (v: { signerName: string; png: Blob }) =>
      api.post<Letter>(`/responsibility/letters/${id}/sign`, {
        signerName: v.signerName,
        signaturePng: await toDataUrl(v.png),
      }),
    onSuccess: () => {
      message.success(t.letter.signed);
      void queryClient.invalidateQueries({ queryKey: ['responsibility'] });
    },
    onError: (e) => message.error(e.message),
  });
  const verify = useMutation({
    mutationFn: () => api.post<Verify>(`/responsibility/letters/${id}/verify`),
    onSuccess: setVerified,
    onError: (e) => message.error(e.message),
  });
  const l = letter.data;
  const party = me.role === 'enterprise' || me.role === 'department';
  return (
    <Drawer
      open={!!id}
      onClose={() => {
        setVerified(null);
        form.resetFields();
        onClose();
      }}
      size={mobile ? undefined : 'large'}
      width={mobile ? '100%' : 760}
      title={l ? t.letter.title(l.year, l.partyName) : t.letter.fallbackTitle}
      extra={
        l && (
          <Button
            icon={<FileWordOutlined />}
            onClick={() => void download(`/responsibility/letters/${l.id}/word`, t.letter.wordFile)}
            data-testid="letter-word"
          >
            Word
          </Button>
        )
      }
      destroyOnHidden
    >
      {l && (
        <div data-testid="letter-detail">
          <Space wrap style={{ marginBottom: 12 }}>
            <SignedTag signedAt={l.signedAt} />
            <Typography.Text type="secondary">
              {t.letter.line(t.common.version(l.version), l.revision, formatTime(l.issuedAt))}
            </Typography.Text>
          </Space>
          <Typography.Title level={4} style={{ textAlign: 'center' }}>
            {l.content.title}
          </Typography.Title>
          <Typography.Paragraph>{t.letter.partyB(l.partyName)}</Typography.Paragraph>
          {l.content.preamble && <Typography.Paragraph>{l.content.preamble}</Typography.Paragraph>}
          {l.content.articles.map((a) => (
            <div key={a.title}>
              <Typography.Text strong>{a.title}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.body}</Typography.Paragraph>
            </div>
          ))}
          {l.content.indicators.length > 0 && (
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={l.content.indicators}
              columns={[
                { title: t.letter.indicator, dataIndex: 'name' },
                { title: t.letter.target, dataIndex: 'target' },
                { title: t.letter.weight, dataIndex: 'weight', width: 70, align: 'right' },
              ]}
            />
          )}
          <Divider />
          {l.signedAt ? (
            <>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t.letter.signer}>{l.signerName}</Descriptions.Item>
                <Descriptions.Item label={t.letter.signedAt}>
                  {formatTime(l.signedAt, 'YYYY-MM-DD HH:mm:ss')}
                </Descriptions.Item>
                {l.signerIp && <Descriptions.Item label={t.letter.signerIp}>{l.signerIp}</Descriptions.Item>}
                <Descriptions.Item label={t.letter.signature}>
                  {l.signatureUrl && (
                    <img src={l.signatureUrl} alt={t.letter.signature} style={{ maxWidth: 240, maxHeight: 90 }} />
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t.letter.digest}>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="letter-digest">
                    {l.digest}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              <Space style={{ marginTop: 12 }} wrap>
                <Button
                  icon={<SafetyCertificateOutlined />}
                  loading={verify.isPending}
                  onClick={() => verify.mutate()}
                  data-testid="letter-verify"
                >
                  {t.letter.verify}
                </Button>
              </Space>
              {verified && (
                <Alert
                  style={{ marginTop: 12 }}
                  type={verified.valid ? 'success' : 'error'}
                  showIcon
                  title={verified.message}
                  description={t.letter.recomputed(verified.computed)}
                  data-testid="letter-verify-result"
                />
              )}
            </>
          ) : party ? (
            <Form
              form={form}
              layout="vertical"
              onFinish={(v) => sign.mutate({ signerName: v.signerName, png: v.png! })}
              data-testid="letter-sign-form"
            >
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t.letter.readFirst} />
              <Form.Item
                name="signerName"
                label={t.letter.signerName}
                rules={[{ required: true, whitespace: true, min: 2, message: t.letter.signerNameRequired }]}
                initialValue={me.displayName}
              >
                <Input maxLength={50} data-testid="letter-signer" />
              </Form.Item>
              <Form.Item
                name="png"
                label={t.letter.handSignature}
                rules={[{ required: true, message: t.letter.padRequired }]}
                valuePropName="data-value"
              >
                <SignaturePad testId="letter-pad" height={mobile ? 160 : 180} />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block={mobile}
                icon={<CheckCircleOutlined />}
                loading={sign.isPending}
                data-testid="letter-sign"
              >
                {t.letter.confirm}
              </Button>
            </Form>
          ) : (
            <Typography.Text type="secondary">
              {t.letter.notSigned(l.lastRemindedAt ? formatTime(l.lastRemindedAt) : null)}
            </Typography.Text>
          )}
        </div>
      )}
    </Drawer>
  );
}
