// What an official document says, independent of the file it goes into: the templates build this model, and the
// Word (official.ts) and PDF (pdf.ts) renderers lay it out after the same rules (公文格式, after GB/T 9704).

export interface TextRunSpec {
  text: string;
  bold?: boolean;
}

export type Block =
  /** "某某有限公司：" — flush left. */
  | { kind: 'addressee'; name: string }
  /** A body paragraph; first line indented two characters unless indent is false. */
  | { kind: 'paragraph'; runs: TextRunSpec[]; indent?: boolean }
  | { kind: 'blank' }
  /** A table across the text width; widths are relative; the header row repeats on every page. */
  | { kind: 'grid'; columns: { title: string; width: number; center?: boolean }[]; rows: string[][] }
  /** Label | value rows, such as the facts of one hazard. */
  | { kind: 'form'; fields: [string, string][] }
  /** Two signature lines, then the issuer (seal placeholder) and the date, right-aligned. */
  | { kind: 'signature'; signers: [string, string]; issuer: string; date: string };

export interface OfficialDocument {
  title: string;
  number: string;
  /** Shown in the file's properties. */
  issuer: string;
  blocks: Block[];
}

export const paragraph = (text: string | TextRunSpec[], indent = true): Block => ({
  kind: 'paragraph',
  runs: typeof text === 'string' ? [{ text }] : text,
  indent,
});
export const blank = (): Block => ({ kind: 'blank' });

/** A4 in millimetres with the official margins: top 37, bottom 35, left 28, right 26. */
export const PAGE = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26, footer: 20 } as const;
/** Font sizes in points: 二号 22, 三号 16, 小四 12, 四号 14. */
export const POINTS = { title: 22, body: 16, table: 12, footer: 14 } as const;
/** Fixed body line of 28 points; tables at 18. */
export const LINE_POINTS = { body: 28, table: 18, title: 35 } as const;

/** The signature block's lines, shared by both renderers so they say the same. */
export function signatureLines(b: Extract<Block, { kind: 'signature' }>) {
  return {
    left: [
      `${b.signers[0]}（签名）：＿＿＿＿＿＿＿＿`,
      `${b.signers[1]}（签收）：＿＿＿＿＿＿＿＿`,
      '签收日期：　　　　年　　月　　日',
    ],
    right: [`${b.issuer}（盖章）`, b.date],
  };
}
