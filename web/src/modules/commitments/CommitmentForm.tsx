// The enterprise's commitment of a period, made for a phone: each risk review item 正常 / 存在问题 (with a note),
// the commitment text (the type's default), and the person committing.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Radio } from 'antd';
import type { CommitmentTypeView, CommitmentView } from '../../../../shared/src/commitments';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useCommitmentsText } from './text';

interface Values {
  review: { item?: string; ok: boolean; note?: string }[];
  commitmentText: string;
  committedBy: string;
}

export function CommitmentForm({ type, day, person }: { type: CommitmentTypeView; day: string; person: string }) {
  const m = useCommitmentsText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const review = Form.useWatch('review', form);
  const post = useMutation({
    mutationFn: (v: Values) =>
      api.post<CommitmentView>('/commitments', {
        typeId: type.id,
        periodDate: day,
        // onFinish hands back registered fields only (ok, note): the items are the type's, in order.
        review: v.review.map((r, i) => ({ item: type.reviewItems[i], ok: r.ok, note: r.ok ? null : (r.note ?? null) })),
        commitmentText: v.commitmentText,
        committedBy: v.committedBy,
      }),
    onSuccess: () => {
      message.success(m.posted_);
      void queryClient.invalidateQueries({ queryKey: ['commitments'] });
      void queryClient.invalidateQueries({ queryKey: ['credit'] });
    },
    onError: showError,
  });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid={`commitment-form-${type.code}`}
      initialValues={{
        review: type.reviewItems.map((item) => ({ item, ok: true })),
        commitmentText: type.commitmentTemplate,
        committedBy: person,
      }}
      onFinish={(v) => post.mutate(v)}
    >
      <Form.List name="review">
        {(fields) =>
          fields.map((f, i) => (
            <div key={f.key} className="commitment-review-item" data-testid="commitment-review-item">
              <div className="commitment-review-text">
                {i + 1}. {type.reviewItems[i]}
              </div>
              <Form.Item name={[f.name, 'ok']} style={{ marginBottom: 4 }}>
                <Radio.Group optionType="button" buttonStyle="solid" size="middle">
                  <Radio.Button value={true} data-testid={`commitment-ok-${i}`}>
                    {m.ok}
                  </Radio.Button>
                  <Radio.Button value={false} data-testid={`commitment-issue-${i}`}>
                    {m.issue}
                  </Radio.Button>
                </Radio.Group>
              </Form.Item>
              {review?.[i]?.ok === false && (
                <Form.Item name={[f.name, 'note']} rules={[{ required: true, message: m.notePlaceholder }]}>
                  <Input.TextArea
                    rows={2}
                    maxLength={500}
                    placeholder={m.notePlaceholder}
                    data-testid={`commitment-note-${i}`}
                  />
                </Form.Item>
              )}
            </div>
          ))
        }
      </Form.List>
      <Form.Item name="commitmentText" label={m.text} rules={[{ required: true, min: 10 }]}>
        <Input.TextArea rows={4} maxLength={2000} data-testid="commitment-text" />
      </Form.Item>
      <Form.Item name="committedBy" label={m.person} rules={[{ required: true, min: 2 }]}>
        <Input maxLength={50} data-testid="commitment-person" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={post.isPending}
        data-testid="commitment-submit"
      >
        {m.post}
      </Button>
    </Form>
  );
}
