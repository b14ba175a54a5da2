// The header's 在线/离线 tag and 待同步 count, on every page of the roles that work in the field; it also starts the
// sync when the phone comes online, when a record is saved, and every minute while records wait.
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Tag } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { SESSION_KEY, useMe } from '../../app/auth';
import { syncNow } from './sync';
import { useFieldText } from './text';
import { useOnline, useOutbox } from './useField';

const RETRY_MS = 60_000;

export function FieldIndicator() {
  const me = useMe();
  const { f } = useFieldText();
  const online = useOnline();
  const outbox = useOutbox(me.id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const waiting = outbox.pending.length;

  useEffect(() => {
    if (!online) return;
    // Back online: the session is read again (the console may have opened from the device's copy of the user).
    void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  }, [online, queryClient]);

  useEffect(() => {
    if (!online || waiting === 0) return;
    const go = () =>
      void syncNow(me).then((out) => {
        if (out.stopped === 'session') void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      });
    go();
    const timer = window.setInterval(go, RETRY_MS);
    return () => window.clearInterval(timer);
  }, [online, waiting, me, queryClient]);

  return (
    <Button
      type="text"
      size="small"
      className="field-indicator"
      onClick={() => navigate('/field')}
      data-testid="field-indicator"
    >
      <Tag color={online ? 'green' : 'default'} data-testid="net-status">
        {online ? f.online : f.offline}
      </Tag>
      {(waiting > 0 || outbox.failed.length > 0) && (
        <Badge
          count={waiting + outbox.failed.length}
          color={outbox.failed.length ? 'red' : 'blue'}
          title={`${f.pending} ${waiting} · ${f.failed} ${outbox.failed.length}`}
          data-testid="field-badge"
        />
      )}
    </Button>
  );
}
