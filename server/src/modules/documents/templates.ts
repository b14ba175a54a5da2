// The wording of the two documents, from their facts. The reminders stay generic on purpose: no regulation is quoted
// or cited by article here (the library of clause texts is the criteria module's, and only verified text is shipped).
import {
  cnDate,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_NUMBER_WORDS,
  type DocumentKind,
  parkShortName,
} from '../../../../shared/src/documents';
import { blank, type OfficialDocument, paragraph } from './layout';
import type { DocHazard, EnterpriseFacts, InspectionFacts, RecheckFacts } from './repository';

export function documentNumber(park: string, kind: DocumentKind, year: string, n: number): string {
  return `${parkShortName(park)}安监${DOCUMENT_NUMBER_WORDS[kind]}〔${year}〕${String(n).padStart(4, '0')}号`;
}

export function judgementBasis(h: DocHazard): string {
  const criterion = h.criterion_standard
    ? `${h.criterion_standard}${h.criterion_article ? ` ${h.criterion_article}` : ''}`
    : null;
  return [h.basis, criterion].filter(Boolean).join('；') || '—';
}

const describe = (h: DocHazard) => (h.grade === 'major' ? `【重大事故隐患】${h.description}` : h.description);
const deadlineText = (h: DocHazard) => (h.deadline ? `${cnDate(h.deadline)}前` : '立即整改');

export interface Issuer {
  name: string;
  date: string; // YYYY-MM-DD, Asia/Shanghai
}

export function rectificationNotice(f: {
  number: string;
  issuer: Issuer;
  enterprise: EnterpriseFacts;
  inspection: InspectionFacts | null;
  hazards: DocHazard[];
}): OfficialDocument {
  const majors = f.hazards.filter((h) => h.grade === 'major').length;
  const count = `共 ${f.hazards.length} 处${majors ? `，其中重大事故隐患 ${majors} 处` : ''}`;
  const found = f.inspection
    ? `${cnDate(f.inspection.inspected_on)}，本机关` +
      `${f.inspection.inspectors.length ? `检查人员（${f.inspection.inspectors.join('、')}）` : ''}` +
      `对你单位进行了安全生产检查，发现你单位存在下列事故隐患（${count}）。`
    : `经检查，你单位存在下列事故隐患（${count}）。`;
  const reminders = [
    '一、你单位是事故隐患排查治理的责任主体，主要负责人对本单位事故隐患排查治理工作全面负责。请按照上表所列整改要求和期限，落实整改责任、措施、资金、时限和预案，组织整改。',
    '二、整改期间，你单位应当采取必要的安全防范措施，确保安全；无法保证安全的，应当停止相关作业或者停止使用相关设施、设备。',
    ...(majors ? ['三、列为重大事故隐患的，应当先制定整改方案并报送本机关，整改完毕后须经本机关复查验收。'] : []),
    `${majors ? '四' : '三'}、整改完成后，请及时通过园区安全生产监管平台上传整改后照片等材料并申请复查；确需延期整改的，应当在整改期限届满前提出延期申请。逾期未整改或者整改不符合要求的，本机关将依法依规处理。`,
  ];
  return {
    title: DOCUMENT_KIND_LABELS.rectificationNotice.zh,
    number: f.number,
    issuer: f.issuer.name,
    blocks: [
      { kind: 'addressee', name: f.enterprise.name },
      paragraph(`${found}现通知你单位按下表所列要求和期限完成整改。`),
      blank(),
      {
        kind: 'grid',
        columns: [
          { title: '序号', width: 11, center: true },
          { title: '隐患描述', width: 45 },
          { title: '位置', width: 22 },
          { title: '判定依据', width: 30 },
          { title: '整改要求', width: 30 },
          { title: '整改期限', width: 18, center: true },
        ],
        rows: f.hazards.map((h, i) => [
          String(i + 1),
          `${describe(h)}\n（编号 ${h.serial}）`,
          h.location ?? '—',
          judgementBasis(h),
          h.requirement ?? '按隐患描述彻底整改',
          deadlineText(h),
        ]),
      },
      blank(),
      ...reminders.map((t) => paragraph(t)),
      {
        kind: 'signature',
        signers: ['检查人员', '被检查单位负责人'],
        issuer: f.issuer.name,
        date: cnDate(f.issuer.date),
      },
    ],
  };
}

export function recheckOpinion(f: {
  number: string;
  issuer: Issuer;
  enterprise: EnterpriseFacts;
  hazard: DocHazard;
  /** The inspection that found the hazard, naming its inspectors; null for a hazard recorded outside one. */
  inspection: InspectionFacts | null;
  recheck: RecheckFacts;
  recheckDate: string;
  submittedDate: string | null;
  notice: string | null;
}): OfficialDocument {
  const h = f.hazard;
  const passed = f.recheck.action === 'recheckPass';
  const basis = f.notice ? `按照《事故隐患整改通知书》（${f.notice}）要求整改的` : '';
  const submitted = f.submittedDate
    ? `${cnDate(f.submittedDate)}提交整改材料${f.recheck.evidence_count ? `，附整改后照片 ${f.recheck.evidence_count} 张` : ''}`
    : '—';
  const stillDue = h.deadline && h.deadline >= f.recheckDate;
  const opinion = passed
    ? '经复查，该事故隐患已按要求整改完毕，复查合格，予以销号。请你单位巩固整改成果，举一反三，持续做好事故隐患排查治理工作。'
    : `经复查，该事故隐患整改不符合要求${f.recheck.reason ? `：${f.recheck.reason}` : ''}。` +
      `请你单位继续整改${stillDue ? `，于${cnDate(h.deadline)}前整改完毕` : '，立即整改完毕'}，并重新申请复查。` +
      '整改期间应当采取必要的安全防范措施，确保安全。';
  return {
    title: DOCUMENT_KIND_LABELS.recheckOpinion.zh,
    number: f.number,
    issuer: f.issuer.name,
    blocks: [
      { kind: 'addressee', name: f.enterprise.name },
      paragraph(`${cnDate(f.recheckDate)}，本机关对你单位${basis}下列事故隐患的整改情况进行了复查。`),
      blank(),
      {
        kind: 'form',
        fields: [
          ['隐患编号', h.serial],
          ['隐患描述', describe(h)],
          ['位置', h.location ?? '—'],
          ['判定依据', judgementBasis(h)],
          ['整改要求', h.requirement ?? '—'],
          ['整改期限', deadlineText(h)],
          ...(f.inspection
            ? ([
                ['检查日期', cnDate(f.inspection.inspected_on)],
                ['检查人员', f.inspection.inspectors.join('、') || '—'],
              ] as [string, string][])
            : []),
          ['整改情况', submitted],
          ['复查日期', cnDate(f.recheckDate)],
          ['复查人员', f.recheck.actor_name ?? '—'],
          ['复查结论', passed ? '合格，予以销号' : '不合格，继续整改'],
        ],
      },
      blank(),
      paragraph([{ text: '复查意见：', bold: true }, { text: opinion }]),
      {
        kind: 'signature',
        signers: ['复查人员', '被复查单位负责人'],
        issuer: f.issuer.name,
        date: cnDate(f.issuer.date),
      },
    ],
  };
}
