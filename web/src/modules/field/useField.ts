// What the field screens and the header indicator read: online or not, the outbox by status, the day's data.
import { useCallback, useEffect, useState } from 'react';
import { type DayData, loadDay, type OutboxRecord, records } from './store';
import { OUTBOX_EVENT } from './sync';

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function useOutbox(userId: string) {
  const [list, setList] = useState<OutboxRecord[] | null>(null);
  const reload = useCallback(() => {
    records(userId)
      .then(setList)
      .catch(() => setList([]));
  }, [userId]);
  useEffect(() => {
    reload();
    window.addEventListener(OUTBOX_EVENT, reload);
    return () => window.removeEventListener(OUTBOX_EVENT, reload);
  }, [reload]);
  const all = list ?? [];
  return {
    loaded: list !== null,
    pending: all.filter((r) => r.status === 'pending'),
    failed: all.filter((r) => r.status === 'failed'),
    synced: all.filter((r) => r.status === 'synced').reverse(),
    reload,
  };
}

export function useDay(userId: string) {
  const [day, setDay] = useState<DayData | null | undefined>(undefined);
  useEffect(() => {
    loadDay(userId)
      .then(setDay)
      .catch(() => setDay(null));
  }, [userId]);
  return [day, setDay] as const;
}
