import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { shanghaiToday } from '../../../../shared/src/validators';

type Props = Omit<DatePickerProps, 'value' | 'onChange' | 'disabledDate'> & {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Refuse days after today (Asia/Shanghai), for dates that record something that already happened. */
  notAfterToday?: boolean;
};

/** A calendar date held as the API holds it, 'YYYY-MM-DD', so forms compare and send plain strings. */
export function IsoDatePicker({ value, onChange, notAfterToday, ...rest }: Props) {
  const today = shanghaiToday();
  return (
    <DatePicker
      {...rest}
      style={{ width: '100%', ...rest.style }}
      value={value ? dayjs(value) : null}
      onChange={(d: Dayjs | Dayjs[] | null) => onChange?.(d && !Array.isArray(d) ? d.format('YYYY-MM-DD') : null)}
      disabledDate={notAfterToday ? (d) => d.format('YYYY-MM-DD') > today : undefined}
    />
  );
}
