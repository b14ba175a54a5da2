import { Button, Result } from 'antd';
import { useI18n } from '../i18n';

/** A failed load, with the server's message and a way to try again. */
export function QueryError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={t.common.loadFailed}
      subTitle={error.message}
      extra={<Button onClick={onRetry}>{t.common.retry}</Button>}
    />
  );
}
