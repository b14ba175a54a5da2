// The figures of the committee's activities over a period (publicity, materials, funds, meetings, tasks), each read
// from the period-figures registry (platform/period-figures.ts) — the same queries the period summary will use.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ActivityFigures, FiguresQuery } from '../../../../shared/src/activities';
import { ErrorBody } from '../../../../shared/src/common';
import { shanghaiToday } from '../../../../shared/src/validators';
import { now } from '../../platform/clock';
import { forbidden } from '../../platform/errors';
import { type AppDeps, actorOf } from '../../platform/http';
import { periodFigure } from '../../platform/period-figures';
import { seesWholePark } from '../../platform/scope';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export async function activityRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.get(
    '/figures',
    {
      schema: {
        summary: '期间统计：宣传活动按类型、宣传物资数量、专项资金按用途、会议按类型、决定事项完成与逾期',
        querystring: FiguresQuery,
        response: { 200: ActivityFigures, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // Funds are among them: the committee and its leaders only.
      if (!seesWholePark(actor)) throw forbidden();
      const year = shanghaiToday(now()).slice(0, 4);
      const q = { parkId: actor.parkId, from: req.query.from ?? `${year}-01-01`, to: req.query.to ?? `${year}-12-31` };
      const figure = <T>(key: string, empty: T) => periodFigure<T>(db, key, q).then((v) => v ?? empty);
      const [publicityByKind, materials, fundsByPurpose, meetingsByKind, tasks] = await Promise.all([
        figure<ActivityFigures['publicityByKind']>('publicityByKind', []),
        figure<ActivityFigures['materials']>('publicityMaterials', []),
        figure<ActivityFigures['fundsByPurpose']>('fundsByPurpose', []),
        figure<ActivityFigures['meetingsByKind']>('meetingsByKind', []),
        figure<ActivityFigures['tasks']>('meetingTasks', { total: 0, done: 0, overdue: 0, open: 0 }),
      ]);
      return { from: q.from, to: q.to, publicityByKind, materials, fundsByPurpose, meetingsByKind, tasks };
    },
  );
}
