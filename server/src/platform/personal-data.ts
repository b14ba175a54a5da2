// Personal data at rest (等保 2.0 三级: confidentiality of personal information in storage). Phone numbers are stored
// encrypted with SM4 and authenticated (encrypt-then-MAC: SM4-CBC + HMAC-SM3 — Node 20's OpenSSL offers sm4-cbc but
// no SM4-GCM), searched through a keyed SM3 digest, and shown masked (138****1234). The key comes from
// PARKSAFE_DATA_KEY or DATA_DIR/data.key, never from the database; the database keeps only a key check value so a
// server started with another key refuses to start instead of serving garbage.
//
// A stored value is `sm4:<key id>:<base64url(iv ‖ ciphertext ‖ mac)>` in the same column the clear value used to
// have: every reader of the column (raw SQL included) gets either a sealed value or, for rows not yet backfilled, the
// old clear text — `open` accepts both, and the start-up backfill seals what is left.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, rows } from './db';

const PREFIX = 'sm4:';

export class PersonalDataKey {
  /** Short public fingerprint of the key, stored in every sealed value so rotation knows which key sealed it. */
  readonly id: string;
  /** Key check value kept in the database: proves at start-up that this key is the one the data was sealed with. */
  readonly checkValue: string;
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly digestKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('个人信息加密密钥（PARKSAFE_DATA_KEY）至少需要 32 个字符');
    // Separate keys for each purpose, derived with HMAC-SM3 so one never leaks through another's use.
    const derive = (label: string) => createHmac('sm3', secret).update(`parksafe:personal-data:${label}`).digest();
    this.encKey = derive('enc').subarray(0, 16); // SM4 keys are 128 bits
    this.macKey = derive('mac');
    this.digestKey = derive('digest');
    this.id = derive('id').toString('hex').slice(0, 8);
    this.checkValue = derive('check').toString('hex');
  }

  seal(plain: string): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = this.mac(iv, ct);
    return `${PREFIX}${this.id}:${Buffer.concat([iv, ct, mac]).toString('base64url')}`;
  }

  /** The clear value of a sealed one; throws PersonalDataError when it was sealed with another key or altered. */
  open(sealed: string): string {
    const [, kid, body] = sealed.split(':');
    if (kid !== this.id || !body) throw new PersonalDataError('个人信息由另一把密钥加密，当前密钥无法解密');
    const raw = Buffer.from(body, 'base64url');
    if (raw.length < 16 + 16 + 32) throw new PersonalDataError('个人信息密文不完整（数据被修改）');
    const iv = raw.subarray(0, 16);
    const ct = raw.subarray(16, raw.length - 32);
    const mac = raw.subarray(raw.length - 32);
    if (!timingSafeEqual(mac, this.mac(iv, ct))) throw new PersonalDataError('个人信息密文校验失败（数据被修改）');
    const decipher = createDecipheriv('sm4-cbc', this.encKey, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  }

  /** Keyed SM3 digest of a phone for exact-match search (digits only, so 0512-6666 8888 and 051266668888 agree). */
  digest(value: string): string {
    return createHmac('sm3', this.digestKey).update(normalise(value)).digest('hex');
  }

  private mac(iv: Buffer, ct: Buffer): Buffer {
    return createHmac('sm3', this.macKey).update(`v1:${this.id}:`).update(iv).update(ct).digest();
  }
}

export class PersonalDataError extends Error {}

const normalise = (v: string) => v.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

export const isSealed = (v: string | null | undefined): v is string => typeof v === 'string' && v.startsWith(PREFIX);

/** The id of the key a sealed value was sealed with. */
export const sealedKeyId = (v: string): string => v.slice(PREFIX.length, PREFIX.length + 8);

let active: PersonalDataKey | null = null;

/** Sets this process's key (at start-up, from the config), like the audit key. */
export function configurePersonalDataKey(secret: string): PersonalDataKey {
  active = new PersonalDataKey(secret);
  return active;
}

export function personalDataKey(): PersonalDataKey {
  if (!active) throw new Error('个人信息加密密钥未配置（configurePersonalDataKey）');
  return active;
}

/** Seals a value for storage (null and '' stay null; an already sealed value is kept as it is). */
export function seal(v: string | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  return isSealed(v) ? v : personalDataKey().seal(v);
}

/** The clear value of a stored one; a value not yet sealed (before the backfill) is returned as it is. */
export function open(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return isSealed(v) ? personalDataKey().open(v) : v;
}

export function digest(v: string | null | undefined): string | null {
  return v ? personalDataKey().digest(v) : null;
}

/** 138****1234; a landline keeps its area code and last 4 (0512-****8888); anything short shows only its end. */
export function maskPhone(v: string | null | undefined): string | null {
  if (!v) return v ?? null;
  const s = v.trim();
  if (/^1\d{10}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(7)}`;
  const landline = /^(0\d{2,3})(-?)(\d{7,8})$/.exec(s);
  if (landline) return `${landline[1]}${landline[2]}****${landline[3]!.slice(-4)}`;
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

/**
 * 3201**********1234: an ID card number (or any number of 10+ characters, such as a 特种作业操作证 number) keeps its
 * first 4 and last 4; a shorter one keeps only its last 2 (6–9 characters: 6 of 8 hidden), 5 or fewer are all hidden.
 */
export function maskIdNumber(v: string | null | undefined): string | null {
  if (!v) return v ?? null;
  const s = v.trim();
  if (s.length <= 5) return '*'.repeat(s.length);
  if (s.length < 10) return `${'*'.repeat(s.length - 2)}${s.slice(-2)}`;
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** A stored ID-card-like number (a 特种作业操作证 number) as the API shows it: opened, then masked. */
export const maskedIdNumber = (stored: string | null | undefined) => maskIdNumber(open(stored));

/** A stored ID-card-like number as an export shows it: in full for the roles of CLEAR_EXPORT_ROLES, masked otherwise. */
export const exportIdNumber = (stored: string | null | undefined, clear: boolean) =>
  (clear ? open(stored) : maskedIdNumber(stored)) ?? '';

/** A stored phone as the API shows it: opened, then masked. */
export const maskedPhone = (stored: string | null | undefined) => maskPhone(open(stored));

/**
 * Roles whose exports carry phones in full: the committee's administrators and safety supervisors (who call the
 * people). Every other role's export carries them masked, and the export's notes say which (个人信息).
 */
export const CLEAR_EXPORT_ROLES: readonly string[] = ['admin', 'supervisor'];
export const exportsClearPhones = (role: string) => CLEAR_EXPORT_ROLES.includes(role);
/** The 个人信息 line of an export's notes. */
export const exportPersonalDataNote = (clear: boolean) =>
  clear ? '未脱敏（完整电话号码，请妥善保管本文件）' : '已脱敏（电话号码部分隐藏）';
/** A stored phone as an export shows it: in full for the roles above, masked for the others. */
export const exportPhone = (stored: string | null | undefined, clear: boolean) =>
  (clear ? open(stored) : maskedPhone(stored)) ?? '';

/** Whether a value submitted by a form is a mask (a field the user left untouched) rather than a number. */
export const looksMasked = (v: string | null | undefined): boolean => typeof v === 'string' && v.includes('*');

/**
 * A phone submitted in an edit: a mask equal to the current value's mask keeps the current value (the form showed the
 * mask and the user left it alone); anything else is the new value. Returns undefined for a mask that matches nothing.
 */
export function keptPhone(
  submitted: string | null,
  currentStored: string | null | undefined,
): string | null | undefined {
  if (!looksMasked(submitted)) return submitted;
  const current = open(currentStored);
  return current && maskPhone(current) === submitted ? current : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// What is encrypted, where: the backfill and the key rotation walk this list.

/**
 * A training attendee's person key when a phone was given: the phone's keyed digest (never the number), so one
 * person's records across enterprises stay tied together and the hours list finds a person by the full number.
 */
export const PERSON_KEY_PREFIX = 'tel:';
export const phonePersonKey = (clearPhone: string): string =>
  `${PERSON_KEY_PREFIX}${personalDataKey().digest(clearPhone)}`;

export interface SealedColumn {
  table: string;
  /** text columns holding one phone each */
  columns: string[];
  /** jsonb array columns whose elements carry a `phone` property */
  jsonArrays?: string[];
  /**
   * text[] column of the digests of all the row's phones (exact-match search), or a text column for one. With
   * `prefix`, the text column holds prefix + digest when the row has a phone and is left as it is otherwise (a training
   * attendee's person_key: `tel:<digest>`, else a name key).
   */
  digests?: { column: string; of: string[]; jsonArrays?: string[]; array: boolean; prefix?: string };
  key: string[];
}

export const SEALED: SealedColumn[] = [
  {
    table: 'enterprises',
    columns: ['principal_phone', 'safety_manager_phone', 'actual_controller_phone'],
    jsonArrays: ['extra_safety_managers'],
    digests: {
      column: 'phone_digests',
      of: ['principal_phone', 'safety_manager_phone', 'actual_controller_phone'],
      jsonArrays: ['extra_safety_managers'],
      array: true,
    },
    key: ['park_id', 'id'],
  },
  { table: 'organisations', columns: ['contact_phone'], key: ['id'] },
  {
    table: 'users',
    columns: ['phone'],
    digests: { column: 'phone_digest', of: ['phone'], array: false },
    key: ['id'],
  },
  { table: 'service_providers', columns: ['contact_phone'], key: ['park_id', 'id'] },
  {
    table: 'training_attendees',
    columns: ['phone'],
    digests: { column: 'person_key', of: ['phone'], array: false, prefix: PERSON_KEY_PREFIX },
    key: ['park_id', 'id'],
  },
  { table: 'resumption_applications', columns: ['contact_phone'], key: ['park_id', 'id'] },
  {
    // 特种作业操作证 numbers (usually the holder's ID-card number): the digest carries the per park and type uniqueness.
    table: 'certificates',
    columns: ['certificate_no'],
    digests: { column: 'certificate_no_digest', of: ['certificate_no'], array: false },
    key: ['park_id', 'id'],
  },
];

type Row = Record<string, unknown>;

/** The enterprise row's phone digests (principal, safety manager, actual controller, extra safety managers). */
export function enterprisePhoneDigests(phones: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const p of phones) {
    const clear = open(p);
    if (clear) out.add(personalDataKey().digest(clear));
  }
  return [...out];
}

function sealJsonArray(value: unknown, reseal: (v: string) => string): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((e) =>
    e && typeof e === 'object' && typeof (e as Row).phone === 'string' && (e as Row).phone !== ''
      ? { ...(e as Row), phone: reseal((e as Row).phone as string) }
      : e,
  );
}

/** Opens the phones inside a jsonb array (extra safety managers). */
export function openJsonArray<T extends { phone: string | null }>(value: T[]): T[] {
  return value.map((e) => ({ ...e, phone: open(e.phone) }));
}

/** Seals the phones inside a jsonb array (extra safety managers). */
export function sealJsonPhones<T extends { phone: string | null }>(value: T[]): T[] {
  return value.map((e) => ({ ...e, phone: seal(e.phone) }));
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '')}"`);

/**
 * Re-writes every personal-data column of every row that needs it: clear values are sealed with `to` (the
 * backfill), values sealed with another key are opened with `from` and sealed with `to` (rotation), and the digests
 * are recomputed. Batches of `batch` rows, each in its own transaction; idempotent, so an interrupted run is resumed
 * by running it again. Returns how many rows were rewritten.
 */
export async function resealAll(
  db: Db,
  to: PersonalDataKey,
  opts: { from?: PersonalDataKey[]; batch?: number; log?: (msg: string) => void } = {},
): Promise<number> {
  const batch = opts.batch ?? 500;
  const keys = new Map<string, PersonalDataKey>([[to.id, to], ...(opts.from ?? []).map((k) => [k.id, k] as const)]);
  const openAny = (v: string): string => {
    if (!isSealed(v)) return v;
    const k = keys.get(sealedKeyId(v));
    if (!k) throw new PersonalDataError(`个人信息由未知密钥（${sealedKeyId(v)}）加密，无法解密`);
    return k.open(v);
  };
  const reseal = (v: string) => (isSealed(v) && sealedKeyId(v) === to.id ? v : to.seal(openAny(v)));
  let total = 0;
  for (const t of SEALED) {
    // A row needs work when a value is clear or sealed with another key, or (digests) when its digest is missing.
    const stale = (col: string) =>
      sql`(${ident(col)} is not null and ${ident(col)} <> '' and ${ident(col)} not like ${`${PREFIX}${to.id}:%`})`;
    const staleJson = (col: string) =>
      sql`exists (select 1 from jsonb_array_elements(${ident(col)}) x
                   where coalesce(x->>'phone', '') <> '' and x->>'phone' not like ${`${PREFIX}${to.id}:%`})`;
    const conds = [...t.columns.map(stale), ...(t.jsonArrays ?? []).map(staleJson)];
    if (t.digests && !t.digests.array && !t.digests.prefix) {
      const src = t.digests.of[0]!;
      conds.push(sql`(${ident(src)} is not null and ${ident(src)} <> '' and ${ident(t.digests.column)} is null)`);
    }
    const where = sql.join(conds, sql` or `);
    const keyCols = sql.join(t.key.map(ident), sql`, `);
    const cols = sql.join([...t.key, ...t.columns, ...(t.jsonArrays ?? [])].map(ident), sql`, `);
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const batchRows = await rows<Row>(
          tx,
          sql`select ${cols} from ${ident(t.table)} where ${where} order by ${keyCols} limit ${batch} for update`,
        );
        for (const r of batchRows) {
          const sets = t.columns.map((c) => {
            const v = r[c] as string | null;
            return sql`${ident(c)} = ${v ? reseal(v) : null}`;
          });
          for (const j of t.jsonArrays ?? []) {
            sets.push(sql`${ident(j)} = ${JSON.stringify(sealJsonArray(r[j], reseal))}::jsonb`);
          }
          if (t.digests) {
            const clear: string[] = [];
            for (const c of t.digests.of) if (r[c]) clear.push(openAny(r[c] as string));
            for (const j of t.digests.jsonArrays ?? []) {
              for (const e of (r[j] as Row[] | null) ?? [])
                if (typeof e?.phone === 'string' && e.phone) clear.push(openAny(e.phone));
            }
            const ds = [...new Set(clear.map((c) => to.digest(c)))];
            if (t.digests.array) sets.push(sql`${ident(t.digests.column)} = ${`{${ds.join(',')}}`}::text[]`);
            else if (!t.digests.prefix) sets.push(sql`${ident(t.digests.column)} = ${ds[0] ?? null}`);
            else if (ds[0]) sets.push(sql`${ident(t.digests.column)} = ${`${t.digests.prefix}${ds[0]}`}`);
          }
          const match = sql.join(
            t.key.map((k) => sql`${ident(k)} = ${r[k] as string}`),
            sql` and `,
          );
          await tx.execute(sql`update ${ident(t.table)} set ${sql.join(sets, sql`, `)} where ${match}`);
        }
        return batchRows.length;
      });
      total += n;
      if (n > 0) opts.log?.(`${t.table}: ${n} 行已加密`);
      if (n < batch) break;
    }
  }
  return total;
}

/** The key check value the database was sealed with (null: none recorded yet), and an unfinished rotation. */
export async function storedKeyCheck(db: Db): Promise<{ checkValue: string; rotatingTo: string | null } | null> {
  const [r] = await rows<{ check_value: string; rotating_to: string | null }>(
    db,
    sql`select check_value, rotating_to from personal_data_key where id = 1`,
  );
  return r ? { checkValue: r.check_value, rotatingTo: r.rotating_to } : null;
}

export class WrongDataKeyError extends Error {}

/**
 * Start-up: the key must be the one the data was sealed with (its check value recorded on first start), no rotation
 * may be half done; then whatever is still clear is sealed (rows written by an older version, the demo seed).
 */
export async function preparePersonalData(db: Db, secret: string, log: (msg: string) => void = () => {}) {
  // Checked before it becomes the process's key: a refused key must not replace a good one.
  const key = new PersonalDataKey(secret);
  const stored = await storedKeyCheck(db);
  if (stored?.rotatingTo) {
    throw new WrongDataKeyError(
      '个人信息密钥轮换尚未完成：请再次运行 npm run keys:rotate（使用同一把新密钥）完成轮换后再启动',
    );
  }
  if (stored && stored.checkValue !== key.checkValue) {
    throw new WrongDataKeyError(
      '个人信息加密密钥与数据库中的数据不符（密钥校验值不一致）：请检查 PARKSAFE_DATA_KEY 或 DATA_DIR/data.key 是否为加密这些数据时使用的密钥。服务拒绝启动，以免显示无法解密的数据。',
    );
  }
  if (!stored) {
    await db.execute(
      sql`insert into personal_data_key (id, key_id, check_value) values (1, ${key.id}, ${key.checkValue})
          on conflict (id) do nothing`,
    );
    // Another process may have recorded its key first: check again.
    const again = await storedKeyCheck(db);
    if (again && again.checkValue !== key.checkValue) {
      throw new WrongDataKeyError('个人信息加密密钥与数据库中的数据不符（密钥校验值不一致），服务拒绝启动');
    }
  }
  active = key;
  const n = await resealAll(db, key, { log });
  if (n > 0) log(`个人信息加密：${n} 行明文已加密`);
  return key;
}

/**
 * Re-encrypts all personal data from `current` to `next` in batches (npm run keys:rotate, servers stopped). The
 * database records the rotation first (servers refuse to start meanwhile), so a run cut short is finished by running
 * it again with the same new key: values carry the id of the key that sealed them. Returns the rows rewritten.
 */
export async function rotateDataKey(
  db: Db,
  current: PersonalDataKey,
  next: PersonalDataKey,
  opts: { batch?: number; log?: (msg: string) => void } = {},
): Promise<number> {
  const stored = await storedKeyCheck(db);
  const known = [current.checkValue, next.checkValue];
  if (stored && !known.includes(stored.checkValue)) {
    throw new WrongDataKeyError('当前密钥（PARKSAFE_DATA_KEY 或 DATA_DIR/data.key）与数据库中的数据不符，无法轮换');
  }
  if (stored?.rotatingTo && stored.rotatingTo !== next.checkValue) {
    throw new WrongDataKeyError('上次未完成的轮换使用的是另一把新密钥：请用那把新密钥再次运行');
  }
  if (stored?.checkValue === next.checkValue && !stored.rotatingTo) return 0; // already done
  await db.execute(
    sql`insert into personal_data_key (id, key_id, check_value, rotating_to)
        values (1, ${current.id}, ${current.checkValue}, ${next.checkValue})
        on conflict (id) do update set rotating_to = excluded.rotating_to`,
  );
  const n = await resealAll(db, next, { from: [current], batch: opts.batch, log: opts.log });
  await db.execute(
    sql`update personal_data_key set key_id = ${next.id}, check_value = ${next.checkValue}, rotating_to = null,
               rotated_at = now() where id = 1`,
  );
  return n;
}
