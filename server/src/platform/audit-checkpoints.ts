// Checkpoints of the audit chain heads, kept where the database credentials do not reach: an append-only JSON-lines
// file (DATA_DIR/audit-checkpoints.jsonl, or PARKSAFE_AUDIT_CHECKPOINTS) and a line in the server log. Each line is
// signed with the audit key (HMAC-SM3), so a removed tail with a reset head, or a chain recomputed by someone holding
// the key, no longer matches what a checkpoint saw. Several server processes may append to the same file (one short
// line per write, O_APPEND): every valid line is a committed state of the database, so any of them may be compared.

import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { sql } from 'drizzle-orm';
import { type AuditCheckpoint, auditKeyId, type CheckpointSet, canonicalJson, sameDigest } from './audit';
import { now } from './clock';
import { type Db, rows } from './db';

type Unsigned = Omit<AuditCheckpoint, 'mac'>;

function macOf(key: string, c: Unsigned): string {
  const { v, park, seq, hash, id, legacySeq, at, host, pid, kid } = c;
  return createHmac('sm3', key)
    .update(canonicalJson({ v, park, seq, hash, id, legacySeq, at, host, pid, kid }))
    .digest('hex');
}

export function signCheckpoint(key: string, c: Omit<Unsigned, 'kid' | 'v'>): AuditCheckpoint {
  const unsigned: Unsigned = { v: 1, ...c, kid: auditKeyId(key) };
  return { ...unsigned, mac: macOf(key, unsigned) };
}

/** The committed head of every chain, with the id of its last row and the chain's legacy boundary. */
export async function readChainHeads(db: Db) {
  const heads = await rows<{
    park_id: string;
    last_seq: string | number;
    last_hash: string;
    id: string | null;
    legacy_seq: string | number | null;
  }>(
    db,
    sql`select h.park_id, h.last_seq, h.last_hash, l.id, b.last_seq as legacy_seq
          from audit_chain_heads h
          left join audit_log l on l.park_id = h.park_id and l.seq = h.last_seq
          left join audit_legacy_boundary b on b.park_id = h.park_id
         where h.last_seq > 0
         order by h.park_id`,
  );
  return heads.map((h) => ({
    park: h.park_id,
    seq: Number(h.last_seq),
    hash: h.last_hash,
    id: h.id,
    legacySeq: Number(h.legacy_seq ?? 0),
  }));
}

/**
 * Signs the current head of each chain and appends it to the file (one write, so lines of several processes do not
 * interleave) and to the log. With `since`, chains whose head has not moved since the last call are skipped.
 * Returns the checkpoints written.
 */
export async function writeAuditCheckpoints(
  db: Db,
  opts: {
    file: string | null;
    key: string;
    log?: (checkpoint: AuditCheckpoint) => void;
    since?: Map<string, number>;
  },
): Promise<AuditCheckpoint[]> {
  const at = now().toISOString();
  const written = (await readChainHeads(db))
    .filter((h) => opts.since?.get(h.park) !== h.seq)
    .map((h) => signCheckpoint(opts.key, { ...h, at, host: os.hostname(), pid: process.pid }));
  if (written.length === 0) return written;
  if (opts.file) {
    fs.mkdirSync(path.dirname(opts.file), { recursive: true });
    fs.appendFileSync(opts.file, written.map((c) => `${JSON.stringify(c)}\n`).join(''), { mode: 0o640 });
  }
  for (const c of written) {
    opts.log?.(c);
    opts.since?.set(c.park, c.seq);
  }
  return written;
}

const looksLikeCheckpoint = (v: unknown): v is AuditCheckpoint =>
  !!v && typeof v === 'object' && 'park' in v && 'seq' in v && 'mac' in v && 'hash' in v;

/**
 * Reads checkpoint files: the checkpoint file itself, or a server log whose lines carry an `auditCheckpoint` field.
 * Lines whose MAC does not hold under the key are counted and ignored; other log lines are skipped.
 */
export async function readCheckpoints(sources: string[], key: string): Promise<CheckpointSet> {
  const set: CheckpointSet = { byPark: new Map(), invalid: 0, otherKeys: new Set(), missing: [], sources };
  const kid = auditKeyId(key);
  for (const file of sources) {
    if (!fs.existsSync(file)) {
      set.missing.push(file);
      continue;
    }
    const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        // A torn last line of a crashed writer, or a plain-text log line.
        if (line.includes('"mac"')) set.invalid++;
        continue;
      }
      const c = looksLikeCheckpoint(parsed)
        ? parsed
        : (parsed as { auditCheckpoint?: unknown } | null)?.auditCheckpoint;
      if (!looksLikeCheckpoint(c)) continue;
      const { mac, ...unsigned } = c;
      if (typeof mac !== 'string' || !sameDigest(macOf(key, unsigned), mac)) {
        set.invalid++;
        if (typeof c.kid === 'string' && c.kid !== kid) set.otherKeys.add(c.kid);
        continue;
      }
      const list = set.byPark.get(c.park) ?? [];
      list.push(c);
      set.byPark.set(c.park, list);
    }
  }
  return set;
}

/**
 * At start-up: the newest checkpoint of each chain must still match the database. Returns what does not (an empty
 * list when all is well), for a loud line in the server log; `npm run audit:verify` gives the full answer.
 */
export async function checkLatestCheckpoints(db: Db, set: CheckpointSet): Promise<string[]> {
  const problems: string[] = [];
  for (const [park, marks] of set.byPark) {
    const newest = marks.reduce((a, b) => (b.seq > a.seq ? b : a));
    const [row] = await rows<{ hash: string }>(
      db,
      sql`select hash from audit_log where park_id = ${park} and seq = ${newest.seq}`,
    );
    if (!row) problems.push(`园区 ${park}：检查点记录的第 ${newest.seq} 条（id ${newest.id ?? '-'}）已不存在`);
    else if (row.hash !== newest.hash) problems.push(`园区 ${park}：第 ${newest.seq} 条与检查点记下的摘要不符`);
  }
  return problems;
}

export interface AuditCheckpointer {
  /** Writes the heads that moved since the last checkpoint of this process. */
  tick(): Promise<void>;
  /** Stops the timer and writes a last checkpoint (clean shutdown). */
  stop(): Promise<void>;
}

/**
 * Checks the newest checkpoints against the database, writes a checkpoint of every chain now, then every `minutes`
 * for chains whose head moved, and once more at stop. A failed write is logged, never fatal to the server.
 */
export async function startAuditCheckpoints(
  db: Db,
  opts: {
    file: string | null;
    key: string;
    minutes: number;
    log: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  },
): Promise<AuditCheckpointer> {
  const since = new Map<string, number>();
  const log = (c: AuditCheckpoint) => opts.log.info({ auditCheckpoint: c }, '审计检查点');
  if (opts.file) {
    const problems = await checkLatestCheckpoints(db, await readCheckpoints([opts.file], opts.key)).catch(
      (err: Error) => [`无法读取检查点文件：${err.message}`],
    );
    if (problems.length) {
      opts.log.error(
        { auditCheckpointProblems: problems },
        `审计日志与检查点不一致（${problems.join('；')}）：请运行 npm run audit:verify`,
      );
    }
  }
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running
      .then(async () => {
        await writeAuditCheckpoints(db, { file: opts.file, key: opts.key, log, since });
      })
      .catch((err: Error) => opts.log.error({ err }, `审计检查点写入失败：${err.message}`));
    return running;
  };
  await tick();
  const timer = setInterval(() => void tick(), opts.minutes * 60_000);
  timer.unref();
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      await tick();
    },
  };
}
