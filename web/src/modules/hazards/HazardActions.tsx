// The buttons of a hazard: the lifecycle actions the server lists in `actions` (开始整改, 提交复查, 复查通过/不通过),
// the enterprise's extension request, and the committee's supervision (延期审批, 挂牌督办/摘牌, 降级, 停产标记).
// Whatever the server refuses is shown in its own Chinese words, as a toast and above the buttons.
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import type { HazardAction } from '../../../../shared/src/hazards';
import { api } from '../../app/api';
import { codeOptions } from '../../app/ui/options';
import {
  type HazardDetail,
  markServerFields,
  parkToday,
  useHazardChanged,
  useHazardRights,
  useIsMobile,
} from './common';
import { DocumentButton } from './DocumentButton';
import { LISTING_LEVEL_LABELS, LISTING_LEVELS, STOPPAGE_LABELS } from './labels';
import { PhotoUpload } from './photos';
import { useHazardText } from './text';

type Dialog = 'submit' | 'recheckPass' | 'recheckFail' | 'extension' | 'decide' | 'list' | 'downgrade' | 'stoppage';

interface Call {
  path: string;
  body?: unknown;
  method?: 'post' | 'put';
  done: string;
}

export function HazardActions({ hazard }: { hazard: HazardDetail }) {
  const { h } = useHazardText();
  const { message } = App.useApp();
  const rights = useHazardRights();
  const mobile = useIsMobile();
  const changed = useHazardChanged();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const a = h.actions;

  const call = useMutation({
    mutationFn: ({ path, body, method }: Call) =>
      method === 'put'
        ? api.put<HazardDetail>(`/hazards/${hazard.id}${path}`, body ?? {})
        : api.post<HazardDetail>(`/hazards/${hazard.id}${path}`, body ?? {}),
    onSuccess: (detail, { done }) => {
      setRefusal(null);
      setDialog(null);
      message.success(a.done(done));
      changed(detail);
    },
    onError: (error) => {
      setRefusal(error.message);
      message.error(error.message);
    },
  });
  const run = (c: Call) => call.mutateAsync(c);

  const transition = (action: HazardAction, extra: { reason?: string | null; evidenceIds?: string[] } = {}) =>
    run({ path: '/transitions', body: { action, ...extra }, done: a[action] });

  const pending = hazard.extensions.find((x) => x.status === 'pending');
  const open = hazard.status !== 'closed';
  const major = hazard.grade === 'major';
  const listed = Boolean(hazard.listing && !hazard.listing.delistedOn);
  const block = mobile;

  const lifecycle: ReactNode[] = [];
  for (const action of hazard.actions) {
    const testId = `hazard-action-${action}`;
    if (action === 'start') {
      lifecycle.push(
        <Button
          key={action}
          type="primary"
          block={block}
          loading={call.isPending && call.variables?.done === a.start}
          onClick={() => void transition('start').catch(() => undefined)}
          data-testid={testId}
        >
          {a.start}
        </Button>,
      );
    } else {
      lifecycle.push(
        <Button
          key={action}
          type={action === 'recheckFail' ? 'default' : 'primary'}
          danger={action === 'recheckFail'}
          block={block}
          onClick={() => setDialog(action)}
          data-testid={testId}
        >
          {a[action]}
        </Button>,
      );
    }
  }
  if (rights.requestExtension && (hazard.status === 'assigned' || hazard.status === 'rectifying')) {
    lifecycle.push(
      <Button
        key="extension"
        block={block}
        disabled={Boolean(pending)}
        onClick={() => setDialog('extension')}
        data-testid="hazard-action-extension"
      >
        {pending ? a.extensionPending : a.extension}
      </Button>,
    );
  }

  const supervision: ReactNode[] = [];
  if (rights.supervise) {
    if (pending) {
      supervision.push(
        <Button
          key="decide"
          type="primary"
          block={block}
          onClick={() => setDialog('decide')}
          data-testid="hazard-action-decide"
        >
          {a.decide}
        </Button>,
      );
    }
    if (major && !listed && open) {
      supervision.push(
        <Button key="list" danger block={block} onClick={() => setDialog('list')} data-testid="hazard-action-list">
          {a.list}
        </Button>,
      );
    }
    if (listed) {
      supervision.push(
        <Popconfirm
          key="delist"
          title={a.delistConfirm}
          onConfirm={() => run({ path: '/delisting', done: a.delist }).catch(() => undefined)}
        >
          <Button block={block} data-testid="hazard-action-delist">
            {a.delist}
          </Button>
        </Popconfirm>,
      );
    }
    if (major && open) {
      supervision.push(
        <Button
          key="downgrade"
          block={block}
          onClick={() => setDialog('downgrade')}
          data-testid="hazard-action-downgrade"
        >
          {a.downgrade}
        </Button>,
      );
    }
    if (open || hazard.stoppage !== 'none') {
      supervision.push(
        <Button key="stoppage" block={block} onClick={() => setDialog('stoppage')} data-testid="hazard-action-stoppage">
          {a.stoppage}
        </Button>,
      );
    }
  }

  const documents: ReactNode[] = [];
  if (rights.documents) {
    if (open) {
      documents.push(
        <DocumentButton
          key="notice"
          block={block}
          label={a.notice}
          path="/documents/rectification-notice"
          body={{ enterpriseId: hazard.enterpriseId, hazardIds: [hazard.id] }}
          testId="hazard-doc-notice"
          savedText={a.saved}
          onResult={setRefusal}
        />,
      );
    }
    if (hazard.events.some((e) => e.action === 'recheckPass' || e.action === 'recheckFail')) {
      documents.push(
        <DocumentButton
          key="opinion"
          block={block}
          label={a.opinion}
          path="/documents/recheck-opinion"
          body={{ hazardId: hazard.id }}
          testId="hazard-doc-opinion"
          savedText={a.saved}
          onResult={setRefusal}
        />,
      );
    }
  }

  if (lifecycle.length === 0 && supervision.length === 0 && documents.length === 0 && !refusal) return null;
  const close = () => setDialog(null);
  const busy = call.isPending;

  return (
    <div className="hazard-actions" data-testid="hazard-actions">
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={a.refused}
          description={refusal}
          closable={{ onClose: () => setRefusal(null) }}
          data-testid="hazard-action-error"
        />
      )}
      {lifecycle.length > 0 && (
        <Flex gap={8} wrap vertical={block}>
          {lifecycle}
        </Flex>
      )}
      {documents.length > 0 && (
        <Flex gap={8} wrap vertical={block} align={block ? 'stretch' : 'center'}>
          <Typography.Text type="secondary">{a.documents}</Typography.Text>
          {documents}
        </Flex>
      )}
      {supervision.length > 0 && (
        <Flex gap={8} wrap vertical={block} align={block ? 'stretch' : 'center'}>
          <Typography.Text type="secondary">{a.supervision}</Typography.Text>
          {supervision}
        </Flex>
      )}

      <SubmitDialog
        open={dialog === 'submit'}
        hazard={hazard}
        busy={busy}
        onClose={close}
        onSubmit={(v) => transition('submit', v)}
      />
      <ReasonDialog
        open={dialog === 'recheckPass'}
        title={a.passTitle}
        label={a.passNote}
        busy={busy}
        onClose={close}
        onSubmit={(reason) => transition('recheckPass', { reason })}
        testId="recheck-pass"
      />
      <ReasonDialog
        open={dialog === 'recheckFail'}
        title={a.failTitle}
        label={a.failReason}
        requiredMessage={a.failReasonRequired}
        busy={busy}
        onClose={close}
        onSubmit={(reason) => transition('recheckFail', { reason })}
        testId="recheck-fail"
      />
      <ReasonDialog
        open={dialog === 'downgrade'}
        title={a.downgradeTitle}
        label={a.downgradeReason}
        hint={a.downgradeHint}
        requiredMessage={a.downgradeMin}
        min={4}
        busy={busy}
        onClose={close}
        onSubmit={(reason) => run({ path: '/downgrade', body: { reason }, done: a.downgrade })}
        testId="downgrade"
      />
      <ExtensionDialog
        open={dialog === 'extension'}
        hazard={hazard}
        busy={busy}
        onClose={close}
        onSubmit={(body) => run({ path: '/extension', body, done: a.extension })}
      />
      <DecideDialog
        open={dialog === 'decide'}
        hazard={hazard}
        busy={busy}
        onClose={close}
        onSubmit={(body) => run({ path: '/extension/decision', body, done: a.decide })}
      />
      <ListingDialog
        open={dialog === 'list'}
        busy={busy}
        onClose={close}
        onSubmit={(body) => run({ path: '/listing', body, done: a.list })}
      />
      <StoppageDialog
        open={dialog === 'stoppage'}
        current={hazard.stoppage}
        busy={busy}
        onClose={close}
        onSubmit={(stoppage) => run({ path: '/stoppage', method: 'put', body: { stoppage }, done: a.stoppage })}
      />
    </div>
  );
}

interface DialogProps<V> {
  open: boolean;
  busy: boolean;
  onClose: () => void;
  onSubmit: (values: V) => Promise<unknown>;
}

/** A modal form whose server field messages land on its fields; it stays open when the server refuses. */
function FormDialog<V extends object>({
  open,
  busy,
  onClose,
  onSubmit,
  title,
  okText,
  okDisabled,
  testId,
  initialValues,
  onAfterClose,
  children,
}: DialogProps<V> & {
  title: string;
  /** After the closing animation: the form is emptied for the next opening; callers reset their own state. */
  onAfterClose?: () => void;
  okText?: string;
  okDisabled?: boolean;
  testId: string;
  initialValues?: Partial<V>;
  children: ReactNode;
}) {
  const { h } = useHazardText();
  const [form] = Form.useForm<V>();
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? h.actions.confirm}
      confirmLoading={busy}
      okButtonProps={{ disabled: okDisabled, ...({ 'data-testid': `${testId}-ok` } as object) }}
      destroyOnHidden
      afterClose={() => {
        form.resetFields();
        onAfterClose?.();
      }}
      data-testid={`${testId}-dialog`}
    >
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => onSubmit(v).catch((error: unknown) => markServerFields(form, error))}
      >
        {children}
      </Form>
    </Modal>
  );
}

function ReasonDialog({
  title,
  label,
  hint,
  requiredMessage,
  min,
  testId,
  onSubmit,
  ...rest
}: DialogProps<string | null> & {
  title: string;
  label: string;
  hint?: string;
  requiredMessage?: string;
  min?: number;
  testId: string;
}) {
  const rules = requiredMessage
    ? [
        { required: true, whitespace: true, message: requiredMessage },
        ...(min ? [{ min, message: requiredMessage }] : []),
      ]
    : [];
  return (
    <FormDialog<{ reason?: string }>
      {...rest}
      title={title}
      testId={testId}
      onSubmit={(v) => onSubmit(v.reason?.trim() || null)}
    >
      <Form.Item name="reason" label={label} rules={rules} extra={hint}>
        <Input.TextArea rows={4} maxLength={1000} showCount data-testid={`${testId}-reason`} />
      </Form.Item>
    </FormDialog>
  );
}

function SubmitDialog({
  hazard,
  onSubmit,
  ...rest
}: DialogProps<{ reason: string | null; evidenceIds: string[] }> & { hazard: HazardDetail }) {
  const { h } = useHazardText();
  const [ids, setIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const a = h.actions;
  return (
    <FormDialog<{ reason?: string; evidenceIds?: string[] }>
      {...rest}
      title={a.submitTitle}
      okText={uploading ? h.upload.uploading : a.submit}
      okDisabled={uploading || ids.length === 0}
      onAfterClose={() => {
        setIds([]);
        setUploading(false);
      }}
      testId="submit"
      onSubmit={(v) => onSubmit({ reason: v.reason?.trim() || null, evidenceIds: v.evidenceIds ?? [] })}
    >
      <Typography.Paragraph type="secondary">{a.submitHint}</Typography.Paragraph>
      <Form.Item
        name="evidenceIds"
        label={h.form.afterPhotos}
        rules={[{ required: true, type: 'array', min: 1, message: a.afterRequired }]}
      >
        <PhotoUpload
          enterpriseId={hazard.enterpriseId}
          purpose="hazardAfter"
          onChange={setIds}
          onBusyChange={setUploading}
          testId="submit-photos"
        />
      </Form.Item>
      <Form.Item name="reason" label={a.submitNote}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="submit-note" />
      </Form.Item>
    </FormDialog>
  );
}

function ExtensionDialog({
  hazard,
  onSubmit,
  ...rest
}: DialogProps<{ requestedDeadline: string; reason: string }> & { hazard: HazardDetail }) {
  const { h } = useHazardText();
  const a = h.actions;
  const earliest = dayjs(hazard.deadline && hazard.deadline > parkToday() ? hazard.deadline : parkToday());
  return (
    <FormDialog<{ requestedDeadline?: Dayjs; reason?: string }>
      {...rest}
      title={a.extensionTitle}
      testId="extension"
      onSubmit={(v) =>
        onSubmit({ requestedDeadline: v.requestedDeadline!.format('YYYY-MM-DD'), reason: v.reason!.trim() })
      }
    >
      {hazard.deadline && (
        <Typography.Paragraph>
          {h.detail.deadline}：{hazard.deadline}
        </Typography.Paragraph>
      )}
      <Form.Item name="requestedDeadline" label={a.newDeadline} rules={[{ required: true, message: a.newDeadline }]}>
        <DatePicker
          className="hazard-full"
          disabledDate={(d) => !d.isAfter(earliest, 'day')}
          data-testid="extension-deadline"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={a.extensionReason}
        rules={[
          { required: true, whitespace: true, message: a.extensionReasonMin },
          { min: 4, message: a.extensionReasonMin },
        ]}
      >
        <Input.TextArea rows={3} maxLength={1000} data-testid="extension-reason" />
      </Form.Item>
    </FormDialog>
  );
}

function DecideDialog({
  hazard,
  onSubmit,
  ...rest
}: DialogProps<{ approve: boolean; reason: string | null }> & { hazard: HazardDetail }) {
  const { h } = useHazardText();
  const a = h.actions;
  const pending = hazard.extensions.find((x) => x.status === 'pending');
  return (
    <FormDialog<{ approve: boolean; reason?: string }>
      {...rest}
      title={a.decideTitle}
      testId="decide"
      initialValues={{ approve: true }}
      onSubmit={(v) => onSubmit({ approve: v.approve, reason: v.reason?.trim() || null })}
    >
      {pending && (
        <Typography.Paragraph>
          {h.detail.previous}：{pending.previousDeadline ?? '—'} → {h.detail.requested}：
          <Typography.Text strong>{pending.requestedDeadline}</Typography.Text>
          <br />
          {h.detail.reason}：{pending.reason}
        </Typography.Paragraph>
      )}
      <Form.Item name="approve">
        <Radio.Group
          options={[
            { value: true, label: a.approve },
            { value: false, label: a.refuse },
          ]}
          optionType="button"
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['approve']}>
        {({ getFieldValue }) => (
          <Form.Item
            name="reason"
            label={a.decisionReason}
            rules={
              getFieldValue('approve') ? [] : [{ required: true, whitespace: true, message: a.decisionReasonRequired }]
            }
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="decide-reason" />
          </Form.Item>
        )}
      </Form.Item>
    </FormDialog>
  );
}

function ListingDialog({ onSubmit, ...rest }: DialogProps<{ level: string; unit: string; listedOn: string }>) {
  const { h, lang } = useHazardText();
  const d = h.detail;
  return (
    <FormDialog<{ level?: string; unit?: string; listedOn?: Dayjs }>
      {...rest}
      title={h.actions.listTitle}
      testId="listing"
      initialValues={{ level: 'park', listedOn: dayjs(parkToday()) }}
      onSubmit={(v) => onSubmit({ level: v.level!, unit: v.unit!.trim(), listedOn: v.listedOn!.format('YYYY-MM-DD') })}
    >
      <Form.Item name="level" label={d.listingLevel} rules={[{ required: true }]}>
        <Select options={codeOptions(LISTING_LEVELS, LISTING_LEVEL_LABELS, lang)} data-testid="listing-level" />
      </Form.Item>
      <Form.Item name="unit" label={d.listingUnit} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input maxLength={100} data-testid="listing-unit" />
      </Form.Item>
      <Form.Item name="listedOn" label={d.listedOn} rules={[{ required: true }]}>
        <DatePicker className="hazard-full" allowClear={false} />
      </Form.Item>
    </FormDialog>
  );
}

function StoppageDialog({ current, onSubmit, ...rest }: DialogProps<string> & { current: string }) {
  const { h, l } = useHazardText();
  return (
    <FormDialog<{ stoppage: string }>
      {...rest}
      title={h.actions.stoppageTitle}
      testId="stoppage"
      initialValues={{ stoppage: current }}
      onSubmit={(v) => onSubmit(v.stoppage)}
    >
      <Form.Item name="stoppage">
        <Radio.Group
          options={(['none', 'partial', 'full'] as const).map((s) => ({ value: s, label: l(STOPPAGE_LABELS, s) }))}
        />
      </Form.Item>
    </FormDialog>
  );
}
