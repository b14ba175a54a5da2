// The words of each notification: a short title naming the hazard's number, and a body that says what to do by when.
import { cnDate } from '../../../../shared/src/documents';
import { shanghaiMinute } from '../../../../shared/src/validators';

/** Whole days from one ISO date to another (UTC arithmetic on dates, no time zone involved). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const quote = (description: string) => {
  const text = description.replace(/\s+/g, ' ').trim();
  return `「${text.length > 40 ? `${text.slice(0, 40)}…` : text}」`;
};

export interface HazardFacts {
  serial: string;
  description: string;
  deadline: string | null;
  grade: string;
  enterpriseName: string;
  location?: string | null;
  requirement?: string | null;
}

const major = (h: HazardFacts) => (h.grade === 'major' ? '重大事故隐患' : '隐患');

export const messages = {
  hazardAssigned: (h: HazardFacts) => ({
    title: `新的${major(h)}整改任务：${h.serial}`,
    body:
      `你单位存在${major(h)}${quote(h.description)}${h.location ? `（${h.location}）` : ''}` +
      `${h.requirement ? `，整改要求：${h.requirement}` : ''}。` +
      `${h.grade === 'major' ? '请先制定“五落实”整改方案，' : '请'}` +
      `${h.deadline ? `于${cnDate(h.deadline)}前完成整改并提交复查。` : '及时整改并提交复查。'}`,
  }),
  hazardDueSoon: (h: HazardFacts, today: string) => {
    const left = h.deadline ? daysBetween(today, h.deadline) : 0;
    return {
      title: `隐患整改即将到期：${h.serial}`,
      body:
        `${major(h)}${quote(h.description)}的整改期限为${cnDate(h.deadline)}` +
        `（${left <= 0 ? '今日到期' : `还剩 ${left} 天`}），请按期完成整改并提交复查；确有困难的，请在期限前申请延期。`,
    };
  },
  hazardOverdue: (h: HazardFacts, today: string) => ({
    title: `隐患整改已逾期：${h.serial}`,
    body:
      `${h.enterpriseName}的${major(h)}${quote(h.description)}整改期限为${cnDate(h.deadline)}，` +
      `已逾期 ${h.deadline ? daysBetween(h.deadline, today) : 0} 天，尚未提交整改复查，请立即整改（督促整改）。`,
  }),
  recheckDueSoon: (h: HazardFacts, x: { submittedOn: string; dueOn: string }, today: string) => ({
    title: `隐患复查即将超时：${h.serial}`,
    body:
      `${h.enterpriseName}于${cnDate(x.submittedOn)}提交了${major(h)}${quote(h.description)}的整改材料，` +
      `复查时限至${cnDate(x.dueOn)}（${x.dueOn === today ? '今日到期' : `还剩 ${daysBetween(today, x.dueOn)} 天`}），请及时复查。`,
  }),
  recheckOverdue: (h: HazardFacts, x: { submittedOn: string; dueOn: string }, today: string) => ({
    title: `隐患复查超时：${h.serial}`,
    body:
      `${h.enterpriseName}于${cnDate(x.submittedOn)}提交了${major(h)}${quote(h.description)}的整改材料，` +
      `复查时限${cnDate(x.dueOn)}已过 ${daysBetween(x.dueOn, today)} 天，尚未复查，请立即安排复查。`,
  }),
  recheckRequested: (h: HazardFacts) => ({
    title: `隐患待复查：${h.serial}`,
    body: `${h.enterpriseName}已提交${major(h)}${quote(h.description)}的整改材料，请及时复查。`,
  }),
  recheckFailed: (h: HazardFacts, reason: string | null) => ({
    title: `隐患复查不通过：${h.serial}`,
    body:
      `${major(h)}${quote(h.description)}复查不通过${reason ? `：${reason}` : ''}。` +
      `请继续整改并重新提交复查${h.deadline ? `（整改期限${cnDate(h.deadline)}）` : ''}。`,
  }),
  extensionRequested: (h: HazardFacts, x: { from: string | null; to: string; reason: string }) => ({
    title: `延期申请待审批：${h.serial}`,
    body:
      `${h.enterpriseName}申请将${major(h)}${quote(h.description)}的整改期限` +
      `${x.from ? `由${cnDate(x.from)}` : ''}延至${cnDate(x.to)}，理由：${x.reason}`,
  }),
  extensionDecided: (
    h: HazardFacts,
    x: { approved: boolean; to: string; previous: string | null; reason: string | null },
  ) =>
    x.approved
      ? {
          title: `延期申请已同意：${h.serial}`,
          body: `${major(h)}${quote(h.description)}的整改期限已延至${cnDate(x.to)}${x.reason ? `（${x.reason}）` : ''}。`,
        }
      : {
          title: `延期申请未同意：${h.serial}`,
          body:
            `${major(h)}${quote(h.description)}的延期申请未获同意${x.reason ? `：${x.reason}` : ''}。` +
            `${x.previous ? `请按原期限${cnDate(x.previous)}完成整改。` : '请按原期限完成整改。'}`,
        },
};

export interface SignInFailureFacts {
  at: Date;
  ip: string;
  /** What was wrong: the password or the TOTP code. */
  factor: 'password' | 'totp';
  /** Consecutive failures so far, this one included. */
  failures: number;
  threshold: number;
  lockMinutes: number;
  /** Set when this failure locked the account. */
  lockedUntil: Date | null;
}

const notMe = '如非本人操作，请立即修改密码并联系系统管理员。';

/** Wrong passwords and codes are told to the account's owner, never to the caller (who may not be the owner). */
export const accountMessages = {
  signInFailed: (f: SignInFailureFacts) => {
    const what = f.factor === 'totp' ? '动态验证码' : '密码';
    const source = `${shanghaiMinute(f.at)}（来自 ${f.ip}）`;
    if (f.lockedUntil) {
      return {
        title: '账户已被锁定',
        body:
          `你的账户于 ${source}${what}错误，已连续登录失败 ${f.failures} 次，` +
          `账户已锁定至 ${shanghaiMinute(f.lockedUntil)}。${notMe}`,
      };
    }
    return {
      title: '账户登录失败提醒',
      body:
        `你的账户于 ${source}${what}错误，已连续登录失败 ${f.failures} 次；` +
        `再错 ${Math.max(f.threshold - f.failures, 0)} 次账户将被锁定 ${f.lockMinutes} 分钟。${notMe}`,
    };
  },
};
