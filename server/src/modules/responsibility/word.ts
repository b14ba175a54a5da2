// Word (.docx) renderings of the responsibility system: the letter as signed (articles, indicators, both parties, the
// drawn signature, signer, time and the SM3 digest that verifies it) and the commendation certificate (荣誉证书).
// Fonts by name (宋体 / 仿宋 / 黑体) as in the official documents, so Word and WPS map them on any Chinese system.
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { LetterContent } from '../../../../shared/src/responsibility';

const font = (eastAsia: string) => ({
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  eastAsia,
  cs: 'Times New Roman',
});
const run = (text: string, o: { size?: number; bold?: boolean; face?: string } = {}) =>
  new TextRun({ text, size: (o.size ?? 16) * 2, bold: o.bold, font: font(o.face ?? '仿宋') });
const para = (
  text: string,
  o: { size?: number; bold?: boolean; face?: string; center?: boolean; indent?: boolean } = {},
) =>
  new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    indent: o.indent ? { firstLine: (o.size ?? 16) * 2 * 20 } : undefined,
    spacing: { line: 28 * 20, lineRule: 'exact' },
    children: [run(text, o)],
  });

const cell = (text: string, bold = false, width?: number) =>
  new TableCell({
    width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
    children: [new Paragraph({ children: [run(text, { size: 12, bold })] })],
  });

export interface LetterDocument {
  parkName: string;
  partyName: string;
  content: LetterContent;
  revision: number;
  issuedAt: string;
  signature: { name: string; at: string; ip: string | null; digest: string; png: Uint8Array } | null;
}

/** The letter: title, the two parties, articles, the indicator table, then the signature block. */
export async function letterDocx(d: LetterDocument): Promise<Buffer> {
  const c = d.content;
  const children: (Paragraph | Table)[] = [
    para(c.title, { size: 22, face: '宋体', center: true }),
    para(`（第 ${d.revision} 版）`, { size: 12, center: true }),
    para(''),
    para(`甲方：${d.parkName}管理委员会`),
    para(`乙方：${d.partyName}`),
  ];
  if (c.preamble) children.push(para(c.preamble, { indent: true }));
  for (const a of c.articles) {
    children.push(para(a.title, { face: '黑体' }));
    for (const line of a.body.split('\n')) children.push(para(line, { indent: true }));
  }
  if (c.indicators.length > 0) {
    children.push(para('考核指标', { face: '黑体' }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: [cell('指标', true, 40), cell('目标值', true, 45), cell('权重', true, 15)],
          }),
          ...c.indicators.map(
            (i) => new TableRow({ children: [cell(i.name), cell(i.target), cell(String(i.weight))] }),
          ),
        ],
      }),
    );
  }
  children.push(para(''));
  children.push(para(`甲方（盖章）：${d.parkName}管理委员会　　　下达时间：${d.issuedAt}`));
  if (d.signature) {
    const s = d.signature;
    children.push(
      new Paragraph({
        children: [
          run(`乙方签署人：${s.name}　`),
          new ImageRun({ type: 'png', data: s.png, transformation: { width: 180, height: 72 } }),
        ],
      }),
    );
    children.push(para(`签署时间：${s.at}`, { size: 12 }));
    if (s.ip) children.push(para(`签署地址：${s.ip}`, { size: 12 }));
    children.push(para(`SM3 摘要：${s.digest}`, { size: 10 }));
    children.push(
      para('（摘要覆盖责任书全文、签署单位、签署人、签署时间与签名图像，可在平台“验证”中重新计算核对。）', {
        size: 10,
      }),
    );
  } else {
    children.push(para('乙方签署人：（尚未签署）'));
  }
  const doc = new Document({
    creator: d.parkName,
    title: c.title,
    sections: [
      {
        properties: {
          page: {
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export interface CertificateDocument {
  parkName: string;
  number: string;
  recipient: string;
  unitName: string | null;
  honour: string;
  year: number;
  reason: string;
  awardedOn: string;
}

/** 荣誉证书: landscape A4 with a double border, the recipient, the honour, the reason, the issuer and date. */
export async function certificateDocx(d: CertificateDocument): Promise<Buffer> {
  const [y, m, day] = d.awardedOn.split('-');
  const border = { style: BorderStyle.DOUBLE, size: 12, color: 'B8860B' };
  const inner = [
    para('荣 誉 证 书', { size: 36, face: '宋体', bold: true, center: true }),
    para(''),
    para(`${d.recipient}${d.unitName ? `（${d.unitName}）` : ''}：`, { size: 18, face: '仿宋' }),
    para(`在${d.year}年度安全生产工作中${d.reason.replace(/[。.]$/, '')}，被评为“${d.honour}”，特发此证，以资鼓励。`, {
      size: 18,
      indent: true,
    }),
    para(''),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`${d.parkName}管理委员会`, { size: 16 })] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [run(`${y}年${Number(m)}月${Number(day)}日`, { size: 16 })],
    }),
    new Paragraph({ alignment: AlignmentType.LEFT, children: [run(`证书编号：${d.number}`, { size: 10 })] }),
  ];
  const doc = new Document({
    creator: d.parkName,
    title: `荣誉证书 ${d.number}`,
    sections: [
      {
        properties: {
          page: {
            size: {
              orientation: PageOrientation.LANDSCAPE,
              width: convertMillimetersToTwip(297),
              height: convertMillimetersToTwip(210),
            },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(25),
              right: convertMillimetersToTwip(25),
            },
          },
        },
        children: [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                children: [
                  new TableCell({
                    borders: { top: border, bottom: border, left: border, right: border },
                    margins: { top: 400, bottom: 400, left: 600, right: 600 },
                    children: inner,
                  }),
                ],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
