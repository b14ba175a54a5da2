// Building a checklist template: name, domains and the items (检查内容, 依据, 领域, 关联重大隐患判定标准). A new template
// is saved as a draft or published at once; a draft is edited in place; an active template is revised, which
// publishes the next version (the server answers with the new version's id). The server's Chinese messages land on
// the fields they name, items.N.content included.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Empty,
  Form,
  type FormListFieldData,
  type FormListOperation,
  Input,
  Row,
  Select,
  Table,
} from 'antd';
import { useRef } from 'react';
import { HAZARD_DOMAINS } from '../../../../shared/src/hazards';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { codeOptions } from '../../app/ui/options';
import { markServerFields, useIsMobile } from '../hazards/common';
import { HAZARD_DOMAIN_LABELS } from '../hazards/labels';
import { CriterionPicker } from '../hazards/pickers';
import { type ChecklistTemplateDetail, checklistKeys } from './common';

export type EditorMode =
  | { kind: 'create' }
  | { kind: 'edit'; detail: ChecklistTemplateDetail }
  | { kind: 'revise'; detail: ChecklistTemplateDetail };

interface ItemValues {
  content?: string;
  basis?: string | null;
  domain: string;
  criterionCode?: string | null;
  method?: string | null;
  notes?: string | null;
}

interface Values {
  code?: string;
  name: string;
  domains: string[];
  description?: string | null;
  items: ItemValues[];
}

const NEW_ITEM: ItemValues = { domain: 'production' };

function initialValues(mode: EditorMode | null): Values {
  if (!mode || mode.kind === 'create') return { name: '', domains: ['production'], items: [{ ...NEW_ITEM }] };
  const d = mode.detail;
  return {
    name: d.name,
    domains: d.domains,
    description: d.description,
    items: d.items.map((i) => ({
      content: i.content,
      basis: i.basis,
      domain: i.domain,
      criterionCode: i.criterionCode,
      method: i.method,
      notes: i.notes,
    })),
  };
}

function body(v: Values) {
  return {
    name: v.name,
    domains: v.domains,
    description: v.description || null,
    items: (v.items ?? []).map((i) => ({
      content: i.content ?? '',
      basis: i.basis || null,
      domain: i.domain,
      criterionCode: i.criterionCode || null,
      method: i.method || null,
      notes: i.notes || null,
    })),
  };
}

export function ChecklistEditor({
  mode,
  onClose,
  onSaved,
}: {
  mode: EditorMode | null;
  onClose: () => void;
  onSaved: (detail: ChecklistTemplateDetail) => void;
}) {
  const { t, lang } = useI18n();
  const c = t.checklist;
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const activate = useRef(false);

  const save = useMutation({
    mutationFn: async (v: Values): Promise<ChecklistTemplateDetail> => {
      if (!mode || mode.kind === 'create') {
        return api.post('/checklists', { code: v.code || null, ...body(v), activate: activate.current });
      }
      const saved = await api.put<ChecklistTemplateDetail>(`/checklists/${mode.detail.id}`, body(v));
      if (mode.kind === 'edit' && activate.current) {
        return api.post<ChecklistTemplateDetail>(`/checklists/${saved.id}/activate`);
      }
      return saved;
    },
    onSuccess: (detail) => {
      message.success(
        mode?.kind === 'revise' ? c.revised(detail.version) : detail.status === 'active' ? c.activated : c.saved,
      );
      queryClient.setQueryData(checklistKeys.detail(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: checklistKeys.all });
      onSaved(detail);
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });

  const submit = (andActivate: boolean) => {
    activate.current = andActivate;
    form.submit();
  };
  const title =
    mode?.kind === 'edit'
      ? c.editTitle(mode.detail.name)
      : mode?.kind === 'revise'
        ? c.reviseTitle(mode.detail.name, mode.detail.version + 1)
        : c.createTitle;

  return (
    <Drawer
      open={Boolean(mode)}
      onClose={onClose}
      title={title}
      size={mobile ? '100%' : 1180}
      destroyOnHidden
      footer={
        <div className="hazard-drawer-footer">
          <Button onClick={onClose} block={mobile}>
            {t.common.cancel}
          </Button>
          {mode?.kind === 'revise' ? (
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => submit(false)}
              block={mobile}
              data-testid="checklist-save-revision"
            >
              {c.saveRevision}
            </Button>
          ) : (
            <>
              <Button
                loading={save.isPending && !activate.current}
                onClick={() => submit(false)}
                block={mobile}
                data-testid="checklist-save-draft"
              >
                {c.saveDraft}
              </Button>
              <Button
                type="primary"
                loading={save.isPending && activate.current}
                onClick={() => submit(true)}
                block={mobile}
                data-testid="checklist-save-activate"
              >
                {c.saveActivate}
              </Button>
            </>
          )}
        </div>
      }
    >
      {mode && (
        <Form<Values>
          form={form}
          layout="vertical"
          name="checklist"
          initialValues={initialValues(mode)}
          // The whole store, not only the mounted fields: an item's notes have no field but must survive the save.
          onFinish={() => save.mutate(form.getFieldsValue(true))}
          scrollToFirstError
          data-testid="checklist-form"
        >
          {mode.kind === 'revise' && <Alert type="info" showIcon className="checklist-intro" title={c.reviseHint} />}
          <Row gutter={16}>
            {mode.kind === 'create' && (
              <Col span={mobile ? 24 : 6}>
                <Form.Item name="code" label={c.code} extra={c.codeHint}>
                  <Input maxLength={40} data-testid="checklist-code" />
                </Form.Item>
              </Col>
            )}
            <Col span={mobile ? 24 : mode.kind === 'create' ? 10 : 14}>
              <Form.Item
                name="name"
                label={c.name}
                rules={[{ required: true, whitespace: true, message: c.nameRequired }]}
              >
                <Input maxLength={100} placeholder={c.namePlaceholder} data-testid="checklist-name" />
              </Form.Item>
            </Col>
            <Col span={mobile ? 24 : 8}>
              <Form.Item
                name="domains"
                label={c.domains}
                rules={[{ required: true, type: 'array', min: 1, message: c.domainsRequired }]}
              >
                <Checkbox.Group
                  options={codeOptions(HAZARD_DOMAINS, HAZARD_DOMAIN_LABELS, lang)}
                  data-testid="checklist-domains"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="description" label={c.description}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="checklist-description" />
          </Form.Item>
          <Form.List
            name="items"
            rules={[
              {
                validator: async (_, items?: unknown[]) => {
                  if (!items || items.length === 0) throw new Error(c.itemsRequired);
                },
              },
            ]}
          >
            {(fields, ops, { errors }) => (
              <Card
                size="small"
                title={`${c.items}（${c.itemCount(fields.length)}）`}
                extra={
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => ops.add({ ...NEW_ITEM })}
                    data-testid="checklist-add-item"
                  >
                    {c.addItem}
                  </Button>
                }
              >
                {mobile ? <ItemCards fields={fields} ops={ops} /> : <ItemTable fields={fields} ops={ops} />}
                <Form.ErrorList errors={errors} />
              </Card>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  );
}

interface ListProps {
  fields: FormListFieldData[];
  ops: FormListOperation;
}

/** The cells of one item, shared by the desk's table and the phone's cards. */
function useItemCells() {
  const { t, lang } = useI18n();
  const c = t.checklist;
  return {
    content: (f: FormListFieldData) => (
      <>
        <Form.Item
          name={[f.name, 'content']}
          rules={[{ required: true, whitespace: true, message: c.contentRequired }]}
          label={undefined}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={500}
            placeholder={c.contentPlaceholder}
            data-testid={`checklist-item-content-${f.name}`}
          />
        </Form.Item>
        <Form.Item name={[f.name, 'method']} className="checklist-method">
          <Input size="small" maxLength={200} placeholder={`${c.method}：${c.methodPlaceholder}`} />
        </Form.Item>
      </>
    ),
    basis: (f: FormListFieldData) => (
      <Form.Item name={[f.name, 'basis']}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          placeholder={c.basisPlaceholder}
          data-testid={`checklist-item-basis-${f.name}`}
        />
      </Form.Item>
    ),
    domain: (f: FormListFieldData) => (
      <Form.Item name={[f.name, 'domain']} rules={[{ required: true, message: t.checklist.domainsRequired }]}>
        <Select
          options={codeOptions(HAZARD_DOMAINS, HAZARD_DOMAIN_LABELS, lang)}
          data-testid={`checklist-item-domain-${f.name}`}
        />
      </Form.Item>
    ),
    criterion: (f: FormListFieldData) => (
      <Form.Item name={[f.name, 'criterionCode']}>
        <CriterionPicker testId={`checklist-item-criterion-${f.name}`} style={{ width: '100%' }} />
      </Form.Item>
    ),
  };
}

function ItemActions({
  field,
  index,
  count,
  ops,
}: { field: FormListFieldData; index: number; count: number } & Pick<ListProps, 'ops'>) {
  const { t } = useI18n();
  const c = t.checklist;
  return (
    <span className="checklist-actions">
      <Button
        size="small"
        icon={<ArrowUpOutlined />}
        disabled={index === 0}
        onClick={() => ops.move(index, index - 1)}
        title={c.moveUp}
        aria-label={c.moveUp}
      />
      <Button
        size="small"
        icon={<ArrowDownOutlined />}
        disabled={index === count - 1}
        onClick={() => ops.move(index, index + 1)}
        title={c.moveDown}
        aria-label={c.moveDown}
      />
      <Button
        size="small"
        danger
        icon={<DeleteOutlined />}
        onClick={() => ops.remove(field.name)}
        title={c.removeItem}
        aria-label={c.removeItem}
        data-testid={`checklist-item-remove-${field.name}`}
      />
    </span>
  );
}

function ItemTable({ fields, ops }: ListProps) {
  const { t } = useI18n();
  const c = t.checklist;
  const cells = useItemCells();
  return (
    <Table<FormListFieldData>
      className="checklist-items-editor"
      tableLayout="fixed"
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={fields}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c.noItems} /> }}
      columns={[
        { title: c.seq, key: 'seq', width: 48, render: (_, __, i) => i + 1 },
        { title: c.content, key: 'content', render: (_, f) => cells.content(f) },
        { title: c.basis, key: 'basis', width: 230, render: (_, f) => cells.basis(f) },
        { title: c.domain, key: 'domain', width: 120, render: (_, f) => cells.domain(f) },
        { title: c.criterion, key: 'criterion', width: 250, render: (_, f) => cells.criterion(f) },
        {
          title: t.common.actions,
          key: 'actions',
          width: 110,
          render: (_, f, i) => <ItemActions field={f} index={i} count={fields.length} ops={ops} />,
        },
      ]}
    />
  );
}

function ItemCards({ fields, ops }: ListProps) {
  const { t } = useI18n();
  const c = t.checklist;
  const cells = useItemCells();
  if (fields.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c.noItems} />;
  return (
    <div className="checklist-item-cards">
      {fields.map((f, i) => (
        <Card
          key={f.key}
          size="small"
          className="checklist-item-card"
          title={`${c.seq} ${i + 1}`}
          extra={<ItemActions field={f} index={i} count={fields.length} ops={ops} />}
        >
          <div className="hazard-hint">{c.content}</div>
          {cells.content(f)}
          <div className="hazard-hint">{c.basis}</div>
          {cells.basis(f)}
          <div className="hazard-hint">{c.domain}</div>
          {cells.domain(f)}
          <div className="hazard-hint">{c.criterion}</div>
          {cells.criterion(f)}
        </Card>
      ))}
    </div>
  );
}
