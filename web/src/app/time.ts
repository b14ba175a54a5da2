import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The server stores UTC; people in the park read Beijing time whatever their browser's zone. */
export const PARK_TZ = 'Asia/Shanghai';

export function inParkTime(iso: string): Dayjs {
  return dayjs(iso).tz(PARK_TZ);
}

export function formatTime(iso: string | null | undefined, format = 'YYYY-MM-DD HH:mm'): string {
  return iso ? inParkTime(iso).format(format) : '—';
}

/** Start of the given calendar day in park time, as an ISO instant the API accepts. */
export function parkDayStart(day: Dayjs): string {
  return dayjs.tz(day.format('YYYY-MM-DD'), PARK_TZ).toISOString();
}

export function parkDayEnd(day: Dayjs): string {
  return dayjs.tz(day.format('YYYY-MM-DD'), PARK_TZ).add(1, 'day').subtract(1, 'millisecond').toISOString();
}
