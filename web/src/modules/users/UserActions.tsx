import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import type { UserView } from '../../../../shared/src/users';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';

interface Props {
  user: UserView;
  onEdit: (user: UserView) => void;
  onResetPassword: (user: UserView) => void;
}

export function UserActions({ user, onEdit, onResetPassword }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const done = (text: string) => {
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  const unlock = useMutation({
    mutationFn: () => api.post(`/users/${user.id}/unlock`),
    onSuccess: () => done(t.users.unlocked),
    onError: showError,
  });
  const toggle = useMutation({
    mutationFn: () => api.patch(`/users/${user.id}`, { disabled: !user.disabled }),
    onSuccess: () => done(t.common.saved),
    onError: showError,
  });

  return (
    <Space size={0} wrap data-testid={`user-actions-${user.username}`}>
      <Button type="link" size="small" onClick={() => onEdit(user)}>
        {t.common.edit}
      </Button>
      {user.locked && (
        <Button type="link" size="small" loading={unlock.isPending} onClick={() => unlock.mutate()}>
          {t.users.unlock}
        </Button>
      )}
      <Button type="link" size="small" onClick={() => onResetPassword(user)}>
        {t.users.resetPassword}
      </Button>
      {user.id !== me.id && (
        <Popconfirm
          title={user.disabled ? t.users.confirmEnable(user.displayName) : t.users.confirmDisable(user.displayName)}
          onConfirm={() => toggle.mutate()}
        >
          <Button type="link" size="small" danger={!user.disabled} loading={toggle.isPending}>
            {user.disabled ? t.users.enable : t.users.disable}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
