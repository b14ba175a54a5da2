// Digest verification: the same signed letter gives the same digest; a changed byte anywhere in what was signed (a
// word of an article, the signer, the time, one byte of the drawn signature) gives another.
import { describe, expect, it } from 'vitest';
import { letterDigest, type SignedLetter } from './digest';

const letter = (): SignedLetter => ({
  letterId: '00000000-0000-4000-8000-000000000001',
  year: 2023,
  version: 'enterprise',
  partyName: '示例化工有限公司',
  revision: 2,
  content: {
    title: '2023年度安全生产目标管理责任书（企业版）',
    preamble: '为落实企业安全生产主体责任……',
    articles: [{ title: '第一条 责任目标', body: '全年不发生较大及以上生产安全事故。' }],
    indicators: [{ name: '隐患整改率', target: '≥95%', weight: 100 }],
  },
  signerName: '王安全',
  signedAt: '2023-03-01T02:00:00.000Z',
  signaturePng: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]),
});

describe('letter digest (SM3)', () => {
  it('is a 64-hex SM3 digest and recomputes to the same value', () => {
    const d = letterDigest(letter());
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(letterDigest(letter())).toBe(d);
  });

  it('fails verification when one byte of the signed content changes', () => {
    const stored = letterDigest(letter());
    const article = letter();
    article.content.articles[0]!.body = '全年不发生较大及以上生产安全事故，';
    expect(letterDigest(article)).not.toBe(stored);
    const signer = { ...letter(), signerName: '王安全 ' };
    expect(letterDigest(signer)).not.toBe(stored);
    const time = { ...letter(), signedAt: '2023-03-01T02:00:00.001Z' };
    expect(letterDigest(time)).not.toBe(stored);
    const png = letter();
    png.signaturePng[10] = 4;
    expect(letterDigest(png)).not.toBe(stored);
    const weight = letter();
    weight.content.indicators[0]!.weight = 99;
    expect(letterDigest(weight)).not.toBe(stored);
  });
});
