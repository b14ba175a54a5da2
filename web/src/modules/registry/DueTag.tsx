import { Space, Tag, Typography } from 'antd';
import type { DueState as Due } from '../../../../shared/src/registry';
import { shanghaiToday } from '../../../../shared/src/validators';
import { useRegistryText } from './text';

const DAY = 86_400_000;

/** Whole days from today (Asia/Shanghai) to a YYYY-MM-DD date: negative when it has passed. */
export function daysUntil(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${shanghaiToday()}T00:00:00Z`)) / DAY);
}

/** 已逾期 red, 30天内到期 orange, 正常 quiet; nothing when no date applies. The server derives the state. */
export function DueTag({ due }: { due: Due }) {
  const { r } = useRegistryText();
  if (due === 'overdue')
    return (
      <Tag color="red" data-testid="due-overdue">
        {r.due.overdue}
      </Tag>
    );
  if (due === 'dueSoon')
    return (
      <Tag color="orange" data-testid="due-soon">
        {r.due.dueSoon}
      </Tag>
    );
  if (due === 'ok') return <Tag color="green">{r.due.ok}</Tag>;
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/** The due state with how far off the date is: 已逾期 · 逾期 12 天, 30天内到期 · 剩 9 天. */
export function DueState({ due, date }: { due: Due; date: string | null }) {
  const { r } = useRegistryText();
  const days = date ? daysUntil(date) : null;
  return (
    <Space size={4} className="due-state">
      <DueTag due={due} />
      {days !== null && (due === 'overdue' || due === 'dueSoon') && (
        <Typography.Text type={due === 'overdue' ? 'danger' : 'warning'} className="due-days">
          {days < 0 ? r.due.daysOverdue(-days) : r.due.daysLeft(days)}
        </Typography.Text>
      )}
    </Space>
  );
}
