// A personal-data value as the server answers it — masked (138****1234) — with an eye button for the roles that may
// see it in full (admin, supervisor; an enterprise its own). Showing asks for a reason: the server records who looked,
// at what and why in the audit log (POST /api/personal-data/reveal). The full value lives only in this component's
// state and is dropped on 隐藏 or when the page changes.
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Input, Popover, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { RevealEntity, RevealResult } from '../../../../shared/src/personal-data';
import { ApiError, api } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';

export interface MaskedValueProps {
  value: string | null | undefined;
  entityType: RevealEntity;
  id: string;
  field: string;
  index?: number;
  /** data-testid of the value's text (the button gets `<testId>-show`). */
  testId?: string;
}

const REVEAL_ROLES = new Set(['admin', 'supervisor', 'enterprise']);

export function MaskedValue({ value, entityType, id, field, index, testId }: MaskedValueProps) {
  const { t } = useI18n();
  const p = t.personalData;
  const { me } = useAuth();
  const [clear, setClear] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(p.reasonDefault);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!value) return <span data-testid={testId}>—</span>;
  const masked = value.includes('*');
  const mayReveal = masked && me && REVEAL_ROLES.has(me.role);

  const reveal = async () => {
    if (reason.trim().length < 2) {
      setError(p.reasonRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<RevealResult>('/personal-data/reveal', {
        entityType,
        id,
        field,
        ...(index !== undefined ? { index } : {}),
        reason: reason.trim(),
      });
      setClear(r.value);
      setOpen(false);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const form = (
    <Space direction="vertical" size={8} style={{ width: 260 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p.audited}
      </Typography.Text>
      <Input
        aria-label={p.reason}
        placeholder={p.reason}
        value={reason}
        maxLength={200}
        onChange={(e) => setReason(e.target.value)}
        onPressEnter={() => void reveal()}
        data-testid={testId ? `${testId}-reason` : undefined}
        status={error ? 'error' : undefined}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Button
        type="primary"
        size="small"
        loading={busy}
        onClick={() => void reveal()}
        data-testid={testId ? `${testId}-confirm` : undefined}
      >
        {p.confirm}
      </Button>
    </Space>
  );

  return (
    // Inside a clickable row (a list that opens a drawer) the buttons must not open the row.
    <Space size={4} wrap={false} onClick={(e) => e.stopPropagation()}>
      <span data-testid={testId}>{clear ?? value}</span>
      {mayReveal &&
        (clear ? (
          <Tooltip title={p.hide}>
            <Button
              type="text"
              size="small"
              icon={<EyeInvisibleOutlined />}
              aria-label={p.hide}
              onClick={() => setClear(null)}
              data-testid={testId ? `${testId}-hide` : undefined}
            />
          </Tooltip>
        ) : (
          <Popover title={p.title} trigger="click" open={open} onOpenChange={setOpen} content={form}>
            <Button type="link" size="small" icon={<EyeOutlined />} data-testid={testId ? `${testId}-show` : undefined}>
              {p.show}
            </Button>
          </Popover>
        ))}
    </Space>
  );
}
