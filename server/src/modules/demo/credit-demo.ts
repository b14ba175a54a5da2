// Demo data of issue 12 part B: the shipped commitment types counting from two weeks ago, commitments posted with some
// days and months missing (today's missing list is not empty; the demo accounts' enterprises have not posted this
// period, so they can), two accidents, and the credit events and scores derived from all of the demo's records.
import { sql } from 'drizzle-orm';
import { DEFAULT_COMMITMENT_TYPES, periodOf } from '../../../../shared/src/commitments';
import { addDays } from '../../../../shared/src/credit';
import { shanghaiToday } from '../../../../shared/src/validators';
import { type Db, rows } from '../../platform/db';
import * as accidents from '../accidents/service';
import * as commitments from '../commitments/service';
import * as credit from '../credit/service';

const COMMITMENT_DAYS = 14;

export interface CreditDemoResult {
  commitments: number;
  missingToday: number;
  accidents: number;
  creditEvents: number;
}

export async function insertCreditDemo(
  tx: Db,
  parkId: string,
  at: Date,
  people: { supervisor: string; accountEnterprises: string[] },
): Promise<CreditDemoResult> {
  const today = shanghaiToday(at);
  const startsOn = addDays(today, -COMMITMENT_DAYS);
  await commitments.backfill.ensureDefaults(tx, parkId, DEFAULT_COMMITMENT_TYPES, startsOn);
  const types = await commitments.backfill.types(tx, parkId);
  const accounts = new Set(people.accountEnterprises);
  let posted = 0;
  let missingToday = 0;
  for (const t of types) {
    const required = await rows<{ id: string; principal_name: string | null; safety_manager_name: string | null }>(
      tx,
      sql`select e.id, e.principal_name, e.safety_manager_name from enterprises e
           where e.park_id = ${parkId} and e.status = 'operating' and e.supervision_tags && ${`{${t.required_tags.join(',')}}`}::text[]
             and not (e.supervision_tags && ${`{${t.excluded_tags.join(',')}}`}::text[])
           order by e.name`,
    );
    const periods: string[] = [];
    for (let d = startsOn; d <= today; d = addDays(d, 1)) {
      const p = periodOf(t.period, d).start;
      if (!periods.includes(p)) periods.push(p);
    }
    const current = periodOf(t.period, today).start;
    for (const [i, e] of required.entries()) {
      for (const [k, p] of periods.entries()) {
        const isCurrent = p === current;
        // Gaps: a few missed days or months; this period only about half have posted, never the demo accounts.
        const missed = isCurrent ? accounts.has(e.id) || i % 2 === 1 : (i * 3 + k) % 8 === 0;
        if (missed) {
          if (isCurrent) missingToday++;
          continue;
        }
        const day = t.period === 'day' ? p : p < startsOn ? startsOn : p;
        const committedAt = new Date(`${day}T00:${String(10 + (i % 40)).padStart(2, '0')}:00Z`);
        await commitments.backfill.insert(
          tx,
          parkId,
          {
            typeId: t.id,
            enterpriseId: e.id,
            periodStart: p,
            review: t.review_items.map((item, j) => ({
              item,
              ok: !((i + j + k) % 17 === 0),
              note: (i + j + k) % 17 === 0 ? '已安排专人整改，当日复核' : null,
            })),
            commitmentText: t.commitment_template,
            committedBy: e.principal_name ?? e.safety_manager_name ?? '企业负责人',
            committedAt: committedAt > at ? at : committedAt,
          },
          { userId: people.supervisor, name: '企业（演示数据）' },
        );
        posted++;
      }
    }
  }

  // Two accidents of the past year, both 一般 (a park of this kind rarely sees worse).
  const candidates = await rows<{ id: string }>(
    tx,
    sql`select id from enterprises where park_id = ${parkId} and status = 'operating'
          and supervision_tags && '{confinedSpace,combustibleDust,metalSmelting}'::text[]
        order by name limit 5`,
  );
  const pastAccidents = [
    {
      enterpriseId: candidates[0]?.id,
      day: addDays(today, -95),
      place: '二车间冲压工段',
      accidentType: 'machinery',
      deaths: 0,
      seriousInjuries: 1,
      minorInjuries: 0,
      directLoss: 35.5,
      summary: '操作工在更换冲压模具时未切断电源，误触脚踏开关，右手被压伤，经送医诊断为重伤。',
    },
    {
      enterpriseId: candidates[1]?.id ?? candidates[0]?.id,
      day: addDays(today, -230),
      place: '污水处理站调节池',
      accidentType: 'poisoningAsphyxiation',
      deaths: 1,
      seriousInjuries: 1,
      minorInjuries: 1,
      directLoss: 182,
      summary: '作业人员未执行“先通风、再检测、后作业”进入调节池清淤，吸入硫化氢中毒，施救人员盲目施救致伤亡扩大。',
    },
  ];
  let accidentCount = 0;
  for (const { enterpriseId, day, ...values } of pastAccidents) {
    if (!enterpriseId) continue;
    await accidents.backfill.insert(
      tx,
      parkId,
      enterpriseId,
      { ...values, occurredAt: new Date(`${day}T06:20:00Z`).toISOString() },
      { userId: people.supervisor, name: '张安监' },
      at,
    );
    accidentCount++;
  }

  const { events: creditEvents } = await credit.recomputePark(tx, parkId);
  return { commitments: posted, missingToday, accidents: accidentCount, creditEvents };
}
