// 补录 in an action's form (supervisors): a switch, then the day the step happened (not before the hazard was found nor
// before its previous step, not after today) and the reason. The server checks the same and names the field.
import { DatePicker, Form, Input, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Backfill } from '../../../../shared/src/hazards';
import { formatTime } from '../../app/time';
import { type HazardDetail, parkToday } from './common';
import { useRecordText } from './recordText';

/** The form values the 补录 fields add (the server's field names are backfill.occurredOn / backfill.reason). */
export interface BackfillValues {
  backfillOn?: boolean;
  backfill?: { occurredOn?: Dayjs; reason?: string };
}

/** The API's backfill object, or null when the step is recorded as happening now. */
export function backfillOf(v: BackfillValues): Backfill | null {
  if (!v.backfillOn || !v.backfill?.occurredOn) return null;
  return { occurredOn: v.backfill.occurredOn.format('YYYY-MM-DD'), reason: v.backfill.reason?.trim() ?? '' };
}

/** The earliest day a back-filled step may have: the found date, or the day of the hazard's latest step. */
export function earliestDay(hazard: Pick<HazardDetail, 'foundOn' | 'events'>): string {
  return hazard.events.reduce((day, e) => {
    const d = formatTime(e.occurredAt, 'YYYY-MM-DD');
    return d > day ? d : day;
  }, hazard.foundOn);
}

export function BackfillFields({ earliest, testId }: { earliest: string; testId: string }) {
  const { r } = useRecordText();
  const b = r.backfill;
  const on = Form.useWatch('backfillOn') ?? false;
  const today = dayjs(parkToday());
  const first = dayjs(earliest);
  return (
    <div className="hazard-backfill" data-testid={`${testId}-backfill-block`}>
      <Form.Item name="backfillOn" label={b.switch} valuePropName="checked" extra={on ? undefined : b.switchHint}>
        <Switch data-testid={`${testId}-backfill`} />
      </Form.Item>
      {on && (
        <>
          <Form.Item
            name={['backfill', 'occurredOn']}
            label={b.occurredOn}
            extra={b.earliest(earliest)}
            rules={[{ required: true, message: b.occurredOnRequired }]}
          >
            <DatePicker
              className="hazard-full"
              disabledDate={(d) => d.isAfter(today, 'day') || d.isBefore(first, 'day')}
              data-testid={`${testId}-occurred-on`}
            />
          </Form.Item>
          <Form.Item
            name={['backfill', 'reason']}
            label={b.reason}
            rules={[
              { required: true, whitespace: true, message: b.reasonMin },
              { min: 4, message: b.reasonMin },
            ]}
          >
            <Input.TextArea
              rows={2}
              maxLength={500}
              placeholder={b.reasonPlaceholder}
              data-testid={`${testId}-backfill-reason`}
            />
          </Form.Item>
        </>
      )}
    </div>
  );
}
