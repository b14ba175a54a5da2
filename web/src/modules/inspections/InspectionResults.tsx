// What an inspection recorded against its checklist: each item's result, note, photos and the hazard it became;
// and the two signatures as drawn. On a phone one card an item. What was left for later can be done here: a failed
// item not yet recorded as a hazard becomes one (once), and a side that did not sign signs (once).
import { EditOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Image, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import {
  type InspectionItemResultView,
  type ItemHazardCreated,
  SIGNER_ROLES,
  type SignerRole,
} from '../../../../shared/src/checklists';
import { ITEM_RESULT_LABELS, SIGNER_ROLE_LABELS } from '../../../../shared/src/labels';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';
import { SignaturePad } from '../../app/ui/SignaturePad';
import { CriterionMark } from '../checklists/ChecklistDetail';
import { GradeTag, hazardKeys, markServerFields, useHazardRights, useIsMobile } from '../hazards/common';
import { HazardFields, type HazardFieldValues, useBusyWalls } from '../hazards/HazardFields';
import { PhotoStrip } from '../hazards/photos';
import { itemHazardBody, itemHazardDefaults } from './ChecklistItems';
import type { Inspection } from './InspectionForm';
import { useSignatureUpload } from './Signatures';
import '../checklists/checklists.css';

const RESULT_COLORS: Record<string, string> = { pass: 'green', fail: 'red', na: 'default' };

export function ResultTag({ result }: { result: string }) {
  const { l } = useI18n();
  return (
    <Tag color={RESULT_COLORS[result]} variant={result === 'fail' ? 'solid' : 'filled'} data-testid="item-result">
      {l(ITEM_RESULT_LABELS, result)}
    </Tag>
  );
}

export function InspectionResults({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const r = t.record;
  const counts = inspection.resultCounts;
  return (
    <Card
      size="small"
      title={r.results}
      extra={counts && <span className="hazard-hint">{r.resultCounts(counts.pass, counts.fail, counts.na)}</span>}
    >
      {inspection.items.length === 0 ? (
        <Typography.Text type="secondary">{r.noResults}</Typography.Text>
      ) : (
        <div className="result-list" data-testid="inspection-results">
          {inspection.items.map((item) => (
            <ResultRow key={item.itemId} item={item} inspection={inspection} />
          ))}
        </div>
      )}
    </Card>
  );
}

/** The cached record is replaced by the server's answer; lists and the ledger refetch. */
function useInspectionChanged() {
  const queryClient = useQueryClient();
  return (id: string, next?: Inspection) => {
    if (next) queryClient.setQueryData(['inspections', 'detail', id], next);
    void queryClient.invalidateQueries({ queryKey: ['inspections'] });
    void queryClient.invalidateQueries({ queryKey: hazardKeys.all });
  };
}

function ResultRow({ item, inspection }: { item: InspectionItemResultView; inspection: Inspection }) {
  const { t } = useI18n();
  const r = t.record;
  const rights = useHazardRights();
  const [recording, setRecording] = useState(false);
  return (
    <div className={`result-row result-row-${item.result}`} data-testid="inspection-result-row">
      <div className="result-row-head">
        <span className="record-item-seq">{item.seq}.</span>
        <span className="result-row-content">{item.content}</span>
        <ResultTag result={item.result} />
      </div>
      <Flex gap={8} wrap className="result-row-meta">
        {item.basis && (
          <span className="hazard-hint">
            {r.basis}：{item.basis}
          </span>
        )}
        <CriterionMark item={item} />
      </Flex>
      {item.note && <div className="result-row-note">{item.note}</div>}
      {item.photos.length > 0 && <PhotoStrip ids={item.photos.map((p) => p.id)} />}
      {item.hazard && (
        <Link to={`/hazards?hazard=${item.hazard.id}`} className="inspection-hazard-link" data-testid="result-hazard">
          {r.hazardLink} <span className="hazard-serial">{item.hazard.serial}</span>{' '}
          <GradeTag grade={item.hazard.grade} />
        </Link>
      )}
      {item.result === 'fail' && !item.hazard && rights.create && (
        <>
          <Button
            danger
            icon={<WarningOutlined />}
            onClick={() => setRecording(true)}
            data-testid="result-register-hazard"
          >
            {r.itemHazardCreate}
          </Button>
          <ItemHazardModal inspection={inspection} item={item} open={recording} onClose={() => setRecording(false)} />
        </>
      )}
    </div>
  );
}

/** A failed item of a saved record becomes a hazard (the server refuses a second one). */
function ItemHazardModal({
  inspection,
  item,
  open,
  onClose,
}: {
  inspection: Inspection;
  item: InspectionItemResultView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const r = t.record;
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const changed = useInspectionChanged();
  const [form] = Form.useForm<HazardFieldValues>();
  const walls = useBusyWalls();
  const source = inspection.kind === 'expertService' ? 'externalExpert' : 'routine';
  const create = useMutation({
    mutationFn: (v: HazardFieldValues) =>
      api.post<z.infer<typeof ItemHazardCreated>>(
        `/inspections/${inspection.id}/items/${item.itemId}/hazard`,
        itemHazardBody(v),
      ),
    onSuccess: (made) => {
      message.success(r.itemHazardCreated(made.serial));
      changed(inspection.id);
      onClose();
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={r.itemHazardCreate}
      width={mobile ? '100%' : 720}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, disabled: walls.busy, id: 'result-hazard-submit' }}
      // A half-filled hazard with its photos is not discarded by a tap beside the form.
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" className="hazard-hint">
        {r.hazardFromItem}
      </Typography.Paragraph>
      <Form<HazardFieldValues>
        form={form}
        layout="vertical"
        initialValues={itemHazardDefaults(item, item.note, source)}
        onFinish={() => create.mutate(form.getFieldsValue(true))}
        preserve={false}
      >
        <HazardFields
          form={form}
          enterpriseId={inspection.enterpriseId}
          fromItem={{ criterion: item.criterion }}
          showFoundOn={false}
          onBusyChange={walls.onBusyChange}
        />
      </Form>
    </Modal>
  );
}

/**
 * The missing sides the user may sign (mirrors the server: an enterprise user signs as 企业代表, and as 检查人员 only
 * on its own self-inspection).
 */
function useSignableSides(inspection: Inspection): SignerRole[] {
  const me = useMe();
  const rights = useHazardRights();
  const missing = SIGNER_ROLES.filter((role) =>
    role === 'inspector' ? !inspection.signedByInspector : !inspection.signedByEnterprise,
  );
  if (me.role === 'enterprise') {
    return missing.filter((role) => role === 'enterprise' || inspection.kind === 'selfInspection');
  }
  return rights.create ? missing : [];
}

function SignLaterModal({
  inspection,
  role,
  onClose,
}: {
  inspection: Inspection;
  role: SignerRole | null;
  onClose: () => void;
}) {
  const { t, l } = useI18n();
  const r = t.record;
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const changed = useInspectionChanged();
  const upload = useSignatureUpload();
  const [form] = Form.useForm<{ signerName: string; png?: Blob | null }>();
  const sign = useMutation({
    mutationFn: async (v: { signerName: string; png?: Blob | null }) => {
      const fileId = await upload(v.png as Blob, inspection.enterpriseId);
      return api.post<Inspection>(`/inspections/${inspection.id}/signatures`, {
        role,
        signerName: v.signerName.trim(),
        fileId,
      });
    },
    onSuccess: (next) => {
      message.success(t.signature.signed);
      changed(inspection.id, next);
      onClose();
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });
  return (
    <Modal
      open={Boolean(role)}
      onCancel={onClose}
      title={role ? `${r.signLater}：${l(SIGNER_ROLE_LABELS, role)}` : ''}
      width={mobile ? '100%' : 560}
      onOk={() => form.submit()}
      okButtonProps={{ loading: sign.isPending, id: 'sign-later-submit' }}
      // A stroke that slips past the pad's edge must not throw the drawn signature away.
      maskClosable={false}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => sign.mutate(v)} preserve={false}>
        <Form.Item
          name="signerName"
          label={r.signerName}
          rules={[{ required: true, whitespace: true, message: r.signerRequired }]}
        >
          <Input maxLength={50} data-testid="sign-later-name" />
        </Form.Item>
        <Form.Item name="png" rules={[{ required: true, message: r.signatureRequired }]} valuePropName="data-value">
          <SignaturePad testId="sign-later-pad" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function InspectionSignatures({ inspection }: { inspection: Inspection }) {
  const { t, l } = useI18n();
  const r = t.record;
  const sides = useSignableSides(inspection);
  const [signing, setSigning] = useState<SignerRole | null>(null);
  return (
    <Card
      size="small"
      title={r.signatures}
      extra={
        sides.length > 0 && (
          <Flex gap={8} wrap>
            {sides.map((role) => (
              <Button
                key={role}
                size="small"
                icon={<EditOutlined />}
                onClick={() => setSigning(role)}
                data-testid={`sign-later-${role}`}
              >
                {r.signAs(l(SIGNER_ROLE_LABELS, role))}
              </Button>
            ))}
          </Flex>
        )
      }
    >
      <SignLaterModal inspection={inspection} role={signing} onClose={() => setSigning(null)} />
      {inspection.signatures.length === 0 ? (
        <Typography.Text type="secondary">{r.noSignatures}</Typography.Text>
      ) : (
        <div className="signature-list" data-testid="inspection-signatures">
          {[...inspection.signatures]
            .sort((a, b) => SIGNER_ROLES.indexOf(a.role) - SIGNER_ROLES.indexOf(b.role))
            .map((s) => (
              <figure key={s.role} className="signature-figure" data-testid={`signature-${s.role}`}>
                <Image src={s.url} alt={l(SIGNER_ROLE_LABELS, s.role)} className="signature-image" />
                <figcaption>
                  <div>{l(SIGNER_ROLE_LABELS, s.role)}</div>
                  <Typography.Text type="secondary" className="hazard-hint">
                    {r.signedAt(s.signerName, formatTime(s.signedAt))}
                  </Typography.Text>
                </figcaption>
              </figure>
            ))}
        </div>
      )}
    </Card>
  );
}
