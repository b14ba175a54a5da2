// npm run audit:verify-archive: an archive file of npm run audit:archive verified on its own, without the database —
// the manifest's signature, the file's SHA-256 and SM3, and inside the file each row's keyed MAC, the links between
// the rows of each chain and each chain's count and ends as the signed manifest states them. What the file cannot show
// alone is the link of a chain's first row to the month before (audit:archive checked it against the database; with
// --previous, the manifest of the month before stands for it).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import {
  type ArchivedChain,
  type ArchiveRecord,
  archiveMac,
  auditHash,
  auditKeyId,
  auditMac,
  type HashedFields,
  type StoredRow,
  sameDigest,
} from '../../platform/audit';
import { ARCHIVE_FORMAT, type ArchiveManifest, parseMonth } from './archive';

/** What failed, by name: a stable code, an English kind and a Chinese message naming the row when there is one. */
export interface ArchiveProblem {
  code:
    | 'AUDIT_ARCHIVE_MANIFEST_INVALID'
    | 'AUDIT_ARCHIVE_OTHER_KEY'
    | 'AUDIT_ARCHIVE_MANIFEST_TAMPERED'
    | 'AUDIT_ARCHIVE_TRUNCATED'
    | 'AUDIT_ARCHIVE_CORRUPT'
    | 'AUDIT_ARCHIVE_DIGEST_MISMATCH'
    | 'AUDIT_ARCHIVE_ROW_UNREADABLE'
    | 'AUDIT_ARCHIVE_ROW_ALTERED'
    | 'AUDIT_ARCHIVE_ROW_MISSING'
    | 'AUDIT_ARCHIVE_ROW_EXTRA'
    | 'AUDIT_ARCHIVE_LINK_BROKEN'
    | 'AUDIT_ARCHIVE_CHAIN_MISMATCH'
    | 'AUDIT_ARCHIVE_PREVIOUS_MISMATCH';
  kind:
    | 'manifest invalid'
    | 'other key'
    | 'manifest tampered'
    | 'truncated file'
    | 'corrupt file'
    | 'digest mismatch'
    | 'unreadable row'
    | 'altered row'
    | 'missing rows'
    | 'extra row'
    | 'broken link'
    | 'chain mismatch'
    | 'previous month mismatch';
  message: string;
  parkId?: string;
  seq?: number;
  id?: string;
}

export interface ArchiveVerifyResult {
  ok: boolean;
  file: string;
  manifestFile: string;
  month: string | null;
  /** Rows read from the file, and how many of them verified (keyed MAC or, before any keyed row, legacy hash). */
  rows: number;
  verified: number;
  /** Rows of a chain before its first keyed row, verified by their unkeyed SM3 hash (written before migration 0014). */
  legacy: number;
  chains: number;
  sha256: string | null;
  sm3: string | null;
  /** Row-level failures after the first one of each kind are counted, not listed. */
  moreRowProblems: number;
  problems: ArchiveProblem[];
}

/** One line of an archive file: the stored row, its seq already a number. */
type ArchiveLine = Omit<StoredRow, 'seq'> & { seq: number };

interface ChainState {
  rows: number;
  firstSeq: number;
  firstHash: string;
  firstPrevHash: string;
  lastSeq: number;
  lastHash: string;
  lastId: string;
  keyed: boolean;
}

const MANIFEST_SUFFIX = '.manifest.json';

/** The archive file and its manifest from what was given: either one, the other found beside it. */
export function archivePaths(given: string, manifest?: string): { file: string; manifestFile: string } {
  const abs = path.resolve(given);
  if (manifest) return { file: abs, manifestFile: path.resolve(manifest) };
  if (abs.endsWith(MANIFEST_SUFFIX)) {
    let file = abs.slice(0, -MANIFEST_SUFFIX.length);
    // A renamed pair keeps the manifest's own name for the file; the name stripped of the suffix goes first.
    if (!fs.existsSync(file)) {
      try {
        const named = (JSON.parse(fs.readFileSync(abs, 'utf8')) as { file?: unknown }).file;
        if (typeof named === 'string') file = path.join(path.dirname(abs), path.basename(named));
      } catch {
        // Reported when the manifest is read.
      }
    }
    return { file, manifestFile: abs };
  }
  return { file: abs, manifestFile: `${abs}${MANIFEST_SUFFIX}` };
}

const isHex64 = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/** The manifest as written by audit:archive, or why it cannot be used. */
function readManifest(file: string): { manifest: ArchiveManifest } | { error: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {
      error: `找不到清单文件 ${file}（归档时写在归档文件旁，名为 <归档文件>${MANIFEST_SUFFIX}；可用 --manifest 指定）`,
    };
  }
  let m: ArchiveManifest;
  try {
    m = JSON.parse(text) as ArchiveManifest;
  } catch {
    return { error: `清单文件 ${file} 不是完整的 JSON（被截断或改动）` };
  }
  const chainsOk =
    Array.isArray(m?.chains) &&
    m.chains.every(
      (c: ArchivedChain) =>
        typeof c?.park === 'string' &&
        Number.isInteger(c.rows) &&
        Number.isInteger(c.firstSeq) &&
        Number.isInteger(c.lastSeq) &&
        isHex64(c.firstHash) &&
        isHex64(c.lastHash),
    );
  if (
    m?.format !== ARCHIVE_FORMAT ||
    typeof m.month !== 'string' ||
    !Number.isInteger(m.rows) ||
    !chainsOk ||
    !isHex64(m.sha256) ||
    !isHex64(m.sm3) ||
    typeof m.mac !== 'string' ||
    typeof m.keyId !== 'string'
  ) {
    return { error: `清单文件 ${file} 不是 ${ARCHIVE_FORMAT} 格式的审计归档清单（缺少或不认识的字段）` };
  }
  return { manifest: m };
}

const recordOf = (m: ArchiveManifest): ArchiveRecord => ({
  month: m.month,
  from: m.from,
  to: m.to,
  rows: m.rows,
  chains: m.chains,
  sha256: m.sha256,
  sm3: m.sm3,
  archivedAt: m.archivedAt,
});

/**
 * Verifies an archive file against its manifest with the audit key. Reads the file once, streamed (a month at
 * 27,000 rows a day is ~820,000 rows); names every failure it finds rather than stopping at the first, so a truncated
 * file says it is truncated and an altered row says which row.
 */
export async function verifyArchiveFile(opts: {
  file: string;
  manifestFile?: string;
  key: string;
  /** The manifest of the month before: each chain's first row must link to that month's last row of the chain. */
  previousManifestFile?: string;
  onProgress?: (checked: number, total: number) => void;
  progressEvery?: number;
}): Promise<ArchiveVerifyResult> {
  const { file, manifestFile } = archivePaths(opts.file, opts.manifestFile);
  const problems: ArchiveProblem[] = [];
  const result: ArchiveVerifyResult = {
    ok: false,
    file,
    manifestFile,
    month: null,
    rows: 0,
    verified: 0,
    legacy: 0,
    chains: 0,
    sha256: null,
    sm3: null,
    moreRowProblems: 0,
    problems,
  };
  const done = () => {
    result.ok = problems.length === 0;
    return result;
  };
  const read = readManifest(manifestFile);
  if ('error' in read) {
    problems.push({ code: 'AUDIT_ARCHIVE_MANIFEST_INVALID', kind: 'manifest invalid', message: read.error });
    return done();
  }
  const manifest = read.manifest;
  result.month = manifest.month;
  result.chains = manifest.chains.length;
  if (manifest.keyId !== auditKeyId(opts.key)) {
    // Without the key that wrote them, neither the rows' MACs nor the manifest's signature can be checked.
    problems.push({
      code: 'AUDIT_ARCHIVE_OTHER_KEY',
      kind: 'other key',
      message: `归档由另一把审计密钥签名（清单中的密钥指纹 ${manifest.keyId}，当前 PARKSAFE_AUDIT_KEY 的指纹 ${auditKeyId(opts.key)}）：请用归档时的审计密钥校验`,
    });
    return done();
  }
  if (!sameDigest(archiveMac(opts.key, recordOf(manifest)), manifest.mac)) {
    problems.push({
      code: 'AUDIT_ARCHIVE_MANIFEST_TAMPERED',
      kind: 'manifest tampered',
      message: `清单 ${manifestFile} 的签名（HMAC-SM3）不符：清单在归档后被改动（行数、链首尾或文件摘要不可信）`,
    });
  }
  if (!fs.existsSync(file)) {
    problems.push({
      code: 'AUDIT_ARCHIVE_MANIFEST_INVALID',
      kind: 'manifest invalid',
      message: `找不到归档文件 ${file}（清单记的文件名为 ${manifest.file}）`,
    });
    return done();
  }
  const bounds = (() => {
    try {
      return parseMonth(manifest.month);
    } catch {
      return null;
    }
  })();

  // Each chain's rows, in order. Within a chain a failure is listed once per kind; the rest are counted.
  const expected = new Map(manifest.chains.map((c) => [c.park, c]));
  const seen = new Map<string, ChainState>();
  const listed = new Set<string>();
  const rowProblem = (p: ArchiveProblem) => {
    const k = `${p.parkId}:${p.code}`;
    if (listed.has(k)) {
      result.moreRowProblems++;
      return;
    }
    listed.add(k);
    problems.push(p);
  };
  let lineNo = 0;
  let current: string | null = null;
  const every = opts.progressEvery ?? 50_000;
  const onLine = (text: string) => {
    lineNo++;
    let r: ArchiveLine;
    try {
      r = JSON.parse(text) as ArchiveLine;
      if (typeof r?.park_id !== 'string' || !Number.isInteger(r.seq) || typeof r.hash !== 'string')
        throw new Error('fields');
    } catch {
      rowProblem({
        code: 'AUDIT_ARCHIVE_ROW_UNREADABLE',
        kind: 'unreadable row',
        message: `第 ${lineNo} 行不是一条完整的审计记录（JSON 不完整或缺少字段）`,
      });
      return;
    }
    result.rows++;
    const park = r.park_id;
    const chain = expected.get(park);
    let state = seen.get(park);
    if (!chain) {
      rowProblem({
        code: 'AUDIT_ARCHIVE_ROW_EXTRA',
        kind: 'extra row',
        parkId: park,
        seq: r.seq,
        id: r.id,
        message: `园区 ${park} 第 ${r.seq} 条（id ${r.id}）：清单中没有这条链，记录是后来加入的`,
      });
      return;
    }
    if (state && current !== park) {
      rowProblem({
        code: 'AUDIT_ARCHIVE_ROW_EXTRA',
        kind: 'extra row',
        parkId: park,
        seq: r.seq,
        id: r.id,
        message: `园区 ${park} 第 ${r.seq} 条（id ${r.id}）：这条链的记录不连续地出现在文件中（第 ${lineNo} 行），记录被挪动或加入`,
      });
    }
    current = park;
    const fields: HashedFields = {
      parkId: r.park_id,
      seq: r.seq,
      id: r.id,
      at: new Date(r.at),
      actorUserId: r.actor_user_id,
      actorName: r.actor_name,
      actorOrganisationId: r.actor_organisation_id,
      actorRole: r.actor_role,
      ip: r.ip,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      prevHash: r.prev_hash,
      enterpriseId: r.enterprise_id,
    };
    const validAt = !Number.isNaN(fields.at.getTime());
    const keyed = validAt && sameDigest(auditMac(opts.key, fields), r.hash);
    // Rows written before the keyed chain carry the unkeyed hash; they can only come before a chain's first keyed row
    // (the signed last hash of each chain pins them: changing one changes every hash after it).
    const legacy = !keyed && validAt && !state?.keyed && sameDigest(auditHash(fields), r.hash);
    const inMonth =
      !bounds || (validAt && fields.at.getTime() >= bounds.from.getTime() && fields.at.getTime() < bounds.to.getTime());
    if (!keyed && !legacy) {
      rowProblem({
        code: 'AUDIT_ARCHIVE_ROW_ALTERED',
        kind: 'altered row',
        parkId: park,
        seq: r.seq,
        id: r.id,
        message: `园区 ${park} 第 ${r.seq} 条（id ${r.id}，文件第 ${lineNo} 行）被修改：内容与审计密钥校验码（HMAC-SM3）不符`,
      });
    } else if (!inMonth) {
      rowProblem({
        code: 'AUDIT_ARCHIVE_ROW_EXTRA',
        kind: 'extra row',
        parkId: park,
        seq: r.seq,
        id: r.id,
        message: `园区 ${park} 第 ${r.seq} 条（id ${r.id}）的时间 ${r.at} 不在 ${manifest.month} 内`,
      });
    } else {
      result.verified++;
      if (legacy) result.legacy++;
    }
    if (!state) {
      state = {
        rows: 0,
        firstSeq: r.seq,
        firstHash: r.hash,
        firstPrevHash: r.prev_hash,
        lastSeq: r.seq - 1,
        lastHash: '',
        lastId: '',
        keyed: false,
      };
      seen.set(park, state);
      if (r.seq !== chain.firstSeq) {
        rowProblem({
          code: r.seq > chain.firstSeq ? 'AUDIT_ARCHIVE_ROW_MISSING' : 'AUDIT_ARCHIVE_ROW_EXTRA',
          kind: r.seq > chain.firstSeq ? 'missing rows' : 'extra row',
          parkId: park,
          seq: Math.min(r.seq, chain.firstSeq),
          message:
            r.seq > chain.firstSeq
              ? `园区 ${park} 第 ${chain.firstSeq}–${r.seq - 1} 条缺失：清单记这条链从第 ${chain.firstSeq} 条开始，文件从第 ${r.seq} 条开始`
              : `园区 ${park} 第 ${r.seq} 条（id ${r.id}）在清单所记的链首（第 ${chain.firstSeq} 条）之前，是加入的记录`,
        });
      }
    } else if (r.seq !== state.lastSeq + 1) {
      rowProblem({
        code: r.seq > state.lastSeq + 1 ? 'AUDIT_ARCHIVE_ROW_MISSING' : 'AUDIT_ARCHIVE_ROW_EXTRA',
        kind: r.seq > state.lastSeq + 1 ? 'missing rows' : 'extra row',
        parkId: park,
        seq: state.lastSeq + 1,
        message:
          r.seq > state.lastSeq + 1
            ? `园区 ${park} 第 ${state.lastSeq + 1}${r.seq - 1 > state.lastSeq + 1 ? `–${r.seq - 1}` : ''} 条缺失（序号不连续：其后是第 ${r.seq} 条，id ${r.id}）`
            : `园区 ${park} 第 ${r.seq} 条（id ${r.id}）重复或次序错乱（前一条是第 ${state.lastSeq} 条）`,
      });
    } else if (r.prev_hash !== state.lastHash) {
      rowProblem({
        code: 'AUDIT_ARCHIVE_LINK_BROKEN',
        kind: 'broken link',
        parkId: park,
        seq: r.seq,
        id: r.id,
        message: `园区 ${park} 第 ${r.seq} 条（id ${r.id}）所记的前序哈希与第 ${state.lastSeq} 条（id ${state.lastId}）不符：前一条被替换或改动`,
      });
    }
    state.rows++;
    state.lastSeq = r.seq;
    state.lastHash = r.hash;
    state.lastId = r.id;
    if (keyed) state.keyed = true;
    if (result.rows % every === 0) opts.onProgress?.(result.rows, manifest.rows);
  };

  const sha256 = createHash('sha256');
  const sm3 = createHash('sm3');
  const digest = new Transform({
    transform(chunk: Buffer, _enc, next) {
      sha256.update(chunk);
      sm3.update(chunk);
      next(null, chunk);
    },
  });
  let rest = '';
  let readError: { code?: string; message: string } | null = null;
  try {
    await pipeline(fs.createReadStream(file), digest, createGunzip(), async (source: AsyncIterable<Buffer>) => {
      // A character of several bytes (Chinese names) may straddle two chunks: decoded across them, not per chunk.
      const utf8 = new StringDecoder('utf8');
      for await (const chunk of source) {
        const text = rest + utf8.write(chunk);
        const lines = text.split('\n');
        rest = lines.pop()!;
        for (const l of lines) if (l) onLine(l);
      }
    });
    if (rest) onLine(rest);
  } catch (err) {
    readError = err as { code?: string; message: string };
  }
  if (readError) {
    // The gzip stream ends before its end: the file was cut off (copied in part, disk full). The last line read may
    // be a partial one; it is not counted as a row problem of its own.
    const truncated = readError.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(readError.message);
    problems.push(
      truncated
        ? {
            code: 'AUDIT_ARCHIVE_TRUNCATED',
            kind: 'truncated file',
            message: `归档文件被截断：gzip 数据在 ${fs.statSync(file).size} 字节处提前结束，只读到 ${result.rows} / ${manifest.rows} 条记录`,
          }
        : {
            code: 'AUDIT_ARCHIVE_CORRUPT',
            kind: 'corrupt file',
            message: `归档文件不是完整的 gzip 数据（${readError.message}）：文件被改动或损坏，读到 ${result.rows} / ${manifest.rows} 条记录`,
          },
    );
  } else {
    result.sha256 = sha256.digest('hex');
    result.sm3 = sm3.digest('hex');
    if (result.sha256 !== manifest.sha256 || result.sm3 !== manifest.sm3) {
      problems.push({
        code: 'AUDIT_ARCHIVE_DIGEST_MISMATCH',
        kind: 'digest mismatch',
        message: `归档文件的 SHA-256 / SM3 与清单不符（文件 SHA-256 ${result.sha256}，清单 ${manifest.sha256}）：文件在归档后被改动或替换`,
      });
    }
  }
  opts.onProgress?.(result.rows, manifest.rows);

  // Each chain as the signed manifest states it: count and both ends. A chain that ends early after a clean read is
  // a file cut at a line and compressed again.
  for (const c of manifest.chains) {
    const s = seen.get(c.park);
    if (!s) {
      if (!readError) {
        problems.push({
          code: 'AUDIT_ARCHIVE_CHAIN_MISMATCH',
          kind: 'chain mismatch',
          parkId: c.park,
          seq: c.firstSeq,
          message: `园区 ${c.park} 的 ${c.rows} 条记录（第 ${c.firstSeq}–${c.lastSeq} 条）不在文件中：被删除或文件被截断`,
        });
      }
      continue;
    }
    if (s.firstSeq === c.firstSeq && s.firstHash !== c.firstHash) {
      problems.push({
        code: 'AUDIT_ARCHIVE_CHAIN_MISMATCH',
        kind: 'chain mismatch',
        parkId: c.park,
        seq: c.firstSeq,
        message: `园区 ${c.park} 第 ${c.firstSeq} 条（链首）的哈希与清单不符`,
      });
    }
    if (readError) continue;
    if (s.lastSeq < c.lastSeq) {
      problems.push({
        code: 'AUDIT_ARCHIVE_TRUNCATED',
        kind: 'truncated file',
        parkId: c.park,
        seq: s.lastSeq + 1,
        message: `归档文件被截断：园区 ${c.park} 的链止于第 ${s.lastSeq} 条，清单记到第 ${c.lastSeq} 条（第 ${s.lastSeq + 1}–${c.lastSeq} 条不在文件中）`,
      });
    } else if (s.lastSeq !== c.lastSeq || s.lastHash !== c.lastHash || s.rows !== c.rows) {
      problems.push({
        code: 'AUDIT_ARCHIVE_CHAIN_MISMATCH',
        kind: 'chain mismatch',
        parkId: c.park,
        seq: s.lastSeq,
        id: s.lastId,
        message: `园区 ${c.park} 的链与清单不符：文件 ${s.rows} 条、止于第 ${s.lastSeq} 条，清单 ${c.rows} 条、止于第 ${c.lastSeq} 条${s.lastSeq === c.lastSeq && s.lastHash !== c.lastHash ? '（链尾哈希不同）' : ''}`,
      });
    }
  }

  if (opts.previousManifestFile) checkPrevious(opts.previousManifestFile, opts.key, manifest, seen, problems);
  return done();
}

/** Each chain's first row links to the last row the month before held of it, as that month's signed manifest says. */
function checkPrevious(
  file: string,
  key: string,
  manifest: ArchiveManifest,
  seen: Map<string, ChainState>,
  problems: ArchiveProblem[],
): void {
  const read = readManifest(path.resolve(file));
  const bad = (message: string) =>
    problems.push({ code: 'AUDIT_ARCHIVE_PREVIOUS_MISMATCH', kind: 'previous month mismatch', message });
  if ('error' in read) return void bad(`--previous：${read.error}`);
  const prev = read.manifest;
  if (prev.keyId !== auditKeyId(key) || !sameDigest(archiveMac(key, recordOf(prev)), prev.mac)) {
    return void bad(`--previous：清单 ${file} 的签名不符（被改动，或由另一把审计密钥签名）`);
  }
  const before = (() => {
    try {
      return parseMonth(manifest.month).index - 1 === parseMonth(prev.month).index;
    } catch {
      return false;
    }
  })();
  if (!before) return void bad(`--previous：清单 ${file} 是 ${prev.month} 的，不是 ${manifest.month} 的前一个月`);
  for (const c of prev.chains) {
    const s = seen.get(c.park);
    // A chain without rows this month continues in a later one; a chain that starts this month links to nothing here.
    if (!s || s.firstSeq !== c.lastSeq + 1) continue;
    if (s.firstPrevHash !== c.lastHash) {
      problems.push({
        code: 'AUDIT_ARCHIVE_PREVIOUS_MISMATCH',
        kind: 'previous month mismatch',
        parkId: c.park,
        seq: s.firstSeq,
        message: `园区 ${c.park} 第 ${s.firstSeq} 条所记的前序哈希与 ${prev.month} 归档的链尾（第 ${c.lastSeq} 条）不符`,
      });
    }
  }
}
