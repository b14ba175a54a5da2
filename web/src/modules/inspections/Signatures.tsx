// 签名确认: the inspector and the enterprise's principal or escort each write their name and sign on the screen. The
// inspector must sign; the enterprise's side may sign the saved record later when no one is present (补签), but a
// name needs a signature and a signature a name. The drawings stay in the form as PNGs until the record is submitted; signatureFile uploads one (purpose "signature",
// filed under the inspected enterprise) and remembers it, so a retried submit does not upload it twice.
import { Col, Form, type FormRule, Input, Row } from 'antd';
import { useCallback, useRef } from 'react';
import type { FileView } from '../../../../shared/src/files';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { SignaturePad } from '../../app/ui/SignaturePad';
import { useIsMobile } from '../hazards/common';

export interface SignatureValues {
  signerName?: string;
  png?: Blob | null;
}

export function SignatureFields({ self }: { self: boolean }) {
  const { t } = useI18n();
  const r = t.record;
  const mobile = useIsMobile();
  const one = (key: 'inspectorSignature' | 'enterpriseSignature', title: string, optional = false) => {
    // Optional side: both or neither.
    const nameRules: FormRule[] = optional
      ? [
          ({ getFieldValue }) => ({
            validator: async (_, v?: string) => {
              if (getFieldValue([key, 'png']) && !v?.trim()) throw new Error(r.signerRequired);
            },
          }),
        ]
      : [{ required: true, whitespace: true, message: r.signerRequired }];
    const padRules: FormRule[] = optional
      ? [
          ({ getFieldValue }) => ({
            validator: async (_, v?: Blob | null) => {
              if ((getFieldValue([key, 'signerName']) as string | undefined)?.trim() && !v) {
                throw new Error(r.signatureRequired);
              }
            },
          }),
        ]
      : [{ required: true, message: r.signatureRequired }];
    return (
      <Col span={mobile ? 24 : 12}>
        <div className="record-signature" data-testid={`record-${key}`}>
          <div className="record-signature-title">{title}</div>
          <Form.Item
            name={[key, 'signerName']}
            label={r.signerName}
            rules={nameRules}
            required={!optional}
            dependencies={optional ? [[key, 'png']] : undefined}
          >
            <Input maxLength={50} data-testid={`record-${key}-name`} />
          </Form.Item>
          <Form.Item
            name={[key, 'png']}
            rules={padRules}
            dependencies={optional ? [[key, 'signerName']] : undefined}
            extra={optional ? r.enterpriseLater : undefined}
            valuePropName="data-value"
            className="record-signature-pad"
          >
            <SignaturePad testId={`record-${key}-pad`} height={mobile ? 160 : 180} />
          </Form.Item>
        </div>
      </Col>
    );
  };
  return (
    <Row gutter={16}>
      {one('inspectorSignature', self ? r.selfInspectorSignature : r.inspectorSignature)}
      {one('enterpriseSignature', self ? r.selfEnterpriseSignature : r.enterpriseSignature, true)}
    </Row>
  );
}

/** Uploads a drawn signature once per drawing. */
export function useSignatureUpload() {
  const uploaded = useRef(new WeakMap<Blob, string>());
  return useCallback(async (png: Blob, enterpriseId: string): Promise<string> => {
    const known = uploaded.current.get(png);
    if (known) return known;
    const body = new FormData();
    body.set('purpose', 'signature');
    body.set('enterpriseId', enterpriseId);
    body.set('file', png, 'signature.png');
    const { data } = await api.upload<FileView>('/files', body);
    uploaded.current.set(png, data.id);
    return data.id;
  }, []);
}
