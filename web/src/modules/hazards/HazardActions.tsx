// The buttons of a hazard: the lifecycle actions the server lists in `actions` (开始整改, 提交复查, 复查通过/不通过),
// the enterprise's extension request, and the committee's supervision (延期审批, 挂牌督办/摘牌, 降级, 停产标记).
// Whatever the server refuses is shown in its own Chinese words, as a toast and above the buttons.
// 补录 (supervisors): every dialog has a switch for entering a past step with the day it happened and a reason; the
// panel's 补录模式 opens those dialogs switched on, and gives 开始整改 and 摘牌 a dialog for their date.
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { type Backfill, type HazardAction, planItemsOf, refuseTransition } from '../../../../shared/src/hazards';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { codeOptions } from '../../app/ui/options';
import { BackfillFields, type BackfillValues, backfillOf, earliestDay } from './BackfillFields';
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
import { useRecordText } from './recordText';
import { useHazardText } from './text';

type Dialog =
  | 'start'
  | 'submit'
  | 'recheckPass'
  | 'recheckFail'
  | 'extension'
  | 'decide'
  | 'list'
  | 'delist'
  | 'downgrade'
  | 'stoppage';

/** What the dialogs get for 补录: where the day picker starts, and whether the switch starts on (null: not offered). */
type BackfillOffer = { earliest: string; on: boolean } | null;

interface Call {
  path: string;
  body?: unknown;
  method?: 'post' | 'put';
  done: string;
}

export function HazardActions({ hazard }: { hazard: HazardDetail }) {
  const { h } = useHazardText();
  const { r } = useRecordText();
  const { message } = App.useApp();
  const rights = useHazardRights();
  const { role } = useMe();
  const mobile = useIsMobile();
  const changed = useHazardChanged();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [backfillMode, setBackfillMode] = useState(false);
  const a = h.actions;
  const offer: BackfillOffer = rights.backfill ? { earliest: earliestDay(hazard), on: backfillMode } : null;

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

  const transition = (
    action: HazardAction,
    extra: { reason?: string | null; evidenceIds?: string[]; backfill?: Backfill | null } = {},
  ) => run({ path: '/transitions', body: { action, ...extra }, done: a[action] });

  const pending = hazard.extensions.find((x) => x.status === 'pending');
  const open = hazard.status !== 'closed';
  const major = hazard.grade === 'major';
  const listed = Boolean(hazard.listing && !hazard.listing.delistedOn);
  const block = mobile;

  const lifecycle: ReactNode[] = [];
  for (const action of hazard.actions) {
    const testId = `hazard-action-${action}`;
    if (action === 'start') {
      // The state machine the server applies: a major hazard starts only with its 五落实 plan complete. The button
      // says why it cannot be pressed yet, on hover and in a line below it (a phone has no hover).
      const blocked = refuseTransition(
        { status: hazard.status, grade: hazard.grade, planItems: planItemsOf(hazard.plan) },
        'start',
        role,
        {},
      );
      lifecycle.push(
        <Tooltip key={action} title={blocked?.message}>
          <Button
            type="primary"
            block={block}
            disabled={Boolean(blocked)}
            loading={call.isPending && call.variables?.done === a.start}
            // 补录 needs the day it started: a dialog; otherwise it starts now, in one click.
            onClick={() => (backfillMode ? setDialog('start') : void transition('start').catch(() => undefined))}
            data-testid={testId}
          >
            {a.start}
          </Button>
        </Tooltip>,
      );
      if (blocked) {
        lifecycle.push(
          <Typography.Text key="start-blocked" type="secondary" data-testid="hazard-start-blocked">
            {blocked.message}
          </Typography.Text>,
        );
      }
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
  // An extension request from a paper ledger is entered by the office in 补录 mode.
  const mayRequestExtension = rights.requestExtension || (rights.backfill && backfillMode);
  if (mayRequestExtension && (hazard.status === 'assigned' || hazard.status === 'rectifying')) {
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
        backfillMode ? (
          <Button key="delist" block={block} onClick={() => setDialog('delist')} data-testid="hazard-action-delist">
            {a.delist}
          </Button>
        ) : (
          <Popconfirm
            key="delist"
            title={a.delistConfirm}
            onConfirm={() => run({ path: '/delisting', done: a.delist }).catch(() => undefined)}
          >
            <Button block={block} data-testid="hazard-action-delist">
              {a.delist}
            </Button>
          </Popconfirm>
        ),
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
      {rights.backfill && (lifecycle.length > 0 || supervision.length > 0) && (
        <Flex gap={8} align="center" wrap>
          <Tooltip title={r.backfill.modeHint}>
            <Switch size="small" checked={backfillMode} onChange={setBackfillMode} data-testid="hazard-backfill-mode" />
          </Tooltip>
          <Typography.Text type={backfillMode ? 'warning' : 'secondary'}>{r.backfill.mode}</Typography.Text>
        </Flex>
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

      <BackfillOnlyDialog
        open={dialog === 'start'}
        title={r.backfill.startTitle}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(backfill) => transition('start', { backfill })}
        testId="start"
      />
      <BackfillOnlyDialog
        open={dialog === 'delist'}
        title={r.backfill.delistTitle}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(backfill) => run({ path: '/delisting', body: { backfill }, done: a.delist })}
        testId="delist"
      />

      <SubmitDialog
        open={dialog === 'submit'}
        hazard={hazard}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(v, backfill) => transition('submit', { ...v, backfill })}
      />
      <ReasonDialog
        open={dialog === 'recheckPass'}
        title={a.passTitle}
        label={a.passNote}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(reason, backfill) => transition('recheckPass', { reason, backfill })}
        testId="recheck-pass"
      />
      <ReasonDialog
        open={dialog === 'recheckFail'}
        title={a.failTitle}
        label={a.failReason}
        requiredMessage={a.failReasonRequired}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(reason, backfill) => transition('recheckFail', { reason, backfill })}
        testId="recheck-fail"
      />
      <ReasonDialog
        open={dialog === 'downgrade'}
        title={a.downgradeTitle}
        label={a.downgradeReason}
        hint={a.downgradeHint}
        requiredMessage={a.downgradeMin}
        min={4}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(reason, backfill) => run({ path: '/downgrade', body: { reason, backfill }, done: a.downgrade })}
        testId="downgrade"
      />
      <ExtensionDialog
        open={dialog === 'extension'}
        hazard={hazard}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(body, backfill) => run({ path: '/extension', body: { ...body, backfill }, done: a.extension })}
      />
      <DecideDialog
        open={dialog === 'decide'}
        hazard={hazard}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(body, backfill) => run({ path: '/extension/decision', body: { ...body, backfill }, done: a.decide })}
      />
      <ListingDialog
        open={dialog === 'list'}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(body, backfill) => run({ path: '/listing', body: { ...body, backfill }, done: a.list })}
      />
      <StoppageDialog
        open={dialog === 'stoppage'}
        current={hazard.stoppage}
        offer={offer}
        busy={busy}
        onClose={close}
        onSubmit={(stoppage, backfill) =>
          run({ path: '/stoppage', method: 'put', body: { stoppage, backfill }, done: a.stoppage })
        }
      />
    </div>
  );
}

interface DialogProps<V> {
  open: boolean;
  busy: boolean;
  onClose: () => void;
  /** The dialog's values, and the 补录 of the step (null when it happens now). */
  onSubmit: (values: V, backfill: Backfill | null) => Promise<unknown>;
  /** 补录 offered to this user (supervisors), with the earliest day and whether the switch starts on. */
  offer?: BackfillOffer;
}

/** A modal form whose server field messages land on its fields; it stays open when the server refuses. */
function FormDialog<V extends object>({
  open,
  busy,
  onClose,
  onSubmit,
  offer,
  title,
  okText,
  okDisabled,
  testId,
  initialValues,
  onAfterClose,
  children,
}: Omit<DialogProps<V>, 'onSubmit'> & {
  onSubmit: (values: V & BackfillValues, backfill: Backfill | null) => Promise<unknown>;
  title: string;
  /** After the closing animation: the form is emptied for the next opening; callers reset their own state. */
  onAfterClose?: () => void;
  okText?: string;
  /** Given whether 补录 is switched on (a back-filled submission may come without photos). */
  okDisabled?: boolean | ((backfillOn: boolean) => boolean);
  testId: string;
  initialValues?: Partial<V>;
  children: ReactNode | ((backfillOn: boolean) => ReactNode);
}) {
  const { h } = useHazardText();
  const [form] = Form.useForm<V & BackfillValues>();
  const backfillOn = Boolean(Form.useWatch('backfillOn', form)) && Boolean(offer);
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? h.actions.confirm}
      confirmLoading={busy}
      okButtonProps={{
        disabled: typeof okDisabled === 'function' ? okDisabled(backfillOn) : okDisabled,
        ...({ 'data-testid': `${testId}-ok` } as object),
      }}
      destroyOnHidden
      afterClose={() => {
        form.resetFields();
        onAfterClose?.();
      }}
      data-testid={`${testId}-dialog`}
    >
      <Form<V & BackfillValues>
        form={form}
        layout="vertical"
        initialValues={{ ...initialValues, backfillOn: offer?.on ?? false } as never}
        onFinish={(v) =>
          onSubmit(v, offer ? backfillOf(v) : null).catch((error: unknown) => markServerFields(form, error))
        }
      >
        {offer && <BackfillFields earliest={offer.earliest} testId={testId} />}
        {typeof children === 'function' ? children(backfillOn) : children}
      </Form>
    </Modal>
  );
}

/** 开始整改 / 摘牌 entered in 补录 mode: only the day it happened and the reason. */
function BackfillOnlyDialog({
  title,
  testId,
  offer,
  onSubmit,
  ...rest
}: Omit<DialogProps<object>, 'onSubmit'> & {
  title: string;
  testId: string;
  onSubmit: (backfill: Backfill | null) => Promise<unknown>;
}) {
  return (
    <FormDialog<object>
      {...rest}
      offer={offer ? { ...offer, on: true } : null}
      title={title}
      testId={testId}
      onSubmit={(_v, backfill) => onSubmit(backfill)}
    >
      {null}
    </FormDialog>
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
      onSubmit={(v, backfill) => onSubmit(v.reason?.trim() || null, backfill)}
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
  const { r } = useRecordText();
  const [ids, setIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const a = h.actions;
  return (
    <FormDialog<{ reason?: string; evidenceIds?: string[] }>
      {...rest}
      title={a.submitTitle}
      okText={uploading ? h.upload.uploading : a.submit}
      // Photos after are required, unless a paper ledger without photos is back-filled.
      okDisabled={(backfillOn) => uploading || (!backfillOn && ids.length === 0)}
      onAfterClose={() => {
        setIds([]);
        setUploading(false);
      }}
      testId="submit"
      onSubmit={(v, backfill) =>
        onSubmit({ reason: v.reason?.trim() || null, evidenceIds: v.evidenceIds ?? [] }, backfill)
      }
    >
      {(backfillOn) => (
        <>
          <Typography.Paragraph type="secondary">
            {backfillOn ? r.backfill.evidenceOptional : a.submitHint}
          </Typography.Paragraph>
          <Form.Item
            name="evidenceIds"
            label={h.form.afterPhotos}
            rules={backfillOn ? [] : [{ required: true, type: 'array', min: 1, message: a.afterRequired }]}
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
        </>
      )}
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
  const after = (backfillOn: boolean) =>
    // A back-filled request may ask for a past day; it must still be later than the deadline it extends.
    dayjs(
      backfillOn
        ? (hazard.deadline ?? hazard.foundOn)
        : hazard.deadline && hazard.deadline > parkToday()
          ? hazard.deadline
          : parkToday(),
    );
  return (
    <FormDialog<{ requestedDeadline?: Dayjs; reason?: string }>
      {...rest}
      title={a.extensionTitle}
      testId="extension"
      onSubmit={(v, backfill) =>
        onSubmit({ requestedDeadline: v.requestedDeadline!.format('YYYY-MM-DD'), reason: v.reason!.trim() }, backfill)
      }
    >
      {(backfillOn) => (
        <>
          {hazard.deadline && (
            <Typography.Paragraph>
              {h.detail.deadline}
              {h.misc.colon}
              {hazard.deadline}
            </Typography.Paragraph>
          )}
          <Form.Item
            name="requestedDeadline"
            label={a.newDeadline}
            rules={[{ required: true, message: a.newDeadline }]}
          >
            <DatePicker
              className="hazard-full"
              disabledDate={(d) => !d.isAfter(after(backfillOn), 'day')}
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
        </>
      )}
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
      onSubmit={(v, backfill) => onSubmit({ approve: v.approve, reason: v.reason?.trim() || null }, backfill)}
    >
      {pending && (
        <Typography.Paragraph>
          {h.detail.previous}
          {h.misc.colon}
          {pending.previousDeadline ?? '—'} → {h.detail.requested}
          {h.misc.colon}
          <Typography.Text strong>{pending.requestedDeadline}</Typography.Text>
          <br />
          {h.detail.reason}
          {h.misc.colon}
          {pending.reason}
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
      onSubmit={(v, backfill) =>
        onSubmit({ level: v.level!, unit: v.unit!.trim(), listedOn: v.listedOn!.format('YYYY-MM-DD') }, backfill)
      }
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
      onSubmit={(v, backfill) => onSubmit(v.stoppage, backfill)}
    >
      <Form.Item name="stoppage">
        <Radio.Group
          options={(['none', 'partial', 'full'] as const).map((s) => ({ value: s, label: l(STOPPAGE_LABELS, s) }))}
        />
      </Form.Item>
    </FormDialog>
  );
}
