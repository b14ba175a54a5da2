// One enterprise's answer sheet for the committee: read it, return a submission with a reason, or (a supervisor)
// fill it in on the enterprise's behalf while it is not submitted.
import { RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import type { ResponseRow, ResponseView, SurveyDetail } from '../../../../shared/src/survey';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { ResponseStatusTag, surveyKeys, useSurveyRights } from './common';
import { SurveyForm } from './SurveyForm';
import { useSurveyText } from './text';

export function ResponseDrawer({
  survey,
  row,
  onClose,
}: {
  survey: SurveyDetail;
  row: ResponseRow | null;
  onClose: () => void;
}) {
  const { s } = useSurveyText();
  const rights = useSurveyRights();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const key = surveyKeys.response(survey.id, row?.enterpriseId ?? '');
  const response = useQuery({
    queryKey: key,
    queryFn: () => api.get<ResponseView>(`/surveys/${survey.id}/responses/${row!.enterpriseId}`),
    enabled: row !== null,
  });
  const changed = (r: ResponseView) => {
    queryClient.setQueryData(key, r);
    void queryClient.invalidateQueries({ queryKey: surveyKeys.progress(survey.id) });
    void queryClient.invalidateQueries({ queryKey: surveyKeys.responses(survey.id), exact: false });
    void queryClient.invalidateQueries({ queryKey: surveyKeys.list, exact: true });
  };
  const r = response.data;
  const open = survey.status === 'open';

  return (
    <Drawer
      title={row ? s.response.title(row.enterpriseName) : ''}
      size={860}
      open={row !== null}
      onClose={onClose}
      destroyOnHidden
      extra={
        r && (
          <Space>
            <ResponseStatusTag status={r.status} />
            {rights.review && open && r.status === 'submitted' && (
              <Button
                danger
                icon={<RollbackOutlined />}
                onClick={() => setReturning(true)}
                data-testid="response-return"
              >
                {s.response.return}
              </Button>
            )}
          </Space>
        )
      }
    >
      {response.isError ? (
        <QueryError error={response.error} onRetry={() => void response.refetch()} />
      ) : r ? (
        <SurveyForm
          key={`${r.enterpriseId}-${r.status}`}
          survey={survey}
          response={r}
          editable={rights.answer && open && r.status !== 'submitted'}
          onSaved={changed}
        />
      ) : (
        <PageLoading />
      )}
      {r && (
        <ReturnModal
          open={returning}
          surveyId={survey.id}
          enterpriseId={r.enterpriseId}
          onClose={() => setReturning(false)}
          onReturned={(next) => {
            setReturning(false);
            changed(next);
          }}
        />
      )}
    </Drawer>
  );
}

function ReturnModal({
  open,
  surveyId,
  enterpriseId,
  onClose,
  onReturned,
}: {
  open: boolean;
  surveyId: string;
  enterpriseId: string;
  onClose: () => void;
  onReturned: (r: ResponseView) => void;
}) {
  const { s } = useSurveyText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const showError = useShowError(form);
  const send = useMutation({
    mutationFn: ({ reason }: { reason: string }) =>
      api.post<ResponseView>(`/surveys/${surveyId}/responses/${enterpriseId}/return`, { reason }),
    onSuccess: (r) => {
      message.success(s.response.returned);
      onReturned(r);
    },
    onError: showError,
  });
  return (
    <Modal
      title={s.response.returnTitle}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true }}
      okText={s.response.return}
      confirmLoading={send.isPending}
      forceRender
      afterOpenChange={(visible) => visible || form.resetFields()}
    >
      <Form form={form} name="survey-return" layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item
          name="reason"
          label={s.response.reason}
          rules={[{ required: true, whitespace: true, min: 2, message: s.response.reasonRequired }]}
        >
          <Input.TextArea
            maxLength={500}
            showCount
            autoSize={{ minRows: 3, maxRows: 6 }}
            placeholder={s.response.reasonPlaceholder}
            data-testid="return-reason-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
