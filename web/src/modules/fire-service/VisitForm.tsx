// Recording a fire-service visit, at a desk or on a phone on site: the contract, the enterprise, the day, the
// provider's staff, what was done, and the problems found — each becomes a fire hazard of the enterprise with its
// deadline. A day outside the contract's period (or a lapsed qualification) is shown and saved only when confirmed.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Grid, Input, Select, Space } from 'antd';
import { FIRE_PROBLEMS, type VisitDetail } from '../../../../shared/src/fire-service';
import { FIRE_PROBLEM_LABELS } from '../../../../shared/src/labels';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { EnterprisePicker } from '../hazards/pickers';
import { isWarning, markNested, useFireRights } from './common';
import { useFireText } from './text';

export interface ContractOption {
  id: string;
  serial: string;
  title: string;
  providerName: string;
  startsOn: string;
  endsOn: string;
  coversAll: boolean;
  enterpriseIds: string[];
}

export function useContractOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['fire-service', 'contract-options'],
    queryFn: () => api.get<ContractOption[]>('/fire-service/contracts/options'),
    enabled,
  });
}

interface FindingValues {
  problem?: string;
  description?: string;
  location?: string;
  deadline?: string | null;
  responsiblePerson?: string;
  requirement?: string;
}
interface Values {
  contractId?: string;
  enterpriseId?: string;
  visitedOn?: string | null;
  providerStaff?: string[];
  content?: string;
  findings?: FindingValues[];
  backfillReason?: string;
}

export function VisitForm({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const f = useFireText();
  const { l } = useI18n();
  const { message, modal } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const rights = useFireRights();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const contracts = useContractOptions(open);
  const contractId = Form.useWatch('contractId', form);
  const contract = contracts.data?.find((c) => c.id === contractId);

  const save = useMutation({
    mutationFn: ({ v, confirmWarnings }: { v: Values; confirmWarnings: boolean }) =>
      api.post<VisitDetail>('/fire-service/visits', {
        contractId: v.contractId,
        enterpriseId: v.enterpriseId,
        visitedOn: v.visitedOn,
        providerStaff: v.providerStaff ?? [],
        content: v.content,
        findings: (v.findings ?? []).map((x) => ({
          problem: x.problem,
          description: x.description,
          location: x.location || null,
          deadline: x.deadline || null,
          responsiblePerson: x.responsiblePerson || null,
          requirement: x.requirement || null,
        })),
        backfill: v.backfillReason?.trim() ? { reason: v.backfillReason.trim() } : null,
        confirmWarnings,
      }),
    onSuccess: (saved) => {
      message.success(f.saved);
      void queryClient.invalidateQueries({ queryKey: ['fire-service'] });
      void queryClient.invalidateQueries({ queryKey: ['hazards'] });
      form.resetFields();
      onClose();
      onSaved(saved.id);
    },
    onError: (error, vars) => {
      if (isWarning(error) && !vars.confirmWarnings) {
        modal.confirm({
          title: f.confirmTitle,
          content: error.message,
          okText: f.confirmSave,
          cancelText: f.backToEdit,
          onOk: () => save.mutate({ v: vars.v, confirmWarnings: true }),
        });
        return;
      }
      markNested(form, error);
      message.error(error instanceof Error ? error.message : String(error));
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={f.recordVisit}
      size={mobile ? '100%' : 720}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{f.cancel}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="fire-visit-save">
            {f.save}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ visitedOn: shanghaiToday(), findings: [] }}
        onFinish={(v) => save.mutate({ v, confirmWarnings: false })}
        data-testid="fire-visit-form"
      >
        <Form.Item name="contractId" label={f.contract} rules={[{ required: true, message: f.contractRequired }]}>
          <Select
            placeholder={f.contract}
            loading={contracts.isLoading}
            options={(contracts.data ?? []).map((c) => ({
              value: c.id,
              label: f.contractOption(c.title, c.startsOn, c.endsOn),
            }))}
            data-testid="fire-visit-contract"
          />
        </Form.Item>
        <Form.Item
          name="enterpriseId"
          label={f.enterprise}
          rules={[{ required: true, message: f.enterpriseRequired }]}
          extra={contract && !contract.coversAll ? f.contractServes(contract.enterpriseIds.length) : undefined}
        >
          <EnterprisePicker testId="fire-visit-enterprise" />
        </Form.Item>
        <Form.Item name="visitedOn" label={f.visitedOn} rules={[{ required: true, message: f.visitedOnRequired }]}>
          <IsoDatePicker notAfterToday inputReadOnly={mobile} data-testid="fire-visit-date" />
        </Form.Item>
        <Form.Item
          name="providerStaff"
          label={f.staff}
          rules={[{ required: true, message: f.staffRequired }]}
          extra={f.staffHint}
        >
          <Select mode="tags" open={false} placeholder={f.staffPlaceholder} data-testid="fire-visit-staff" />
        </Form.Item>
        <Form.Item
          name="content"
          label={f.content}
          rules={[
            { required: true, message: f.contentRequired },
            { min: 4, message: f.contentMin },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder={f.contentPlaceholder} />
        </Form.Item>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={f.findingNo(i + 1)}
                  style={{ marginBottom: 12 }}
                  extra={
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                      {f.remove}
                    </Button>
                  }
                  data-testid="fire-finding"
                >
                  <Form.Item
                    name={[field.name, 'problem']}
                    label={f.problem}
                    rules={[{ required: true, message: f.problemRequired }]}
                  >
                    <Select
                      placeholder={f.problem}
                      options={FIRE_PROBLEMS.map((p) => ({ value: p, label: l(FIRE_PROBLEM_LABELS, p) }))}
                      data-testid={`fire-finding-problem-${i}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'description']}
                    label={f.description}
                    rules={[
                      { required: true, message: f.descriptionRequired },
                      { min: 4, message: f.descriptionMin },
                    ]}
                  >
                    <Input.TextArea rows={2} maxLength={1000} data-testid={`fire-finding-description-${i}`} />
                  </Form.Item>
                  <Space.Compact block style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                    <Form.Item name={[field.name, 'location']} label={f.location} style={{ flex: 1, minWidth: 140 }}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'deadline']}
                      label={f.deadline}
                      rules={[{ required: true, message: f.deadlineRequired }]}
                      style={{ flex: 1, minWidth: 140 }}
                    >
                      <IsoDatePicker inputReadOnly={mobile} data-testid={`fire-finding-deadline-${i}`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'responsiblePerson']}
                      label={f.responsible}
                      style={{ flex: 1, minWidth: 120 }}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                  </Space.Compact>
                  <Form.Item name={[field.name, 'requirement']} label={f.requirement}>
                    <Input maxLength={1000} />
                  </Form.Item>
                </Card>
              ))}
              <Button
                block
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({})}
                style={{ marginBottom: 16 }}
                data-testid="fire-finding-add"
              >
                {f.addFinding}
              </Button>
            </>
          )}
        </Form.List>
        {rights.backfill && (
          <Form.Item name="backfillReason" label={f.backfill}>
            <Input maxLength={500} placeholder={f.backfillPlaceholder} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
