import { sql } from 'drizzle-orm';
import { type Db, rows } from './db';

/** The next number of a park's series (e.g. 'hazard-2026'), gap-free within committed transactions. */
export async function nextSerial(tx: Db, parkId: string, series: string): Promise<number> {
  const [r] = await rows<{ value: number }>(
    tx,
    sql`insert into serial_counters (park_id, series, value) values (${parkId}, ${series}, 1)
        on conflict (park_id, series) do update set value = serial_counters.value + 1
        returning value`,
  );
  return Number(r!.value);
}
