// The records a plan item links to, each read through its own module's service (never its repository), so the
// module's own park and data-scope rules decide whether the record exists for the reader. A record of another park
// is simply not found there, and the plan refuses it.
import type { LinkState, PlanLinkKind } from '../../../../shared/src/plans';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor } from '../../platform/actor';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import * as campaigns from '../campaigns/service';
import * as drills from '../drills/service';
import * as meetings from '../meetings/service';
import * as publicity from '../publicity/service';
import * as letters from '../responsibility/letters';
import * as training from '../training/service';

export interface LinkedRecord {
  title: string;
  date: string;
  state: LinkState;
}

/** A record held on a date is done on that date; one dated later (a session recorded ahead) is still under way. */
const heldOn = (date: string): LinkState => (date <= shanghaiToday(now()) ? 'done' : 'ongoing');

/**
 * How each kind reads as progress of a plan item:
 * - 检查行动: closed, or still active with its period ended → done; active → under way; cancelled → void.
 * - 培训、会议、应急演练: a record of something held → done on its date.
 * - 宣传活动: done when its last day has passed, under way before.
 * - 责任书 (a year's template): done when issued and every issued letter is signed; otherwise under way.
 */
const READERS: Record<PlanLinkKind, (db: Db, actor: Actor, id: string) => Promise<LinkedRecord>> = {
  async campaign(db, actor, id) {
    const c = await campaigns.get(db, actor, id);
    const state: LinkState =
      c.status === 'cancelled' ? 'void' : c.status === 'closed' || c.endsOn < shanghaiToday(now()) ? 'done' : 'ongoing';
    return { title: c.name, date: `${c.startsOn} 至 ${c.endsOn}`, state };
  },
  async training(db, actor, id) {
    const s = await training.get(db, actor, id);
    return { title: s.title, date: s.occurredOn, state: heldOn(s.occurredOn) };
  },
  async meeting(db, actor, id) {
    const m = await meetings.get(db, actor, id);
    return { title: m.topic, date: m.heldOn, state: heldOn(m.heldOn) };
  },
  async drill(db, actor, id) {
    const d = await drills.get(db, actor, id);
    return { title: d.title, date: d.heldOn, state: heldOn(d.heldOn) };
  },
  async publicity(db, actor, id) {
    const p = await publicity.get(db, actor, id);
    return { title: p.theme, date: `${p.startsOn} 至 ${p.endsOn}`, state: heldOn(p.endsOn) };
  },
  async letter(db, actor, id) {
    const t = await letters.getTemplate(db, actor, id);
    return {
      title: t.content.title || `${t.year}年度安全生产责任书`,
      date: `${t.year}年度 已签 ${t.signed}/${t.issued}`,
      state: t.issued > 0 && t.signed >= t.issued ? 'done' : 'ongoing',
    };
  },
};

/** The record as its module shows it to the actor; null when it does not exist in the actor's park and scope. */
export async function readLinked(db: Db, actor: Actor, kind: PlanLinkKind, id: string): Promise<LinkedRecord | null> {
  try {
    return await READERS[kind](db, actor, id);
  } catch (err) {
    if (err instanceof AppError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
}

/** Where the console opens the record. */
export function hrefOf(kind: PlanLinkKind, id: string): string {
  switch (kind) {
    case 'campaign':
      return `/campaigns?campaign=${id}`;
    case 'training':
      return `/training/sessions?session=${id}`;
    case 'meeting':
      return `/meetings?meeting=${id}`;
    case 'drill':
      return `/drills?drill=${id}`;
    case 'publicity':
      return `/publicity?activity=${id}`;
    case 'letter':
      return '/responsibility/letters';
  }
}
