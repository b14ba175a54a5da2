// Demo data generator: one park's organisations and enterprise registry, from a seed.
// Pure and deterministic: no database, no clock, no Math.random. Same spec → same output, byte for byte.
// The default demo follows the committee's own half-year summary: 41 own-site (独立选址) and 246 leased (租赁)
// enterprises, covering the key areas it names (金属冶炼、烟花爆竹零售、粉尘涉爆、涉氨涉氯、有限空间、消防重点监管单位、
// 人员密集场所、建筑施工). generateEnterprises streams the same sequence in batches for very large databases.
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { industryByCode } from '../../../../shared/src/industries';
import { usccCheckChar } from '../../../../shared/src/uscc';
import {
  AREAS,
  type AreaName,
  BRAND_BLOCKLIST,
  BRAND_FIRST,
  BRAND_SECOND,
  type BusinessProfile,
  COMMUNITIES,
  GIVEN_CHARS,
  MOBILE_PREFIXES,
  ORG_FORMS,
  PREFECTURE_CODES,
  PROFILES,
  SURNAMES,
  VILLAGES,
} from './names';

type SupervisionTag = (typeof SUPERVISION_TAGS)[number];

export interface DemoParkSpec {
  seed: number;
  ownSite: number;
  leased: number;
  /** The generator's "now": production dates fall before it, a handful within its last six months (Asia/Shanghai date). */
  today: Date;
  parkName?: string;
  parkCode?: string;
}

export interface DemoOrganisation {
  key: string;
  kind: 'committee' | 'department' | 'village' | 'service_provider';
  name: string;
  contactPerson: string;
  contactPhone: string;
}

export interface DemoEnterprise {
  key: string;
  name: string;
  creditCode: string;
  address: string;
  area: string;
  siteType: 'ownSite' | 'leased';
  landlordKey: string | null;
  legalRepresentative: string;
  principalName: string;
  principalPhone: string;
  safetyManagerName: string;
  safetyManagerPhone: string;
  employees: number;
  industryCode: string;
  scale: 'aboveScale' | 'sme';
  status: 'operating' | 'suspended' | 'pendingResumption' | 'cancelled';
  productionStartDate: string /* YYYY-MM-DD */;
  supervisionTags: string[];
}

export interface DemoPark {
  park: { code: string; name: string; region: string };
  organisations: DemoOrganisation[];
  /** Own-site enterprises first, then leased ones. */
  enterprises: DemoEnterprise[];
}

/** The seed document's registry: 41 own-site and 246 leased enterprises. */
export const DEMO_DEFAULT_COUNTS = { ownSite: 41, leased: 246 } as const;
export const DEMO_DEFAULT_PARK = { code: 'gxq', name: '高新区', region: '某市' } as const;

// ---------------------------------------------------------------- PRNG

/** Seeded pseudo-random source (mulberry32) with the draws the generators need. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Index drawn with the given non-negative weights (at least one positive). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  /** Log-uniform integer in [min, max]: small values common, large ones rarer (company sizes). */
  logInt(min: number, max: number): number {
    const v = Math.exp(Math.log(min) + this.next() * (Math.log(max + 1) - Math.log(min)));
    return Math.min(max, Math.max(min, Math.floor(v)));
  }
  /** Fisher–Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
}

/** 32-bit hash of a string (FNV-1a with a final avalanche), to derive independent streams from one seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** An independent random stream for one purpose ('enterprises', 'organisations', …) of a seed. */
export function createRng(seed: number, stream = ''): Rng {
  return new Rng(hash32(`${seed}/${stream}`));
}

// ---------------------------------------------------------------- codes

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Check character of a GB 11714 organisation code (组织机构代码) over its 8-character body:
 * C9 = 11 − Σ(value × weight) mod 11, digits count their value and letters A–Z 10–35; 10 → 'X', 11 → '0'.
 */
export function orgCodeCheckChar(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) throw new RangeError(`organisation code body must be 8 of 0-9A-Z: ${body}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * ORG_WEIGHTS[i]!;
  }
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

/**
 * A keyed bijection of [0, half²): a balanced Feistel network over Z_half × Z_half. Distinct inputs give distinct
 * outputs, so the n-th code of a kind is unique without remembering the ones already issued.
 */
function feistel(n: number, half: number, keys: readonly number[]): number {
  let l = Math.floor(n / half);
  let r = n % half;
  for (const k of keys) {
    const next = (l + (mix32(r ^ k) % half)) % half;
    l = r;
    r = next;
  }
  return l * half + r;
}

const DIGITS_HALF = 10_000; // legacy 8-digit organisation codes: 10⁴ × 10⁴
const MA_HALF = 31 ** 3; // post-2015 'MA' + 6 characters of the USCC alphabet: 31³ × 31³

class CreditCodes {
  private legacyIssued = 0;
  private newIssued = 0;
  private readonly keys: number[];
  constructor(rng: Rng) {
    this.keys = [0, 1, 2, 3].map(() => Math.floor(rng.next() * 4294967296));
  }
  /**
   * 统一社会信用代码 (GB 32100): '9' (registered by market regulation) + '1' (company) + 6-digit division + 9-char
   * organisation code (8 + its GB 11714 check character) + check character. Companies registered before the reform
   * carry their old numeric organisation code; later ones get an 'MA…' code.
   */
  issue(division: string, registeredAfterReform: boolean): string {
    let body: string;
    if (registeredAfterReform) {
      let v = feistel(this.newIssued++, MA_HALF, this.keys);
      let s = '';
      for (let i = 0; i < 6; i++) {
        s = USCC_ALPHABET[v % 31]! + s;
        v = Math.floor(v / 31);
      }
      body = `MA${s}`;
    } else {
      body = String(feistel(this.legacyIssued++, DIGITS_HALF, this.keys)).padStart(8, '0');
    }
    const first17 = `91${division}${body}${orgCodeCheckChar(body)}`;
    return first17 + usccCheckChar(first17)!;
  }
}

// ---------------------------------------------------------------- people, dates

function personName(rng: Rng): string {
  // Favour common surnames: square the uniform draw towards the head of the list.
  const surname = SURNAMES[Math.floor(rng.next() ** 2 * SURNAMES.length)]!;
  const first = rng.pick(GIVEN_CHARS);
  if (rng.chance(0.3)) return surname + first;
  let second = rng.pick(GIVEN_CHARS);
  if (second === first && rng.chance(0.8)) second = rng.pick(GIVEN_CHARS);
  return surname + first + second;
}

function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const EARLIEST_START = Date.UTC(2005, 0, 1) / DAY_MS;

/** Days since 1970-01-01 of the calendar date in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiDay(d: Date): number {
  return Math.floor((d.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

const isoDays = new Map<number, string>();
function isoDay(day: number): string {
  let s = isoDays.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDays.set(day, s);
  }
  return s;
}

// ---------------------------------------------------------------- enterprises

const SITE_DEFAULT_EMPLOYEES = { ownSite: [50, 1200], leased: [5, 300] } as const;

/** Own-site profiles placed early so every key area of the seed shows up even in a small park (in priority order). */
const OWN_SITE_GUARANTEES = [
  'parkOperator',
  'developer',
  'steel',
  'organicChemicals',
  'chlorAlkali',
  'coldStorage',
  'sewage',
  'plywood',
  'ironCasting',
  'beer',
  'hotel',
  'developer',
  'waterSupply',
  'parkOperator',
];
const LEASED_GUARANTEES = [
  'fireworks',
  'supermarket',
  'construction',
  'karaoke',
  'polishing',
  'fireworks',
  'frozenFood',
  'restaurant',
  'fireworks',
  'budgetHotel',
  'decoration',
];
/** Newly commissioned enterprises (production started in the last six months) placed early: own-site, leased. */
const NEW_GUARANTEES = { ownSite: 1, leased: 3 } as const;
const GUARANTEE_WINDOW = 400;

const PROFILE_BY_ID = new Map(PROFILES.map((p) => [p.id, p]));
const OWN_PROFILES = PROFILES.filter((p) => p.own > 0);
const OWN_WEIGHTS = OWN_PROFILES.map((p) => p.own);
const LEASED_PROFILES = PROFILES.filter((p) => p.leased > 0);
const LEASED_WEIGHTS = LEASED_PROFILES.map((p) => p.leased);
const AREA_BY_NAME = new Map<string, (typeof AREAS)[number]>(AREAS.map((a) => [a.name, a]));
const TAG_ORDER = new Map<string, number>(SUPERVISION_TAGS.map((t, i) => [t, i]));

interface Landlord {
  key: string;
  area: AreaName;
  address: string;
  /** A park developer or operator (offices and shops to let), not a manufacturer renting out spare buildings. */
  commercial: boolean;
  startDay: number;
}

/** Landlords with their weights; append-only, drawn by binary search over the running total. */
class LandlordPool {
  private readonly items: Landlord[] = [];
  private readonly cumulative: number[] = [];
  add(landlord: Landlord, weight: number): void {
    this.items.push(landlord);
    this.cumulative.push((this.cumulative.at(-1) ?? 0) + weight);
  }
  get size(): number {
    return this.items.length;
  }
  draw(rng: Rng): Landlord {
    const r = rng.next() * this.cumulative.at(-1)!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** All landlords, the commercial ones, and both per area. */
class Landlords {
  private readonly all = new LandlordPool();
  private readonly commercial = new LandlordPool();
  private readonly byArea = new Map<string, { all: LandlordPool; commercial: LandlordPool }>();

  add(landlord: Landlord, weight: number): void {
    let area = this.byArea.get(landlord.area);
    if (!area) {
      area = { all: new LandlordPool(), commercial: new LandlordPool() };
      this.byArea.set(landlord.area, area);
    }
    this.all.add(landlord, weight);
    area.all.add(landlord, weight);
    if (landlord.commercial) {
      this.commercial.add(landlord, weight);
      area.commercial.add(landlord, weight);
    }
  }

  /**
   * A landlord in the wanted area if there is one, else anywhere; offices and shops prefer developers' buildings.
   * null when the park has no own-site enterprise to rent from.
   */
  draw(rng: Rng, area: AreaName, wantsCommercial: boolean): Landlord | null {
    const local = this.byArea.get(area);
    const candidates = wantsCommercial
      ? [local?.commercial, local?.all, this.commercial, this.all]
      : [local?.all, this.all];
    for (const pool of candidates) if (pool && pool.size > 0) return pool.draw(rng);
    return null;
  }
}

interface Plan {
  profiles: Map<number, BusinessProfile>;
  fresh: Set<number>;
}

function planGuarantees(rng: Rng, count: number, guarantees: readonly string[], fresh: number): Plan {
  const window = Math.min(count, GUARANTEE_WINDOW);
  const slots = rng.shuffled(Array.from({ length: window }, (_, i) => i));
  const profiles = new Map<number, BusinessProfile>();
  guarantees.slice(0, window).forEach((id, i) => {
    profiles.set(slots[i]!, PROFILE_BY_ID.get(id)!);
  });
  const freshSlots = rng.shuffled(slots).slice(0, Math.min(fresh, window));
  return { profiles, fresh: new Set(freshSlots) };
}

function validate(spec: DemoParkSpec): void {
  for (const k of ['ownSite', 'leased'] as const) {
    const n = spec[k];
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${k} must be a non-negative integer, got ${n}`);
  }
  if (!Number.isFinite(spec.seed)) throw new RangeError(`seed must be a finite number, got ${spec.seed}`);
  if (!(spec.today instanceof Date) || Number.isNaN(spec.today.getTime()))
    throw new RangeError('today must be a valid Date');
}

class EnterpriseFactory {
  private readonly rng: Rng;
  private readonly codes: CreditCodes;
  private readonly parkName: string;
  private readonly homeDivision: string;
  private readonly todayDay: number;
  private readonly names = new Set<string>();
  private readonly ownAddresses = new Set<string>();
  private readonly landlords = new Landlords();
  private readonly ownPlan: Plan;
  private readonly leasedPlan: Plan;

  constructor(spec: DemoParkSpec) {
    this.rng = createRng(spec.seed, 'enterprises');
    this.codes = new CreditCodes(createRng(spec.seed, 'credit-codes'));
    this.parkName = spec.parkName ?? DEMO_DEFAULT_PARK.name;
    this.homeDivision = this.rng.pick(PREFECTURE_CODES);
    this.todayDay = shanghaiDay(spec.today);
    const planRng = createRng(spec.seed, 'plan');
    this.ownPlan = planGuarantees(planRng, spec.ownSite, OWN_SITE_GUARANTEES, NEW_GUARANTEES.ownSite);
    this.leasedPlan = planGuarantees(planRng, spec.leased, LEASED_GUARANTEES, NEW_GUARANTEES.leased);
  }

  ownSite(index: number): DemoEnterprise {
    const rng = this.rng;
    const profile = this.ownPlan.profiles.get(index) ?? OWN_PROFILES[rng.weightedIndex(OWN_WEIGHTS)]!;
    const area = this.areaFor(profile);
    const address = this.ownAddress(area);
    const key = `own-${String(index + 1).padStart(4, '0')}`;
    const { enterprise: e, startDay } = this.build(
      key,
      'ownSite',
      profile,
      area,
      address,
      null,
      this.ownPlan.fresh.has(index),
    );
    // Developers let their standard plants and office buildings; large manufacturers let spare buildings now and then.
    // Nobody rents from a cancelled enterprise, a hazardous-chemicals site or a plant still being commissioned.
    const established = startDay <= this.todayDay - 183;
    if (established && e.status !== 'cancelled' && !e.supervisionTags.includes('hazardousChemicals')) {
      const weight = profile.landlord ?? (e.employees >= 200 ? 1 : 0);
      if (weight > 0) {
        this.landlords.add({ key, area, address, commercial: profile.landlord !== undefined, startDay }, weight);
      }
    }
    return e;
  }

  leased(index: number): DemoEnterprise {
    const rng = this.rng;
    const profile = this.leasedPlan.profiles.get(index) ?? LEASED_PROFILES[rng.weightedIndex(LEASED_WEIGHTS)]!;
    const key = `lease-${String(index + 1).padStart(4, '0')}`;
    const wanted = this.areaFor(profile);
    const landlord = this.landlords.draw(rng, wanted, profile.premises === 'office' || profile.premises === 'shop');
    const area = landlord?.area ?? wanted;
    const base = landlord?.address ?? this.ownAddress(area);
    const address = base + this.unit(profile, landlord?.commercial ?? false);
    const fresh = this.leasedPlan.fresh.has(index);
    return this.build(key, 'leased', profile, area, address, landlord, fresh).enterprise;
  }

  private areaFor(profile: BusinessProfile): AreaName {
    return profile.areas && this.rng.chance(0.85) ? this.rng.pick(profile.areas) : this.rng.pick(AREAS).name;
  }

  private ownAddress(area: AreaName): string {
    const roads = AREA_BY_NAME.get(area)!.roads;
    let address = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      address = `${this.parkName}${this.rng.pick(roads)}${this.rng.int(1, 399)}号`;
      if (!this.ownAddresses.has(address)) break;
    }
    this.ownAddresses.add(address);
    return address;
  }

  /** The rented unit appended to the landlord's address. */
  private unit(profile: BusinessProfile, commercialLandlord: boolean): string {
    const rng = this.rng;
    switch (profile.premises) {
      case 'plant':
        return rng.chance(0.85) ? `${rng.int(1, 16)}号厂房` : `${rng.int(1, 6)}号车间`;
      case 'warehouse':
        return `${rng.int(1, 12)}号仓库`;
      case 'office':
        return commercialLandlord
          ? `${rng.int(1, 9)}号楼${rng.int(1, 16)}${String(rng.int(1, 20)).padStart(2, '0')}室`
          : `综合楼${rng.int(1, 5)}${String(rng.int(1, 20)).padStart(2, '0')}室`;
      case 'shop':
        return rng.chance(0.5) ? `商业综合楼${rng.int(1, 4)}层` : `${rng.int(1, 40)}号商铺`;
    }
  }

  private build(
    key: string,
    siteType: 'ownSite' | 'leased',
    profile: BusinessProfile,
    area: AreaName,
    address: string,
    landlord: Landlord | null,
    forcedFresh: boolean,
  ): { enterprise: DemoEnterprise; startDay: number } {
    const rng = this.rng;
    const industry = industryByCode(profile.industry);
    if (!industry) throw new Error(`profile ${profile.id} names unknown industry ${profile.industry}`);

    const [siteLo, siteHi] = SITE_DEFAULT_EMPLOYEES[siteType];
    let [lo, hi] = profile.employees ?? [siteLo, siteHi];
    lo = Math.max(lo, siteLo);
    hi = Math.min(hi, siteHi);
    if (lo > hi) [lo, hi] = [siteLo, siteHi];
    const employees = rng.logInt(lo, hi);

    const pAbove =
      employees >= 300 ? 0.85 : employees >= 150 ? 0.55 : employees >= 80 ? 0.3 : employees >= 30 ? 0.12 : 0.03;
    const scale = rng.chance(pAbove) ? 'aboveScale' : 'sme';

    const fresh = forcedFresh || rng.chance(0.01);
    const landlordProfile = profile.landlord !== undefined;
    let status: DemoEnterprise['status'] = 'operating';
    if (!fresh && !landlordProfile) {
      const r = rng.next();
      status = r < 0.88 ? 'operating' : r < 0.93 ? 'pendingResumption' : r < 0.97 ? 'suspended' : 'cancelled';
    }

    // Production starts between 2005 and six months ago — a tenant not before its landlord's building stood —
    // or, for the newly commissioned, within the last six months.
    const latest = this.todayDay - 183;
    let earliest = Math.min(EARLIEST_START, latest - 365);
    if (landlord) earliest = Math.max(earliest, Math.min(landlord.startDay + 30, latest));
    const startDay = fresh ? this.todayDay - rng.int(7, 175) : rng.int(earliest, latest);
    const startYear = Number(isoDay(startDay).slice(0, 4));
    const registeredYear = startYear - rng.int(0, 2);
    const afterReform = registeredYear >= 2016 || (registeredYear === 2015 && rng.chance(0.5));
    const division = rng.chance(0.9) ? this.homeDivision : rng.pick(PREFECTURE_CODES);
    const creditCode = this.codes.issue(division, afterReform);

    const tags = new Set<SupervisionTag>([...industry.typicalTags, ...(profile.extraTags ?? [])]);
    const processIndustry = /^C(1[3-5]|2[67])/.test(industry.code);
    if (processIndustry && rng.chance(0.25)) tags.add('confinedSpace');
    if (
      employees >= 300 ||
      (tags.has('hazardousChemicals') && siteType === 'ownSite') ||
      (tags.has('crowdedPlace') && employees >= 40) ||
      (scale === 'aboveScale' && rng.chance(0.35))
    ) {
      tags.add('fireSafetyKeyUnit');
    }
    if (rng.chance(Math.min(1, profile.special + (employees >= 100 ? 0.3 : 0)))) tags.add('specialEquipmentUser');
    const supervisionTags = [...tags].sort((a, b) => TAG_ORDER.get(a)! - TAG_ORDER.get(b)!);

    const legalRepresentative = personName(rng);
    const principalName = rng.chance(0.6) ? legalRepresentative : personName(rng);
    const principalPhone = mobile(rng);
    let safetyManagerName: string;
    let safetyManagerPhone: string;
    if (employees < 10 && rng.chance(0.5)) {
      // A small shop's principal often doubles as its safety manager (兼职安全管理人员).
      safetyManagerName = principalName;
      safetyManagerPhone = principalPhone;
    } else {
      safetyManagerName = personName(rng);
      if (safetyManagerName === principalName) safetyManagerName = personName(rng);
      safetyManagerPhone = mobile(rng);
    }

    const enterprise: DemoEnterprise = {
      key,
      name: this.companyName(profile, scale === 'aboveScale' && employees >= 150),
      creditCode,
      address,
      area,
      siteType,
      landlordKey: landlord?.key ?? null,
      legalRepresentative,
      principalName,
      principalPhone,
      safetyManagerName,
      safetyManagerPhone,
      employees,
      industryCode: industry.code,
      scale,
      status,
      productionStartDate: isoDay(startDay),
      supervisionTags,
    };
    return { enterprise, startDay };
  }

  /** 字号 + business words + organisational form, unique within the park. */
  private companyName(profile: BusinessProfile, large: boolean): string {
    const rng = this.rng;
    const forms = ORG_FORMS[profile.forms].filter(([form]) => large || form !== '股份有限公司');
    const formWeights = forms.map(([, w]) => w);
    for (let attempt = 0; ; attempt++) {
      let brand = this.brand();
      // Once the two-character trade names of a busy profile run thin, fall back to three characters.
      if (attempt >= 40) brand += rng.pick(BRAND_SECOND);
      const word = rng.pick(profile.words);
      let form: string = forms[rng.weightedIndex(formWeights)]![0];
      if (word.endsWith('科技') && form.startsWith('科技')) form = form.slice(2);
      const name = brand + word + form;
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  private brand(): string {
    for (;;) {
      const a = this.rng.pick(BRAND_FIRST);
      const b = this.rng.pick(BRAND_SECOND);
      if (a !== b && !BRAND_BLOCKLIST.has(a + b)) return a + b;
    }
  }
}

/**
 * Streams the enterprises of generateDemoPark(spec) — own-site first, then leased — in batches of batchSize, so that
 * very large databases (100,000 enterprises) can be filled without building every row first. Only the issued names,
 * own-site addresses and landlords are remembered between batches.
 */
export function* generateEnterprises(spec: DemoParkSpec, batchSize: number): Generator<DemoEnterprise[]> {
  validate(spec);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be ≥ 1, got ${batchSize}`);
  const factory = new EnterpriseFactory(spec);
  let batch: DemoEnterprise[] = [];
  for (let i = 0; i < spec.ownSite; i++) {
    batch.push(factory.ownSite(i));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  for (let i = 0; i < spec.leased; i++) {
    batch.push(factory.leased(i));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

// ---------------------------------------------------------------- organisations

const DEPARTMENTS: readonly { key: string; name: (park: string) => string }[] = [
  { key: 'dept-emergency', name: () => '区应急管理局' },
  { key: 'dept-market', name: (park) => `${park}市场监督管理所` },
  { key: 'dept-fire', name: (park) => `${park}消防救援站` },
  { key: 'dept-enforcement', name: (park) => `${park}综合行政执法队` },
  { key: 'dept-police', name: (park) => `${park}派出所` },
  { key: 'dept-traffic', name: (park) => `区公安分局交通警察大队${park}中队` },
  { key: 'dept-transport', name: () => '区交通运输局' },
  { key: 'dept-commerce', name: () => '区商务局' },
  { key: 'dept-construction', name: (park) => `${park}规划建设局` },
];

function generateOrganisations(spec: DemoParkSpec, parkName: string): DemoOrganisation[] {
  const rng = createRng(spec.seed, 'organisations');
  const contact = () => ({ contactPerson: personName(rng), contactPhone: mobile(rng) });
  const brand = () => {
    for (;;) {
      const b = rng.pick(BRAND_FIRST) + rng.pick(BRAND_SECOND);
      if (b[0] !== b[1] && !BRAND_BLOCKLIST.has(b)) return b;
    }
  };
  const orgs: DemoOrganisation[] = [
    { key: 'committee', kind: 'committee', name: `${parkName}管委会安全生产监督管理办公室`, ...contact() },
  ];
  for (const d of DEPARTMENTS) orgs.push({ key: d.key, kind: 'department', name: d.name(parkName), ...contact() });
  const villages = rng.shuffled(VILLAGES).slice(0, 3);
  const communities = rng.shuffled(COMMUNITIES).slice(0, 2);
  [...villages.map((v) => `${v}村村民委员会`), ...communities.map((c) => `${c}社区居民委员会`)].forEach((name, i) => {
    orgs.push({ key: `village-${i + 1}`, kind: 'village', name, ...contact() });
  });
  orgs.push({ key: 'provider-fire', kind: 'service_provider', name: `${brand()}消防技术服务有限公司`, ...contact() });
  orgs.push({ key: 'provider-safety', kind: 'service_provider', name: `${brand()}安全技术咨询有限公司`, ...contact() });
  orgs.push({ key: 'provider-training', kind: 'service_provider', name: `${brand()}安全培训有限公司`, ...contact() });
  return orgs;
}

/**
 * One park's demo data: the park, its organisations (committee office, member departments, villages and
 * communities, third-party service providers; keys 'committee', 'dept-market', 'village-1', 'provider-fire', …) and
 * its enterprise registry. Enterprise keys are 'own-0001'… and 'lease-0001'…; a leased enterprise's landlordKey names
 * an own-site enterprise of the same park.
 */
export function generateDemoPark(spec: DemoParkSpec): DemoPark {
  validate(spec);
  const park = {
    code: spec.parkCode ?? DEMO_DEFAULT_PARK.code,
    name: spec.parkName ?? DEMO_DEFAULT_PARK.name,
    region: DEMO_DEFAULT_PARK.region,
  };
  const enterprises: DemoEnterprise[] = [];
  for (const batch of generateEnterprises(spec, 1000)) enterprises.push(...batch);
  return { park, organisations: generateOrganisations(spec, park.name), enterprises };
}
