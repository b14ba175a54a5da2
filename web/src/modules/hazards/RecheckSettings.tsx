// 复查时限: the days the office has to re-check a submission before it is 复查超时, set per park by an admin or
// supervisor (audited). Everything derived from it (tags, counts, filters) follows at once.
import { FieldTimeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { HazardSettings } from '../../../../shared/src/hazards';
import { MAX_RECHECK_DAYS } from '../../../../shared/src/hazards';
import { api } from '../../app/api';
import { formatTime } from '../../app/time';
import { hazardKeys, markServerFields, useIsMobile } from './common';
import { useRecordText } from './recordText';

type Settings = z.infer<typeof HazardSettings>;
export const settingsKey = ['hazards', 'settings'] as const;

export function useHazardSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.get<Settings>('/hazards/settings') });
}

export function RecheckSettingsButton() {
  const { r } = useRecordText();
  const s = r.settings;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useHazardSettings();
  const mobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ recheckDays: number }>();
  const save = useMutation({
    mutationFn: (recheckDays: number) => api.put<Settings>('/hazards/settings', { recheckDays }),
    onSuccess: (next) => {
      message.success(s.saved(next.recheckDays));
      queryClient.setQueryData(settingsKey, next);
      void queryClient.invalidateQueries({ queryKey: hazardKeys.all });
      setOpen(false);
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });
  const v = settings.data;
  return (
    <>
      {/* On a phone the page header has room for an icon only. */}
      <Button
        icon={<FieldTimeOutlined />}
        onClick={() => setOpen(true)}
        aria-label={s.title}
        title={mobile ? s.title : undefined}
        data-testid="recheck-settings"
      >
        {mobile ? null : v ? s.buttonDays(v.recheckDays) : s.button}
      </Button>
      <Modal
        open={open}
        title={s.title}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
        okButtonProps={{ ...({ 'data-testid': 'recheck-settings-ok' } as object) }}
      >
        {v && (
          <Typography.Paragraph type="secondary">
            {s.current(v.recheckDays, v.isDefault)}
            {v.updatedAt && v.updatedByName ? ` · ${s.updated(v.updatedByName, formatTime(v.updatedAt))}` : ''}
          </Typography.Paragraph>
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ recheckDays: v?.recheckDays }}
          onFinish={(values) => save.mutate(values.recheckDays)}
        >
          <Form.Item
            name="recheckDays"
            label={s.days}
            extra={s.daysHint}
            rules={[{ required: true, type: 'integer', min: 1, max: MAX_RECHECK_DAYS }]}
          >
            <InputNumber min={1} max={MAX_RECHECK_DAYS} precision={0} data-testid="recheck-days" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
