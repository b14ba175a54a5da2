import { Col, Row, Typography } from 'antd';
import type { AuditRow } from '../../../../shared/src/audit';
import { useI18n } from '../../app/i18n';

/** Before and after of a change side by side, as recorded. */
export function AuditChange({ row }: { row: AuditRow }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Typography.Text strong>{t.audit.before}</Typography.Text>
        <Json value={row.before} />
      </Col>
      <Col span={12}>
        <Typography.Text strong>{t.audit.after}</Typography.Text>
        <Json value={row.after} />
      </Col>
    </Row>
  );
}

function Json({ value }: { value: unknown }) {
  const { t } = useI18n();
  return <pre className="json-block">{value === null ? t.audit.none : JSON.stringify(value, null, 2)}</pre>;
}
