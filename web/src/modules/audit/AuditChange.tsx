import { Grid, Table, Typography } from 'antd';
import './audit.css';
import type { AuditRow } from '../../../../shared/src/audit';
import { changeFieldLabel, changesOf, changeValue, type FieldChange } from '../../../../shared/src/audit-changes';
import { useI18n } from '../../app/i18n';

/** Before and after of a change, field by field with the forms' labels; what is not a record (e.g. the filters of
 * an export, a sign-in's address) still shows as its fields. */
export function AuditChange({ row }: { row: AuditRow }) {
  const { t, lang } = useI18n();
  const mobile = Grid.useBreakpoint().md === false;
  const changes = changesOf(row);
  const value = (key: string, v: unknown) => changeValue(row.entityType, key, v, lang);
  if (changes.length === 0) return <Typography.Text type="secondary">{t.audit.none}</Typography.Text>;
  if (mobile) {
    // A phone: one block a field, its label above 修改前 → 修改后, so nothing hides off the screen's edge.
    return (
      <div className="audit-change-list" data-testid="audit-change-table">
        {changes.map((c) => (
          <div key={c.key} className="audit-change-item">
            <Typography.Text strong>{changeFieldLabel(row.entityType, c.key, lang)}</Typography.Text>
            <div>
              {c.before !== null && (
                <>
                  <span className="change-before">{value(c.key, c.before)}</span>
                  {' → '}
                </>
              )}
              <span className="change-after">{value(c.key, c.after)}</span>
            </div>
          </div>
        ))}
      </div>
    );
  }
  return (
    <Table<FieldChange>
      rowKey="key"
      size="small"
      className="change-table"
      pagination={false}
      dataSource={changes}
      columns={[
        {
          title: t.audit.field,
          dataIndex: 'key',
          width: 160,
          render: (k: string) => changeFieldLabel(row.entityType, k, lang),
        },
        {
          title: t.audit.before,
          dataIndex: 'before',
          render: (v: unknown, c) => <span className="change-before">{value(c.key, v)}</span>,
        },
        {
          title: t.audit.after,
          dataIndex: 'after',
          render: (v: unknown, c) => <span className="change-after">{value(c.key, v)}</span>,
        },
      ]}
      data-testid="audit-change-table"
    />
  );
}
