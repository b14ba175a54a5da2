// The period summary (季度/半年/年度工作总结, issue 15). Every figure sentence is written from a registered figure —
// the dashboard's figures (dashboard service, platform/indicators.ts) and the period figures the owning modules
// register (platform/period-figures.ts) — so the report, the dashboard and the lists state the same number for the same
// period. A figure nobody registered (未接入) or with nothing recorded leaves its sentence out; nothing is invented.
import { createHash } from 'node:crypto';
import {
  FUND_PURPOSE_NAMES,
  type FundPurpose,
  type MeetingKind,
  PUBLICITY_KIND_NAMES,
  type PublicityKind,
} from '../../../../shared/src/activities';
import { CHART_DEFINITIONS, DASHBOARD_FIGURES, type DashboardView } from '../../../../shared/src/dashboard';
import { FIRE_PROBLEM_NAMES, FIRE_PROBLEMS } from '../../../../shared/src/fire-service';
import { STATUS_NAMES } from '../../../../shared/src/hazards';
import type { JobView } from '../../../../shared/src/io';
import {
  REPORT_JOB_KIND,
  REPORT_PERIOD_KIND_NAMES,
  REPORT_SECTION_NAMES,
  REPORT_SECTIONS,
  type ReportDraftBody,
  type ReportDraftView,
  type ReportFigure,
  type ReportPeriodKind,
  type ReportPeriodQuery,
  type ReportPreview,
  type ReportSection,
  type ReportSectionContent,
  type ReportView,
} from '../../../../shared/src/reports';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, conflict, notFound } from '../../platform/errors';
import { getJob, type JobHandler, type JobRunner, throwIfAborted, toJobView } from '../../platform/jobs';
import { type Period, resolvePeriod } from '../../platform/period';
import { periodFigure } from '../../platform/period-figures';
import { assertCan, can } from '../../platform/permissions';
import { scopeLabel } from '../../platform/scope';
import type { CampaignInPeriod } from '../campaigns/register';
import * as dashboard from '../dashboard/service';
import type { JointActionsInPeriod } from '../enforcement/register';
import type { FireServiceFigures } from '../fire-service/indicators';
import type { CommendationsInPeriod, LettersSigning } from '../responsibility/register';
import * as survey from '../survey/service';
import { summaryDocx } from './docx';
import * as repo from './repository';

const SAME_AS_DASHBOARD = '与领导驾驶舱同一口径';

export { DOCX_MIME } from '../documents/docx-kit';

// ------------------------------------------------------------------------------------------------------ wording

/** How the seed names its period in a sentence: 上半年, 第三季度, 今年以来 …. */
function periodWord(kind: ReportPeriodKind, p: { from: string; to: string }): string {
  const m = Number(p.from.slice(5, 7));
  if (kind === 'half') return m <= 6 ? '上半年' : '下半年';
  if (kind === 'quarter') return `第${'一二三四'[Math.floor((m - 1) / 3)]}季度`;
  if (kind === 'year') return `${p.from.slice(0, 4)}年`;
  return `${p.from}至${p.to}期间`;
}

function title(kind: ReportPeriodKind, p: { from: string; to: string }, park: string): string {
  const y = p.from.slice(0, 4);
  const what =
    kind === 'half'
      ? `${periodWord(kind, p)}工作总结`
      : kind === 'quarter'
        ? `${periodWord(kind, p)}工作总结`
        : kind === 'year'
          ? '年度工作总结'
          : `工作总结（${p.from}至${p.to}）`;
  return `${y}年${park}安全生产${what}`;
}

const amount = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const pct = (v: number) => `${(Math.round(v * 10) / 10).toFixed(1)}%`;
const join = (xs: string[]) => xs.join('、');

// ------------------------------------------------------------------------------------------------------ compose

export interface ReportContent extends ReportPreview {}

interface Builder {
  figures: ReportFigure[];
  filters: string;
  add(key: string, label: string, value: string, definition: string, count: number, extra?: string): string;
}

function builder(filters: string): Builder {
  const figures: ReportFigure[] = [];
  return {
    figures,
    filters,
    add(key, label, value, definition, count, extra) {
      figures.push({ key, label, value, definition, filters: extra ? `${filters}；${extra}` : filters, count });
      return key;
    },
  };
}

type Parts = ReportSectionContent['parts'];
const part = (heading: string | null, sentences: string[], items: string[] = []) => ({ heading, sentences, items });

/** The figures of a period, as sentences per section, with the appendix. */
export async function compose(
  db: Db,
  actor: Actor,
  kind: ReportPeriodKind,
  p: Period,
  narrative: Partial<Record<ReportSection, string>>,
): Promise<ReportContent> {
  const park = await repo.parkName(db, actor.parkId);
  const q = { parkId: actor.parkId, from: p.from, to: p.until };
  const word = periodWord(kind, p);
  const b = builder(`统计期间 ${p.from} 至 ${p.until}；${park}；数据范围：${scopeLabel(actor)}`);
  const dash: DashboardView = await dashboard.view(db, actor, { from: p.from, to: p.to });
  const fig = (key: string) => dash.figures.find((f) => f.key === key);
  /** A dashboard figure's value when connected and counted; null leaves its sentence out. */
  const val = (key: string) => {
    const f = fig(key);
    return f?.connected && f.value !== null ? f.value : null;
  };
  const dashAdd = (key: keyof typeof DASHBOARD_FIGURES, count?: number) => {
    const info = DASHBOARD_FIGURES[key];
    const v = val(key)!;
    return b.add(
      key,
      info.label,
      info.unit === '%' ? pct(v) : `${v}${info.unit}`,
      info.definition,
      count ?? v,
      SAME_AS_DASHBOARD,
    );
  };
  const sections: ReportSectionContent[] = [];
  const push = (key: ReportSection, parts: Parts, keys: string[]) => {
    const own = (narrative[key] ?? '')
      .split(/\n+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const hasFigures = parts.some((x) => x.sentences.length || x.items.length);
    if (!hasFigures && own.length === 0) return; // nothing recorded, nothing written
    sections.push({
      key,
      heading: REPORT_SECTION_NAMES[key],
      parts: parts.filter((x) => x.sentences.length || x.items.length),
      narrative: own,
      figureKeys: keys,
    });
  };

  // 一、meetings and study
  {
    const byKind = await periodFigure<{ kind: MeetingKind; meetings: number }[]>(db, 'meetingsByKind', q);
    const n = (k: MeetingKind) => byKind?.find((x) => x.kind === k)?.meetings ?? 0;
    const s: string[] = [];
    const keys: string[] = [];
    if (byKind && n('centralGroupStudy') > 0) {
      s.push(`${word}，管委会召开中心组学习会议${n('centralGroupStudy')}次，学习贯彻关于安全生产的重要论述`);
      keys.push(
        b.add(
          'meetings.centralGroupStudy',
          '中心组学习',
          `${n('centralGroupStudy')}次`,
          '会议日期在期间内、类型为中心组学习的会议数（会议与学习登记）',
          n('centralGroupStudy'),
        ),
      );
    }
    if (byKind && n('committeeEnlarged') > 0) {
      s.push(`${word}，${park}组织召开了${n('committeeEnlarged')}次安委会扩大会议`);
      keys.push(
        b.add(
          'meetings.committeeEnlarged',
          '安委会扩大会议',
          `${n('committeeEnlarged')}次`,
          DASHBOARD_FIGURES.meetings.definition,
          n('committeeEnlarged'),
          SAME_AS_DASHBOARD,
        ),
      );
    }
    if (byKind && n('topic') > 0) {
      s.push(`召开安全生产专题会议${n('topic')}次`);
      keys.push(
        b.add('meetings.topic', '专题会议', `${n('topic')}次`, '会议日期在期间内、类型为专题会议的会议数', n('topic')),
      );
    }
    push('meetings', [part(null, s.length ? [`${s.join('；')}。`] : [])], keys);
  }

  // 二、basic work: archives, letters and signing rate
  {
    const keys: string[] = [];
    const s: string[] = [];
    const archives = dash.riskLevels.reduce((t, r) => t + r.value, 0);
    if (archives > 0) {
      s.push(`目前已建立企业档案${archives}家`);
      keys.push(b.add('enterprises', '企业档案', `${archives}家`, CHART_DEFINITIONS.riskLevels ?? '', archives));
    }
    // Issued, signed and the rate from one registered figure (the letters list's totals; the dashboard's 签订率 reads
    // the same totals with the same rounding), so the three numbers always agree.
    const letters = await periodFigure<LettersSigning>(db, 'lettersSigning', q);
    if (letters && letters.issued > 0 && letters.rate !== null) {
      s.push(
        `与村居、相关职能部门以及企业签订安全生产目标责任书，下发${letters.issued}份，签订${letters.signed}份，签订率为${pct(letters.rate)}`,
      );
      keys.push(
        b.add(
          'lettersIssued',
          '责任书下发',
          `${letters.issued}份`,
          `${letters.year}年度已下发的安全生产责任书份数（责任书列表的下发合计）`,
          letters.issued,
        ),
        b.add(
          'lettersSigned',
          '责任书签订',
          `${letters.signed}份`,
          `${letters.year}年度已下发的安全生产责任书中已签订的份数（责任书列表的签订合计）`,
          letters.signed,
        ),
        b.add(
          'signingRate',
          DASHBOARD_FIGURES.signingRate.label,
          pct(letters.rate),
          DASHBOARD_FIGURES.signingRate.definition,
          letters.issued,
          SAME_AS_DASHBOARD,
        ),
      );
    }
    const awards = await periodFigure<CommendationsInPeriod>(db, 'commendations', q);
    if (awards && awards.enterprises + awards.individuals > 0) {
      const who = [
        awards.enterprises ? `${awards.enterprises}家企业` : '',
        awards.individuals ? `${awards.individuals}名个人` : '',
      ].filter(Boolean);
      s.push(`建立激励机制，对安全生产工作突出的${who.join('、')}颁发嘉奖证书`);
      keys.push(
        b.add(
          'commendations',
          '嘉奖',
          who.join('、'),
          '颁发日期在期间内的嘉奖（先进企业、先进个人），按嘉奖记录计数',
          awards.enterprises + awards.individuals,
        ),
      );
    }
    // The safety status survey (安全生产状况调查) of the period's year(s): the completion the surveys list shows.
    if (can(actor, 'survey.read')) {
      for (let year = Number(p.from.slice(0, 4)); year <= Number(p.until.slice(0, 4)); year++) {
        const { items } = await survey.list(db, actor, { year, page: 1, pageSize: 10, order: 'asc' });
        for (const x of items) {
          const c = x.completion;
          if (x.status === 'draft' || !c || c.total === 0) continue;
          const rate = pct((c.submitted / c.total) * 100);
          s.push(`组织开展了${x.title}，应填报企业${c.total}家，已提交${c.submitted}家，完成率${rate}`);
          keys.push(
            b.add(
              `survey.${x.year}`,
              '安全生产状况调查',
              `${x.title}：已提交${c.submitted}家/应填报${c.total}家，完成率${rate}`,
              '已提交的调查答卷数 ÷ 未注销的企业数（与安全生产状况调查列表的完成率相同）',
              c.total,
            ),
          );
        }
      }
    }
    push('basic', [part(null, s.length ? [`${s.join('；')}。`] : [])], keys);
  }

  // 三、inspections: campaigns, 人次/家次/处, hazards by domain, rectified and rate, majors, joint actions, penalties
  {
    const keys: string[] = [];
    const parts: Parts = [];
    const campaigns = (await periodFigure<CampaignInPeriod[]>(db, 'campaignsInPeriod', q)) ?? [];
    const first: string[] = [];
    if (campaigns.length) {
      first.push(`根据上级统一部署安排，${park}分别组织开展了${join(campaigns.map((c) => c.name))}`);
      keys.push(
        b.add(
          'campaigns',
          '检查行动',
          `${campaigns.length}次：${join(campaigns.map((c) => c.name))}`,
          '起止日期与期间有重叠、未撤销的检查行动（检查行动列表）',
          campaigns.length,
        ),
      );
    }
    const visits = val('inspectorVisits');
    const inspected = val('inspections');
    const found = val('hazardsFound');
    const counted: string[] = [];
    if (visits) counted.push(`共出动检查人员${visits}人次`);
    if (inspected) counted.push(`共检查生产经营单位${inspected}家次`);
    if (found) counted.push(`排查安全隐患${found}处`);
    if (counted.length) {
      first.push(`${word}${counted.join('，')}`);
      if (visits) keys.push(dashAdd('inspectorVisits', inspected ?? 0));
      if (inspected) keys.push(dashAdd('inspections'));
      if (found) keys.push(dashAdd('hazardsFound'));
    }
    if (found && dash.byDomain.length) {
      const domains = dash.byDomain.filter((d) => d.value > 0).map((d) => `${d.label}领域${d.value}处`);
      if (domains.length) {
        first.push(`其中${join(domains)}`);
        keys.push(
          b.add(
            'hazardsByDomain',
            '隐患按领域',
            join(domains),
            CHART_DEFINITIONS.byDomain ?? '',
            dash.byDomain.reduce((t, d) => t + d.value, 0),
          ),
        );
      }
    }
    // Key sectors (重点领域): the enterprises' supervision tags, as the seed lists them ("涉及……等重点领域").
    const tags = dash.byTag.filter((t) => t.value > 0);
    if (found && tags.length) {
      const text = join(tags.map((t) => `${t.label}（${t.value}处）`));
      first.push(`涉及${text}等重点领域`);
      keys.push(
        b.add(
          'hazardsByTag',
          '隐患按重点领域',
          text,
          CHART_DEFINITIONS.byTag ?? '',
          tags.reduce((n, t) => n + t.value, 0),
        ),
      );
    }
    const rectified = val('hazardsRectified');
    const rate = val('rectificationRate');
    if (found && rectified !== null) {
      first.push(`已整改销号${rectified}处${rate !== null ? `，整改率${pct(rate)}` : ''}`);
      keys.push(dashAdd('hazardsRectified'));
      if (rate !== null) keys.push(dashAdd('rectificationRate', found));
    }
    parts.push(
      part(
        campaigns.length || counted.length ? '（一）检查行动与隐患排查' : null,
        first.length ? [`${first.join('；')}。`] : [],
      ),
    );

    const majors = val('hazardsMajor');
    if (majors) {
      keys.push(dashAdd('hazardsMajor'));
      // 整改销号 of the majors: the dashboard's count over all of the period's majors (the list shows at most 20).
      const delisted = dash.majorsClosed;
      if (delisted > 0) {
        keys.push(
          b.add(
            'hazardsMajorClosed',
            '重大事故隐患整改销号',
            `${delisted}处`,
            '发现日期在期间内的重大事故隐患中已整改销号（状态为已销号）的数量，与隐患台账按等级“重大”、状态“已销号”筛选的合计相同',
            majors,
            SAME_AS_DASHBOARD,
          ),
        );
      }
      parts.push(
        part(
          '（二）重大事故隐患',
          [`排查重大事故隐患${majors}处${delisted > 0 ? `，已整改销号${delisted}处` : ''}：`],
          dash.majors.map(
            (m) =>
              `${m.enterpriseName}：${m.description}（${STATUS_NAMES[m.status as keyof typeof STATUS_NAMES] ?? m.status}${m.deadline ? `，整改期限${m.deadline}` : ''}）`,
          ),
        ),
      );
    }
    const joint = await periodFigure<JointActionsInPeriod>(db, 'jointActions', q);
    const enforce: string[] = [];
    const jointItems: string[] = [];
    if (joint?.actions.length) {
      const totals = joint.totals.filter((t) => t.count > 0).map((t) => `${t.item}${t.count}${t.unit}`);
      enforce.push(`会同有关部门开展联合执法${joint.actions.length}次${totals.length ? `，${join(totals)}` : ''}`);
      for (const a of joint.actions) {
        const who = a.participants.length ? `${a.lead}会同${join(a.participants)}` : a.lead;
        jointItems.push(`${a.actionDate}，${who}开展${a.title}${a.results.length ? `，${join(a.results)}` : ''}`);
      }
      keys.push(
        b.add(
          'jointActions',
          '联合执法',
          `${joint.actions.length}次${totals.length ? `（${join(totals)}）` : ''}`,
          '执法日期在期间内的联合执法行动，及其登记的结果数量之和（联合执法列表的合计）',
          joint.actions.length,
        ),
      );
    }
    const penalties = val('penalties');
    if (penalties) {
      enforce.push(`行政处罚立案${penalties}起`);
      keys.push(dashAdd('penalties'));
    }
    if (enforce.length) parts.push(part('（三）联合执法与行政处罚', [`${enforce.join('；')}。`], jointItems));
    // Number the （一）（二）（三） of what is present, in order.
    const numbered = parts.filter((x) => x.sentences.length || x.items.length);
    const cn = '一二三四五六七八九十';
    const withHeadings =
      numbered.length > 1
        ? numbered.map((x, i) => ({
            ...x,
            heading: x.heading ? `（${cn[i]}）${x.heading.replace(/^（.）/, '')}` : null,
          }))
        : numbered.map((x) => ({ ...x, heading: null }));
    push('inspections', withHeadings, keys);
  }

  // 四、publicity and training: 安全生产月, materials, funds, trainings, competitions, drills
  {
    const keys: string[] = [];
    const s: string[] = [];
    const byKind = await periodFigure<{ kind: PublicityKind; activities: number; participants: number }[]>(
      db,
      'publicityByKind',
      q,
    );
    const activities = (byKind ?? []).filter((k) => k.activities > 0);
    for (const k of activities) {
      const name = PUBLICITY_KIND_NAMES[k.kind] ?? k.kind;
      s.push(
        k.kind === 'safetyMonth'
          ? `组织开展“安全生产月”活动${k.activities > 1 ? `${k.activities}项` : ''}${k.participants ? `，参与${k.participants}人次` : ''}`
          : `开展${name}活动${k.activities}次${k.participants ? `，参与${k.participants}人次` : ''}`,
      );
    }
    if (activities.length) {
      keys.push(
        b.add(
          'publicity',
          '宣传活动',
          join(activities.map((k) => `${PUBLICITY_KIND_NAMES[k.kind] ?? k.kind}${k.activities}次`)),
          DASHBOARD_FIGURES.publicity.definition,
          activities.reduce((t, k) => t + k.activities, 0),
        ),
      );
    }
    const materials = (
      (await periodFigure<{ kind: string; unit: string; quantity: number }[]>(db, 'publicityMaterials', q)) ?? []
    ).filter((m) => m.quantity > 0);
    if (materials.length) {
      const text = join(materials.map((m) => `${m.kind}${m.quantity}${m.unit}`));
      s.push(`发放宣传物资${text}`);
      keys.push(
        b.add(
          'publicityMaterials',
          '宣传物资',
          text,
          '活动日期与期间有重叠的宣传活动登记的物资数量，按物资种类合计',
          materials.reduce((t, m) => t + m.quantity, 0),
        ),
      );
    }
    const funds =
      (await periodFigure<{ purpose: FundPurpose; amount: number; count: number }[]>(db, 'fundsByPurpose', q)) ?? [];
    const paid = funds.filter((f) => f.amount > 0);
    if (paid.length) {
      const total = paid.reduce((t, f) => t + Math.round(f.amount * 100), 0) / 100;
      const text = join(paid.map((f) => `${FUND_PURPOSE_NAMES[f.purpose] ?? f.purpose}${amount(f.amount)}元`));
      s.push(`投入安全生产专项资金${amount(total)}元，其中${text}`);
      keys.push(
        b.add(
          'funds',
          '专项资金',
          `${amount(total)}元（${text}）`,
          '支付日期在期间内的专项资金支出，按用途合计（专项资金台账的合计）',
          paid.reduce((t, f) => t + f.count, 0),
        ),
      );
    }
    const trainings = val('trainings');
    const attendees = val('trainingAttendees');
    if (trainings) {
      s.push(`组织安全生产教育培训${trainings}场次${attendees ? `，培训${attendees}人次` : ''}`);
      keys.push(dashAdd('trainings'));
      if (attendees) keys.push(dashAdd('trainingAttendees', trainings));
    }
    // Drills (registered by the drills module: drillsHeld, drillParticipants — the dashboard's 应急演练 / 演练参与
    // over the whole park); in the seed's words, "组织企业开展应急救援演练活动".
    const drills = await periodFigure<number>(db, 'drillsHeld', q);
    const drillPeople = await periodFigure<number>(db, 'drillParticipants', q);
    if (typeof drills === 'number' && drills > 0) {
      const people = typeof drillPeople === 'number' && drillPeople > 0 ? drillPeople : null;
      s.push(`组织企业开展应急救援演练活动${drills}场次${people ? `，参演人员${people}人次` : ''}`);
      keys.push(
        b.add(
          'drillsHeld',
          '应急演练',
          `${drills}场次`,
          DASHBOARD_FIGURES.drills.definition,
          drills,
          SAME_AS_DASHBOARD,
        ),
      );
      if (people) {
        keys.push(
          b.add(
            'drillParticipants',
            '演练参演人员',
            `${people}人次`,
            DASHBOARD_FIGURES.drillParticipants.definition,
            drills,
            SAME_AS_DASHBOARD,
          ),
        );
      }
    }
    push('publicity', [part(null, s.length ? [`${s.join('；')}。`] : [])], keys);
  }

  // 五、work resumption (registered by the resumption module as resumptionsConfirmed)
  {
    const keys: string[] = [];
    const s: string[] = [];
    const n = await periodFigure<number>(db, 'resumptionsConfirmed', q);
    if (typeof n === 'number' && n > 0) {
      s.push(`${word}，对辖区内要求复工复产的${n}家企业进行安全生产条件确认和安全生产指导工作。`);
      keys.push(
        b.add(
          'resumptionsConfirmed',
          '复工复产确认',
          `${n}家`,
          DASHBOARD_FIGURES.resumptions.definition,
          n,
          SAME_AS_DASHBOARD,
        ),
      );
    }
    push('resumption', [part(null, s)], keys);
  }

  // 六、fire service (third-party service visits, a dashboard figure)
  {
    const keys: string[] = [];
    const s: string[] = [];
    const visits = val('fireServiceVisits');
    if (visits) {
      s.push(`引入第三方专业力量对园区企业开展消防技术服务，共服务检查企业${visits}家次，并建立台账。`);
      keys.push(dashAdd('fireServiceVisits'));
    }
    // 消防研判 from the ledger (the seed: "通过台账的分析，对消防薄弱环节……作出研判"): findings and the three most
    // frequent problems, as the fire-service analysis counts them for the whole park.
    const fire = await periodFigure<FireServiceFigures>(db, 'fireServiceFindings', q);
    if (fire && fire.findings > 0) {
      const weak = FIRE_PROBLEMS.filter((k) => fire.byProblem[k] > 0)
        .sort((a, c) => fire.byProblem[c] - fire.byProblem[a] || FIRE_PROBLEMS.indexOf(a) - FIRE_PROBLEMS.indexOf(c))
        .slice(0, 3)
        .map((k) => `${FIRE_PROBLEM_NAMES[k]}（${fire.byProblem[k]}处）`);
      s.push(
        `通过台账的分析，服务检查共发现消防隐患${fire.findings}处，已整改${fire.rectified}处；消防薄弱环节主要集中在${join(weak)}。`,
      );
      keys.push(
        b.add(
          'fireServiceFindings',
          '消防服务发现隐患',
          `${fire.findings}处（已整改${fire.rectified}处）`,
          '发现日期在期间内、由消防第三方服务检查登记的隐患数及其中已销号的数量（与消防研判页面全园区的合计相同）',
          fire.findings,
        ),
        b.add(
          'fireServiceWeakLinks',
          '消防薄弱环节',
          join(weak),
          '上述隐患按问题类别计数，列出最多的三类（消防研判的“问题类别”）',
          fire.findings,
        ),
      );
    }
    push('fireService', [part(null, s)], keys);
  }

  // 七、problems and next steps: the office's own words only
  push('problems', [], []);

  const intro = narrative.intro?.trim();
  if (intro) {
    sections.unshift({
      key: 'intro',
      heading: REPORT_SECTION_NAMES.intro,
      parts: [],
      narrative: intro
        .split(/\n+/)
        .map((x) => x.trim())
        .filter(Boolean),
      figureKeys: [],
    });
  }
  return {
    kind,
    from: p.from,
    to: p.to,
    until: p.until,
    title: title(kind, p, park),
    parkName: park,
    sections,
    figures: b.figures,
  };
}

// ------------------------------------------------------------------------------------------------------ requests

function period(actor: Actor, q: ReportPeriodQuery): Period {
  return resolvePeriod(actor, q);
}

export async function preview(db: Db, actor: Actor, q: ReportPeriodQuery): Promise<ReportPreview> {
  assertCan(actor, 'reports.summary');
  const p = period(actor, q);
  const draft = await repo.getDraft(db, actor.parkId, p.from, p.to);
  return compose(db, actor, q.kind, p, draft?.sections ?? {});
}

const draftView = (
  q: { kind: ReportPeriodKind; from: string; to: string },
  d: repo.DraftRow | null,
): ReportDraftView => ({
  kind: d?.period_kind ?? q.kind,
  from: q.from,
  to: q.to,
  sections: d?.sections ?? {},
  version: d?.version ?? 0,
  updatedAt: d ? new Date(d.updated_at).toISOString() : null,
  updatedBy: d?.updated_by_name ?? null,
});

export async function getDraft(db: Db, actor: Actor, q: ReportPeriodQuery): Promise<ReportDraftView> {
  assertCan(actor, 'reports.summary');
  const p = period(actor, q);
  return draftView({ kind: q.kind, from: p.from, to: p.to }, await repo.getDraft(db, actor.parkId, p.from, p.to));
}

const stale = (current: number) =>
  conflict(
    'REPORT_DRAFT_STALE',
    `该期间的总结草稿已被他人修改（当前为第 ${current} 版），请刷新后重试，以免覆盖他人的修改`,
    { version: '草稿已被他人修改' },
  );

export async function saveDraft(db: Db, ctx: RequestContext, body: ReportDraftBody): Promise<ReportDraftView> {
  const actor = ctx.actor!;
  assertCan(actor, 'reports.summary');
  const p = period(actor, body);
  const sections = Object.fromEntries(
    REPORT_SECTIONS.filter((k) => body.sections[k] !== undefined).map((k) => [k, body.sections[k]!.trim()]),
  );
  const by = { userId: actor.userId, name: actor.displayName };
  await db.transaction(async (tx) => {
    const row = await repo.getDraft(tx, actor.parkId, p.from, p.to, true);
    if (!row) {
      if (body.version !== 0) throw stale(0);
      const id = await repo.insertDraft(
        tx,
        actor.parkId,
        { kind: body.kind, from: p.from, to: p.to, sections },
        by,
        now(),
      );
      if (!id) throw stale(1);
      await appendAudit(tx, ctx, {
        action: 'report.draftSave',
        entityType: 'reportDraft',
        entityId: id,
        after: { kind: body.kind, from: p.from, to: p.to, sections, version: 1 },
      });
      return;
    }
    if (row.version !== body.version) throw stale(row.version);
    await repo.updateDraft(tx, actor.parkId, row.id, { kind: body.kind, sections }, by, now());
    await appendAudit(tx, ctx, {
      action: 'report.draftSave',
      entityType: 'reportDraft',
      entityId: row.id,
      before: { sections: row.sections, version: row.version },
      after: { kind: body.kind, sections, version: row.version + 1 },
    });
  });
  return draftView(body, await repo.getDraft(db, actor.parkId, p.from, p.to));
}

export interface GenerateParams {
  kind: ReportPeriodKind;
  from: string;
  to: string;
}

/** Starts a generation, or answers with the one queued or running for the same park and period. */
export async function startGenerate(
  runner: JobRunner,
  ctx: RequestContext,
  q: ReportPeriodQuery,
): Promise<{ job: JobView; alreadyRunning: boolean }> {
  const actor = ctx.actor!;
  assertCan(actor, 'reports.summary');
  const p = period(actor, q);
  const params: GenerateParams = { kind: q.kind, from: p.from, to: p.to };
  // One queued or running generation per park and period, whichever server process gets the click.
  const { job, existing } = await runner.enqueueOnce(ctx, {
    kind: REPORT_JOB_KIND,
    key: `${actor.parkId}:${p.from}:${p.to}`,
    params,
    total: 4,
    message: '排队中',
  });
  return { job: toJobView(job), alreadyRunning: existing };
}

/** A generation job of the actor's park (any supervisor may follow the one a colleague started). */
export async function jobOf(db: Db, actor: Actor, id: string): Promise<JobView> {
  assertCan(actor, 'reports.summary');
  const job = await getJob(db, id);
  if (!job || job.parkId !== actor.parkId || job.kind !== REPORT_JOB_KIND) throw notFound('生成任务');
  return toJobView(job);
}

const sm3 = (b: Buffer) => createHash('sm3').update(b).digest('hex');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function generateHandler(db: Db): JobHandler<GenerateParams> {
  return async (run) => {
    const actor = run.ctx.actor!;
    assertCan(actor, 'reports.summary');
    const { kind, from, to } = run.params;
    run.progress(0, 4, '汇总数据');
    // The period as it stands when the job runs (a period that was current may have closed meanwhile).
    const p = resolvePeriod(actor, { from, to });
    const draft = await repo.getDraft(db, actor.parkId, p.from, p.to);
    const content = await compose(db, actor, kind, p, draft?.sections ?? {});
    throwIfAborted(run.signal);
    run.progress(2, 4, '生成 Word 文档');
    const generatedAt = now();
    const buffer = await summaryDocx(content, generatedAt);
    throwIfAborted(run.signal);
    run.progress(3, 4, '保存');
    const fileName = `${content.title}.docx`;
    const digests = { sm3: sm3(buffer), sha256: sha256(buffer) };
    const id = await db.transaction(async (tx) => {
      const id = await repo.insertReport(
        tx,
        actor.parkId,
        {
          kind,
          from: p.from,
          to: p.to,
          until: p.until,
          title: content.title,
          fileName,
          content: buffer,
          ...digests,
          figures: content.figures,
          jobId: run.job.id,
        },
        { userId: actor.userId, name: actor.displayName },
        generatedAt,
      );
      await appendAudit(tx, run.ctx, {
        action: 'report.generate',
        entityType: 'periodReport',
        entityId: id,
        after: { kind, from: p.from, to: p.to, until: p.until, title: content.title, ...digests },
      });
      return id;
    });
    const file = run.filePath('.docx');
    const fs = await import('node:fs/promises');
    await fs.writeFile(file, buffer);
    run.progress(4, 4, '完成');
    return { result: { reportId: id, ...digests }, message: '已生成', file: { path: file, name: fileName } };
  };
}

const reportView = (r: repo.ReportRow): ReportView => ({
  id: r.id,
  kind: r.period_kind,
  from: r.period_from,
  to: r.period_to,
  title: r.title,
  fileName: r.file_name,
  size: Number(r.size),
  sm3: r.sm3,
  sha256: r.sha256,
  generatedAt: new Date(r.generated_at).toISOString(),
  generatedBy: r.generated_by_name,
  downloadUrl: `/api/reports/${r.id}/download`,
});

export async function list(db: Db, actor: Actor, q: { from?: string; to?: string; parkId?: string }) {
  assertCan(actor, 'reports.read');
  if (q.parkId && q.parkId !== actor.parkId) {
    throw new AppError(403, 'PARK_NOT_VISIBLE', '无权查看该园区的数据（统计园区）', { parkId: '无权查看该园区' });
  }
  return { items: (await repo.listReports(db, actor.parkId, q)).map(reportView) };
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'reports.read');
  const r = await repo.getReport(db, actor.parkId, id);
  if (!r) throw notFound('工作总结');
  return { view: reportView(r), figures: r.figures };
}

export async function download(db: Db, actor: Actor, id: string) {
  const { view } = await get(db, actor, id);
  const content = await repo.reportContent(db, actor.parkId, id);
  if (!content) throw notFound('工作总结');
  return { content, name: view.fileName };
}

export const periodKindName = (k: ReportPeriodKind) => REPORT_PERIOD_KIND_NAMES[k];
