import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import type { UserView } from '../../../../shared/src/users';
import { useI18n } from '../../app/i18n';
import { formatTime, inParkTime, PARK_TZ } from '../../app/time';

export function UserStatusTags({ user }: { user: UserView }) {
  const { t } = useI18n();
  return (
    <Space size={[4, 4]} wrap data-testid={`user-status-${user.username}`}>
      {user.disabled ? (
        <Tag color="default">{t.users.disabled}</Tag>
      ) : user.locked ? (
        <Tag color="orange">{user.lockedUntil ? t.users.lockedUntil(lockTime(user.lockedUntil)) : t.users.locked}</Tag>
      ) : (
        <Tag color="success">{t.users.active}</Tag>
      )}
      {user.mustChangePassword && <Tag color="gold">{t.users.mustChange}</Tag>}
      {user.totpEnabled && <Tag color="blue">{t.users.totp}</Tag>}
    </Space>
  );
}

/** HH:mm for a lock that ends today, with the date for one that ends later. */
function lockTime(iso: string): string {
  const sameDay = inParkTime(iso).isSame(dayjs().tz(PARK_TZ), 'day');
  return formatTime(iso, sameDay ? 'HH:mm' : 'MM-DD HH:mm');
}
