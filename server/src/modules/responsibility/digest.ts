// The SM3 digest of a signed letter: over exactly what the party signed — the park, year, version, party, revision
// and every word of the letter (canonical JSON, keys in a fixed order), the signer, the time, and the SM3 of the
// drawn signature. Verifying recomputes it from the stored letter; any changed byte gives another digest.
import { createHash } from 'node:crypto';
import type { LetterContent } from '../../../../shared/src/responsibility';

export interface SignedLetter {
  letterId: string;
  year: number;
  version: string;
  partyName: string;
  revision: number;
  content: LetterContent;
  signerName: string;
  signedAt: string;
  signaturePng: Uint8Array;
}

const sm3 = (data: string | Uint8Array) => createHash('sm3').update(data).digest('hex');

/** The content in a fixed key order, so the same letter always serialises to the same bytes. */
export function canonicalContent(c: LetterContent): string {
  return JSON.stringify({
    title: c.title,
    preamble: c.preamble,
    articles: c.articles.map((a) => ({ title: a.title, body: a.body })),
    indicators: c.indicators.map((i) => ({ name: i.name, target: i.target, weight: i.weight })),
  });
}

export function letterDigest(l: SignedLetter): string {
  const lines = [
    'ParkSafe 安全生产目标管理责任书',
    `letter:${l.letterId}`,
    `year:${l.year}`,
    `version:${l.version}`,
    `party:${l.partyName}`,
    `revision:${l.revision}`,
    `content:${canonicalContent(l.content)}`,
    `signer:${l.signerName}`,
    `signedAt:${l.signedAt}`,
    `signature-sm3:${sm3(l.signaturePng)}`,
  ];
  return sm3(lines.join('\n'));
}
