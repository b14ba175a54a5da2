// One checklist template: what it is, its items (with the major-hazard criterion each is linked to) and every version
// of its family. The committee's actions follow the status: a draft is edited in place or activated; an active
// template is revised (a new version), copied or retired; a retired one may be activated again; a superseded
// version can only be copied.
import { CopyOutlined, EditOutlined, PoweroffOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, List, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { markServerFields, useIsMobile } from '../hazards/common';
import { HAZARD_DOMAIN_LABELS } from '../hazards/labels';
import { useHazardText } from '../hazards/text';
import type { EditorMode } from './ChecklistEditor';
import {
  ChecklistStatusTag,
  type ChecklistTemplateDetail,
  checklistKeys,
  refLabel,
  useChecklistRights,
} from './common';

type Item = ChecklistTemplateDetail['items'][number];

interface Props {
  id: string | null;
  onClose: () => void;
  onOpen: (id: string) => void;
  onEdit: (mode: EditorMode) => void;
}

export function ChecklistDetailDrawer({ id, onClose, onOpen, onEdit }: Props) {
  const { t } = useI18n();
  return (
    <RecordDrawer<ChecklistTemplateDetail>
      id={id}
      onClose={onClose}
      queryKey={checklistKeys.detail(id ?? '')}
      path={`/checklists/${id}`}
      title={(d) => d?.name ?? t.checklist.detailTitle}
      width={900}
    >
      {(detail) => <ChecklistBody detail={detail} onOpen={onOpen} onEdit={onEdit} />}
    </RecordDrawer>
  );
}

/** The library item an item is linked to: code in red (a failed item becomes 重大), version, 待核对 if unchecked. */
export function CriterionMark({ item }: { item: Pick<Item, 'criterionCode' | 'criterion'> }) {
  const { t } = useI18n();
  const { h } = useHazardText();
  if (!item.criterionCode) return null;
  const c = item.criterion;
  return (
    <span className="checklist-criterion" title={c?.item}>
      <Tag color="red" variant="solid" data-testid="checklist-item-major">
        {t.record.majorItem}
      </Tag>
      <span className="checklist-code">{item.criterionCode}</span>
      {c && !c.verified && <Tag color="orange">{h.detail.unverified}</Tag>}
    </span>
  );
}

function ChecklistBody({
  detail,
  onOpen,
  onEdit,
}: {
  detail: ChecklistTemplateDetail;
  onOpen: (id: string) => void;
  onEdit: (mode: EditorMode) => void;
}) {
  const { t, l } = useI18n();
  const c = t.checklist;
  const mobile = useIsMobile();
  const rights = useChecklistRights();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [copying, setCopying] = useState(false);
  const superseded = Boolean(detail.supersededById);

  const changed = (next: ChecklistTemplateDetail) => {
    queryClient.setQueryData(checklistKeys.detail(next.id), next);
    void queryClient.invalidateQueries({
      queryKey: checklistKeys.all,
      predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== next.id,
    });
  };
  const act = useMutation({
    mutationFn: (action: 'activate' | 'retire') =>
      api.post<ChecklistTemplateDetail>(`/checklists/${detail.id}/${action}`),
    onSuccess: (next, action) => {
      message.success(action === 'activate' ? c.activated : c.retired);
      changed(next);
    },
    onError: (error) => message.error(error.message),
  });

  const domains = detail.domains.map((d) => l(HAZARD_DOMAIN_LABELS, d)).join('、');
  const actions = rights.manage && !superseded && (
    <div className="checklist-actions">
      {detail.status === 'draft' && (
        <Button icon={<EditOutlined />} onClick={() => onEdit({ kind: 'edit', detail })} data-testid="checklist-edit">
          {c.edit}
        </Button>
      )}
      {detail.status === 'active' && (
        <Button
          icon={<EditOutlined />}
          onClick={() => onEdit({ kind: 'revise', detail })}
          data-testid="checklist-revise"
        >
          {c.revise}
        </Button>
      )}
      {detail.status !== 'active' && (
        <Popconfirm title={c.activateConfirm} onConfirm={() => act.mutateAsync('activate')}>
          <Button
            type="primary"
            icon={<PoweroffOutlined />}
            loading={act.isPending && act.variables === 'activate'}
            data-testid="checklist-activate"
          >
            {c.activate}
          </Button>
        </Popconfirm>
      )}
      {detail.status === 'active' && (
        <Popconfirm title={c.retireConfirm} onConfirm={() => act.mutateAsync('retire')}>
          <Button
            danger
            icon={<StopOutlined />}
            loading={act.isPending && act.variables === 'retire'}
            data-testid="checklist-retire"
          >
            {c.retire}
          </Button>
        </Popconfirm>
      )}
      <Button icon={<CopyOutlined />} onClick={() => setCopying(true)} data-testid="checklist-copy">
        {c.copy}
      </Button>
    </div>
  );

  const itemColumns = [
    { title: c.seq, dataIndex: 'seq', width: 56 },
    {
      title: c.content,
      dataIndex: 'content',
      render: (v: string, item: Item) => (
        <div>
          <div className="checklist-item-content">{v}</div>
          {item.method && (
            <Typography.Text type="secondary" className="hazard-hint">
              {c.method}：{item.method}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: c.basis,
      dataIndex: 'basis',
      width: 220,
      render: (v: string | null) => v ?? '—',
    },
    { title: c.domain, dataIndex: 'domain', width: 90, render: (v: string) => l(HAZARD_DOMAIN_LABELS, v) },
    {
      title: c.criterion,
      key: 'criterion',
      width: 190,
      render: (_: unknown, item: Item) => (item.criterionCode ? <CriterionMark item={item} /> : '—'),
    },
  ];

  return (
    <div className="checklist-detail" data-testid="checklist-detail">
      {superseded && <Typography.Text type="warning">{c.superseded}</Typography.Text>}
      {actions}
      <Descriptions
        size="small"
        bordered={!mobile}
        column={mobile ? 1 : 2}
        items={[
          {
            key: 'code',
            label: c.code,
            children: <span className="checklist-code">{detail.code}</span>,
          },
          {
            key: 'status',
            label: c.status,
            children: (
              <span>
                <ChecklistStatusTag status={detail.status} superseded={superseded} /> {c.versionN(detail.version)}
              </span>
            ),
          },
          { key: 'domains', label: c.domains, children: domains },
          {
            key: 'items',
            label: c.items,
            children: `${c.itemCount(detail.itemCount)}${detail.majorItemCount ? `（${c.majorItemCount(detail.majorItemCount)}）` : ''}`,
          },
          { key: 'used', label: c.inspections, children: c.inspectionCount(detail.inspectionCount) },
          {
            key: 'updated',
            label: c.updatedAt,
            children: `${formatTime(detail.updatedAt)}${detail.updatedByName ? ` · ${detail.updatedByName}` : ''}`,
          },
          ...(detail.derivedFrom
            ? [
                {
                  key: 'derived',
                  label: c.derivedFrom,
                  children: (
                    <Typography.Link onClick={() => onOpen(detail.derivedFrom!.id)}>
                      {refLabel(detail.derivedFrom, c.versionN)}
                    </Typography.Link>
                  ),
                  span: mobile ? 1 : 2,
                },
              ]
            : []),
          ...(detail.description
            ? [{ key: 'description', label: c.description, children: detail.description, span: mobile ? 1 : 2 }]
            : []),
        ]}
      />
      <Card size="small" title={`${c.items}（${c.itemCount(detail.items.length)}）`}>
        {mobile ? (
          <div className="checklist-item-cards" data-testid="checklist-items">
            {detail.items.map((item) => (
              <Card
                key={item.id}
                size="small"
                className="checklist-item-card"
                title={`${item.seq}. ${l(HAZARD_DOMAIN_LABELS, item.domain)}`}
              >
                <div className="checklist-item-content">{item.content}</div>
                {item.basis && (
                  <div className="hazard-hint">
                    {c.basis}：{item.basis}
                  </div>
                )}
                <CriterionMark item={item} />
              </Card>
            ))}
          </div>
        ) : (
          <Table<Item>
            rowKey="id"
            size="small"
            pagination={false}
            columns={itemColumns}
            dataSource={detail.items}
            data-testid="checklist-items"
          />
        )}
      </Card>
      <Card size="small" title={c.versions}>
        <List
          size="small"
          dataSource={detail.versions}
          data-testid="checklist-versions"
          renderItem={(v) => (
            <List.Item
              actions={
                v.id === detail.id
                  ? [<Tag key="current">{c.current}</Tag>]
                  : [
                      <Typography.Link key="open" onClick={() => onOpen(v.id)}>
                        {c.open}
                      </Typography.Link>,
                    ]
              }
            >
              <span className={v.id === detail.id ? 'checklist-version-current' : undefined}>
                {c.versionN(v.version)} <ChecklistStatusTag status={v.status} superseded={Boolean(v.supersededById)} />
                <Typography.Text type="secondary" className="hazard-hint">
                  {formatTime(v.createdAt)} · {c.inspectionCount(v.inspectionCount)}
                </Typography.Text>
              </span>
            </List.Item>
          )}
        />
      </Card>
      <CopyModal
        open={copying}
        detail={detail}
        onClose={() => setCopying(false)}
        onCopied={(copy) => {
          setCopying(false);
          changed(copy);
          onOpen(copy.id);
        }}
      />
    </div>
  );
}

function CopyModal({
  open,
  detail,
  onClose,
  onCopied,
}: {
  open: boolean;
  detail: ChecklistTemplateDetail;
  onClose: () => void;
  onCopied: (copy: ChecklistTemplateDetail) => void;
}) {
  const { t } = useI18n();
  const c = t.checklist;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code?: string; name: string }>();
  const copy = useMutation({
    mutationFn: (v: { code?: string; name: string }) =>
      api.post<ChecklistTemplateDetail>(`/checklists/${detail.id}/copy`, { code: v.code || null, name: v.name }),
    onSuccess: (next) => {
      message.success(c.copied);
      onCopied(next);
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });
  return (
    <Modal
      open={open}
      title={c.copyTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: copy.isPending, id: 'checklist-copy-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{c.copyHint}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: c.copyName(detail.name) }}
        onFinish={(v) => copy.mutate(v)}
        preserve={false}
      >
        <Form.Item name="name" label={c.name} rules={[{ required: true, message: c.nameRequired }]}>
          <Input maxLength={100} data-testid="checklist-copy-name" />
        </Form.Item>
        <Form.Item name="code" label={c.code} extra={c.codeHint}>
          <Input maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
