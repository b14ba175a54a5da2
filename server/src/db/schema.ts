// Drizzle's view of the tables that migrations/*.sql create. The SQL files are the source of truth; keep this in step.
import {
  bigint,
  bigserial,
  boolean,
  char,
  date,
  doublePrecision,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const parks = pgTable('parks', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  region: text('region'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  parkId: uuid('park_id').notNull(),
  kind: text('kind').$type<'committee' | 'department' | 'village' | 'service_provider' | 'enterprise'>().notNull(),
  name: text('name').notNull(),
  contactPerson: text('contact_person'),
  contactPhone: text('contact_phone'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const enterprises = pgTable(
  'enterprises',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    creditCode: char('credit_code', { length: 18 }).notNull(),
    address: text('address'),
    area: text('area'),
    siteType: text('site_type').$type<'ownSite' | 'leased'>().notNull(),
    landlordEnterpriseId: uuid('landlord_enterprise_id'),
    legalRepresentative: text('legal_representative'),
    principalName: text('principal_name'),
    principalPhone: text('principal_phone'),
    safetyManagerName: text('safety_manager_name'),
    safetyManagerPhone: text('safety_manager_phone'),
    employees: integer('employees'),
    industryCode: text('industry_code'),
    scale: text('scale').$type<'aboveScale' | 'sme'>().notNull().default('sme'),
    status: text('status').$type<'operating' | 'suspended' | 'pendingResumption' | 'cancelled'>().notNull(),
    productionStartDate: date('production_start_date', { mode: 'string' }),
    supervisionTags: text('supervision_tags').array().notNull().default([]),
    actualControllerName: text('actual_controller_name'),
    actualControllerPhone: text('actual_controller_phone'),
    extraSafetyManagers: jsonb('extra_safety_managers')
      .$type<{ name: string; phone: string | null }[]>()
      .notNull()
      .default([]),
    /** HMAC-SM3 digests of the row's phones (platform/personal-data.ts), for exact-match search. */
    phoneDigests: text('phone_digests').array().notNull().default([]),
    mapX: real('map_x'),
    mapY: real('map_y'),
    // Risk graded control (0010_risk.sql): kept in step with the risk points in the same transaction.
    /** Effective level: the override when set, else the highest point's level; null = not assessed. */
    riskLevel: text('risk_level').$type<'major' | 'significant' | 'general' | 'low'>(),
    /** Rank of riskLevel for sorting (4 重大 … 1 低, 0 not assessed). */
    riskRank: smallint('risk_rank').notNull().default(0),
    riskLevelComputed: text('risk_level_computed').$type<'major' | 'significant' | 'general' | 'low'>(),
    riskOverrideLevel: text('risk_override_level').$type<'major' | 'significant' | 'general' | 'low'>(),
    riskOverrideReason: text('risk_override_reason'),
    riskOverrideBy: uuid('risk_override_by'),
    riskOverrideAt: tz('risk_override_at'),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  parkId: uuid('park_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  /** Sealed with SM4 (platform/personal-data.ts); phoneDigest finds a user by a full number. */
  phone: text('phone'),
  phoneDigest: text('phone_digest'),
  role: text('role').$type<'admin' | 'supervisor' | 'leader' | 'inspector' | 'department' | 'enterprise'>().notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  passwordChangedAt: tz('password_changed_at'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: tz('locked_until'),
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  lastLoginAt: tz('last_login_at'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  lastFailedAt: tz('last_failed_at'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
});

export const inspectorAssignments = pgTable(
  'inspector_assignments',
  {
    parkId: uuid('park_id').notNull(),
    userId: uuid('user_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.userId, t.enterpriseId] })],
);

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  parkId: uuid('park_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: tz('created_at').notNull(),
  lastSeenAt: tz('last_seen_at').notNull(),
  expiresAt: tz('expires_at').notNull(),
  revokedAt: tz('revoked_at'),
});

export const loginAttempts = pgTable('login_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  username: text('username').notNull(),
  ip: text('ip').notNull(),
  succeeded: boolean('succeeded').notNull(),
  at: tz('at').notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    parkId: uuid('park_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull().defaultRandom(),
    at: tz('at').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    actorOrganisationId: uuid('actor_organisation_id'),
    actorRole: text('actor_role'),
    ip: text('ip'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    enterpriseId: uuid('enterprise_id'),
  },
  // Partitioned by month on "at" (migration 0039): the key must hold the partition key.
  (t) => [primaryKey({ columns: [t.parkId, t.seq, t.at] })],
);

/** Months exported by npm run audit:archive and, once dropped by npm run audit:drop, when (migration 0039). */
export const auditArchives = pgTable('audit_archives', {
  month: text('month').primaryKey(),
  fromAt: tz('from_at').notNull(),
  toAt: tz('to_at').notNull(),
  rows: bigint('rows', { mode: 'number' }).notNull(),
  chains: jsonb('chains').notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  sm3: text('sm3').notNull(),
  archivedAt: tz('archived_at').notNull(),
  archivedBy: text('archived_by').notNull(),
  droppedAt: tz('dropped_at'),
  mac: text('mac').notNull(),
});

export const auditChainHeads = pgTable('audit_chain_heads', {
  parkId: uuid('park_id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});

const attached = {
  parkId: uuid('park_id').notNull(),
  id: uuid('id').notNull().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull(),
  note: text('note'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
};
const dateCol = (name: string) => date(name, { mode: 'string' });

export const majorHazardSources = pgTable(
  'major_hazard_sources',
  {
    ...attached,
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    location: text('location'),
    substances: jsonb('substances')
      .$type<{ name: string; quantityTonnes: number; criticalTonnes: number | null }[]>()
      .notNull()
      .default([]),
    identifiedDate: dateCol('identified_date'),
    filingNo: text('filing_no'),
    status: text('status').$type<'active' | 'retired'>().notNull().default('active'),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const specialEquipment = pgTable(
  'special_equipment',
  {
    ...attached,
    equipmentType: text('equipment_type').notNull(),
    name: text('name').notNull(),
    registrationNo: text('registration_no'),
    location: text('location'),
    lastInspectionDate: dateCol('last_inspection_date'),
    nextInspectionDate: dateCol('next_inspection_date'),
    status: text('status').$type<'inUse' | 'stopped' | 'scrapped'>().notNull().default('inUse'),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const emergencyPlans = pgTable(
  'emergency_plans',
  {
    ...attached,
    planKind: text('plan_kind').notNull(),
    title: text('title').notNull(),
    filingStatus: text('filing_status').notNull().default('notFiled'),
    filingNo: text('filing_no'),
    issuedDate: dateCol('issued_date'),
    lastReviewDate: dateCol('last_review_date'),
    nextReviewDate: dateCol('next_review_date'),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const certificates = pgTable(
  'certificates',
  {
    ...attached,
    holderName: text('holder_name').notNull(),
    certificateType: text('certificate_type').notNull(),
    operationItem: text('operation_item'),
    /** Sealed with SM4 (platform/personal-data.ts); unique per park and type through its keyed digest. */
    certificateNo: text('certificate_no').notNull(),
    certificateNoDigest: text('certificate_no_digest'),
    issuedDate: dateCol('issued_date'),
    expiryDate: dateCol('expiry_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const majorHazardCriteria = pgTable(
  'major_hazard_criteria',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull().default(1),
    standard: text('standard').notNull(),
    article: text('article'),
    item: text('item').notNull(),
    verified: boolean('verified').notNull().default(false),
    retired: boolean('retired').notNull().default(false),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const campaigns = pgTable(
  'campaigns',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** One or more types (0018): 汛期和高温期间大检查 is both floodSeason and highTemperature. */
    campaignTypes: text('campaign_types').array().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    domains: text('domains').array().notNull().default(['production']),
    jointDepartments: uuid('joint_departments').array().notNull().default([]),
    description: text('description'),
    /** How the targets were chosen (tags, areas, named enterprises); null for campaigns created before 0018. */
    target: jsonb('target').$type<{ tags: string[]; areas: string[]; enterpriseIds: string[] } | null>(),
    status: text('status').$type<'active' | 'closed' | 'cancelled'>().notNull().default('active'),
    closedAt: tz('closed_at'),
    closedBy: uuid('closed_by'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const campaignEnterprises = pgTable(
  'campaign_enterprises',
  {
    parkId: uuid('park_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.campaignId, t.enterpriseId] })],
);

export const campaignInspectors = pgTable(
  'campaign_inspectors',
  {
    parkId: uuid('park_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.campaignId, t.userId] })],
);

export const inspections = pgTable(
  'inspections',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    campaignId: uuid('campaign_id'),
    enterpriseId: uuid('enterprise_id').notNull(),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    domains: text('domains').array().notNull().default(['production']),
    inspectorIds: uuid('inspector_ids').array().notNull().default([]),
    inspectorNames: text('inspector_names').array().notNull().default([]),
    summary: text('summary'),
    enterpriseSigner: text('enterprise_signer'),
    checklistTemplateId: uuid('checklist_template_id'),
    /** Who entered the record (created_by) and their name as entered; not counted as an inspector (0016). */
    createdBy: uuid('created_by'),
    recordedByName: text('recorded_by_name'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export interface HazardPlan {
  responsibility?: string | null;
  measures?: string | null;
  funds?: string | null;
  timeLimit?: string | null;
  emergencyPlan?: string | null;
}
export interface HazardListing {
  level: string;
  unit: string;
  listedOn: string;
  delistedOn?: string | null;
  /** 督办文号 and why it was listed (added with 0011; older listings lack them). */
  documentNo?: string | null;
  reason?: string | null;
}
/** Who ordered a stoppage (停产停业), why, and the order's document number. */
export interface HazardStoppageDetail {
  unit?: string | null;
  reason?: string | null;
  documentNo?: string | null;
  since: string;
}

export const hazards = pgTable(
  'hazards',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    serial: text('serial').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    inspectionId: uuid('inspection_id'),
    campaignId: uuid('campaign_id'),
    description: text('description').notNull(),
    location: text('location'),
    domain: text('domain').notNull().default('production'),
    category: text('category').notNull(),
    source: text('source').notNull(),
    grade: text('grade').$type<'general' | 'major'>().notNull(),
    criterionId: uuid('criterion_id'),
    downgradeReason: text('downgrade_reason'),
    basis: text('basis'),
    requirement: text('requirement'),
    deadline: date('deadline', { mode: 'string' }),
    responsiblePerson: text('responsible_person'),
    status: text('status').$type<'assigned' | 'rectifying' | 'submitted' | 'closed'>().notNull(),
    fixedOnSpot: boolean('fixed_on_spot').notNull().default(false),
    stoppage: text('stoppage').$type<'none' | 'partial' | 'full'>().notNull().default('none'),
    plan: jsonb('plan').$type<HazardPlan>().notNull().default({}),
    listing: jsonb('listing').$type<HazardListing | null>(),
    stoppageDetail: jsonb('stoppage_detail').$type<HazardStoppageDetail | null>(),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    closedAt: tz('closed_at'),
    /** The day (Asia/Shanghai) of the latest submission for re-check: 复查超时 derives from it (0016). */
    submittedOn: date('submitted_on', { mode: 'string' }),
    /** The risk point whose control failed (0010_risk.sql). */
    riskPointId: uuid('risk_point_id'),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const hazardEvents = pgTable(
  'hazard_events',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    hazardId: uuid('hazard_id').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    evidence: jsonb('evidence').$type<string[]>().notNull().default([]),
    /** What the action decided, when it carries more than a reason (listing, stoppage). */
    detail: jsonb('detail').$type<Record<string, string | null> | null>(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    /** When the step happened (figures use it); recordedAt is when it was entered (0016). */
    occurredAt: tz('occurred_at').notNull(),
    recordedAt: tz('recorded_at').notNull().defaultNow(),
    /** Set when the step was back-filled (补录) from paper records: why. */
    backfillReason: text('backfill_reason'),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

/** Pre-aggregated hazard counts per enterprise and campaign, kept by triggers on hazards (0011). */
export const hazardCounts = pgTable('hazard_counts', {
  parkId: uuid('park_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  campaignId: uuid('campaign_id'),
  status: text('status').notNull(),
  grade: text('grade').notNull(),
  listed: boolean('listed').notNull(),
  n: integer('n').notNull(),
});

/** Park-wide rollup of hazard_counts; open hazards also by deadline day (overdue = sum before today). */
export const hazardParkCounts = pgTable('hazard_park_counts', {
  parkId: uuid('park_id').notNull(),
  status: text('status').notNull(),
  grade: text('grade').notNull(),
  listed: boolean('listed').notNull(),
  deadline: date('deadline', { mode: 'string' }),
  n: integer('n').notNull(),
});

/** Per-area rollup (the enterprise's current area), same shape as the park rollup; kept by triggers (0012). */
export const hazardAreaCounts = pgTable('hazard_area_counts', {
  parkId: uuid('park_id').notNull(),
  area: text('area').notNull(),
  status: text('status').notNull(),
  grade: text('grade').notNull(),
  listed: boolean('listed').notNull(),
  deadline: date('deadline', { mode: 'string' }),
  n: integer('n').notNull(),
});

/**
 * Hazards by the day they were found (occurrence, not entry: a back-filled hazard counts at its own day) × the
 * enterprise's area now × domain × status × grade, with the deadline of those not yet submitted (整改逾期 stays a sum
 * over deadline days); kept by triggers (0040). The dashboard's period figures for park-wide roles.
 */
export const hazardDayCounts = pgTable('hazard_day_counts', {
  parkId: uuid('park_id').notNull(),
  foundOn: date('found_on', { mode: 'string' }).notNull(),
  area: text('area'),
  domain: text('domain').notNull(),
  status: text('status').notNull(),
  grade: text('grade').notNull(),
  deadline: date('deadline', { mode: 'string' }),
  n: integer('n').notNull(),
});

/** Hazards by found day under each key-supervision tag of their enterprise now; kept by triggers (0040). */
export const hazardTagDayCounts = pgTable('hazard_tag_day_counts', {
  parkId: uuid('park_id').notNull(),
  tag: text('tag').notNull(),
  foundOn: date('found_on', { mode: 'string' }).notNull(),
  n: integer('n').notNull(),
});

/**
 * Inspections by the day they happened (a back-filled record counts at its own day) × kind: n is 家次, inspectors
 * 人次 (each inspection's inspectors, internal and external); kept by triggers (0046). The dashboard's period
 * inspection figures for park-wide roles.
 */
export const inspectionDayCounts = pgTable('inspection_day_counts', {
  parkId: uuid('park_id').notNull(),
  inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
  kind: text('kind').notNull(),
  n: integer('n').notNull(),
  inspectors: integer('inspectors').notNull(),
});

/**
 * Inspections per enterprise × month (first day) × kind, kept by triggers (0047); rows with no inspection left are
 * deleted. The whole months of a period's inspections per enterprise (coverage, the distinct enterprises inspected).
 */
export const inspectionMonthCounts = pgTable('inspection_month_counts', {
  parkId: uuid('park_id').notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  kind: text('kind').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  n: integer('n').notNull(),
});

/** Per-park hazard settings (0016): the days the office has to re-check a submission (复查时限). */
export const hazardSettings = pgTable('hazard_settings', {
  parkId: uuid('park_id').primaryKey(),
  recheckDays: integer('recheck_days').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const extensionRequests = pgTable(
  'extension_requests',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    hazardId: uuid('hazard_id').notNull(),
    requestedDeadline: date('requested_deadline', { mode: 'string' }).notNull(),
    previousDeadline: date('previous_deadline', { mode: 'string' }),
    reason: text('reason').notNull(),
    status: text('status').$type<'pending' | 'approved' | 'refused'>().notNull().default('pending'),
    decisionReason: text('decision_reason'),
    requestedBy: uuid('requested_by'),
    decidedBy: uuid('decided_by'),
    requestedAt: tz('requested_at').notNull(),
    decidedAt: tz('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const penaltyCases = pgTable(
  'penalty_cases',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseNo: text('case_no').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    hazardIds: uuid('hazard_ids').array().notNull().default([]),
    legalBasis: text('legal_basis').notNull(),
    measures: text('measures').array().notNull(),
    fineAmount: numeric('fine_amount', { precision: 14, scale: 2 }),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    status: text('status').notNull().default('filed'),
    note: text('note'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const serialCounters = pgTable(
  'serial_counters',
  {
    parkId: uuid('park_id').notNull(),
    series: text('series').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.series] })],
);

export const checklistFamilies = pgTable(
  'checklist_families',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const checklistTemplates = pgTable(
  'checklist_templates',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    domains: text('domains').array().$type<('production' | 'fire' | 'food')[]>().notNull(),
    description: text('description'),
    status: text('status').$type<'draft' | 'active' | 'retired'>().notNull(),
    supersededBy: uuid('superseded_by'),
    derivedFrom: uuid('derived_from'),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const checklistItems = pgTable(
  'checklist_items',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    templateId: uuid('template_id').notNull(),
    seq: integer('seq').notNull(),
    content: text('content').notNull(),
    basis: text('basis'),
    domain: text('domain').$type<'production' | 'fire' | 'food'>().notNull(),
    criterionId: uuid('criterion_id'),
    criterionCode: text('criterion_code'),
    method: text('method'),
    notes: text('notes'),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const campaignChecklists = pgTable(
  'campaign_checklists',
  {
    parkId: uuid('park_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    familyId: uuid('family_id').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.campaignId, t.familyId] })],
);

export const inspectionItemResults = pgTable(
  'inspection_item_results',
  {
    parkId: uuid('park_id').notNull(),
    inspectionId: uuid('inspection_id').notNull(),
    itemId: uuid('item_id').notNull(),
    result: text('result').$type<'pass' | 'fail' | 'na'>().notNull(),
    note: text('note'),
    photoIds: uuid('photo_ids').array().notNull().default([]),
    hazardId: uuid('hazard_id'),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.inspectionId, t.itemId] })],
);

export const inspectionSignatures = pgTable(
  'inspection_signatures',
  {
    parkId: uuid('park_id').notNull(),
    inspectionId: uuid('inspection_id').notNull(),
    role: text('role').$type<'inspector' | 'enterprise'>().notNull(),
    signerName: text('signer_name').notNull(),
    signedAt: tz('signed_at').notNull(),
    fileId: uuid('file_id').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.inspectionId, t.role] })],
);

// ---------------------------------------------------------------------------------- 0010_risk.sql

type Level = 'major' | 'significant' | 'general' | 'low';

export const riskPoints = pgTable(
  'risk_points',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull(),
    name: text('name').notNull(),
    location: text('location'),
    activity: text('activity'),
    hazardFactors: text('hazard_factors').notNull(),
    accidentTypes: text('accident_types').array().notNull(),
    method: text('method').$type<'LEC' | 'LS'>().notNull(),
    likelihood: doublePrecision('likelihood').notNull(),
    exposure: doublePrecision('exposure'),
    consequence: doublePrecision('consequence'),
    severity: doublePrecision('severity'),
    score: doublePrecision('score').notNull(),
    level: text('level').$type<Level>().notNull(),
    controlMeasures: jsonb('control_measures').$type<Record<string, string | null>>().notNull().default({}),
    controlTier: text('control_tier').$type<'company' | 'workshop' | 'team' | 'post'>().notNull(),
    responsiblePerson: text('responsible_person').notNull(),
    nextReviewDate: date('next_review_date', { mode: 'string' }),
    reviewStatus: text('review_status').$type<'pending' | 'accepted' | 'returned'>().notNull().default('pending'),
    reviewReason: text('review_reason'),
    reviewedBy: uuid('reviewed_by'),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: tz('reviewed_at'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const riskThresholds = pgTable(
  'risk_thresholds',
  {
    parkId: uuid('park_id').notNull(),
    method: text('method').$type<'LEC' | 'LS'>().notNull(),
    major: doublePrecision('major').notNull(),
    significant: doublePrecision('significant').notNull(),
    general: doublePrecision('general').notNull(),
    updatedBy: uuid('updated_by'),
    updatedByName: text('updated_by_name'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.method] })],
);

export const parkPlans = pgTable('park_plans', {
  parkId: uuid('park_id').primaryKey(),
  id: uuid('id').notNull().defaultRandom(),
  originalName: text('original_name').notNull(),
  /** An uploaded plan's key in the file store; null for a generated one. */
  storageKey: text('storage_key'),
  /** A generated plan (demo park): SVG rendered to JPEG when served. */
  generatedSvg: text('generated_svg'),
  size: bigint('size', { mode: 'number' }),
  sha256: text('sha256'),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: tz('uploaded_at').notNull().defaultNow(),
});

// Sign-in counters and TOTP challenges (0013): changed only by single atomic statements in modules/auth/repository.ts.
export const loginAddressCounters = pgTable('login_address_counters', {
  ip: text('ip').primaryKey(),
  windowEnds: tz('window_ends').notNull(),
  attempts: integer('attempts').notNull(),
});

export const loginNameCounters = pgTable('login_name_counters', {
  username: text('username').primaryKey(),
  failedAttempts: integer('failed_attempts').notNull(),
  lastFailedAt: tz('last_failed_at').notNull(),
  lockedUntil: tz('locked_until'),
});

export const loginChallenges = pgTable('login_challenges', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  purpose: text('purpose').$type<'totp' | 'totpSetup' | 'totpEnrol'>().notNull(),
  secretDigest: text('secret_digest'),
  tries: integer('tries').notNull().default(0),
  createdAt: tz('created_at').notNull(),
  expiresAt: tz('expires_at').notNull(),
  consumedAt: tz('consumed_at'),
});

/** Stored credit scores (0023): the enterprise list joins them to filter and sort by grade. */
export const creditScores = pgTable(
  'credit_scores',
  {
    parkId: uuid('park_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    score: integer('score').notNull(),
    grade: text('grade').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    computedOn: date('computed_on', { mode: 'string' }).notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.enterpriseId] })],
);

// Drills, resumption and guidance (0030). The modules query them in SQL; these are Drizzle's view for typed reads.
export const drills = pgTable(
  'drills',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    serial: text('serial').notNull(),
    level: text('level').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    title: text('title').notNull(),
    scenario: text('scenario').notNull(),
    form: text('form').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    organiser: text('organiser').notNull(),
    planId: uuid('plan_id'),
    participantEnterpriseIds: uuid('participant_enterprise_ids').array().notNull(),
    participantUnits: text('participant_units'),
    headcount: integer('headcount').notNull(),
    observers: text('observers'),
    observerCount: integer('observer_count').notNull(),
    photoIds: uuid('photo_ids').array().notNull(),
    evaluation: text('evaluation'),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name'),
    recordedAt: tz('recorded_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const drillProblems = pgTable(
  'drill_problems',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    drillId: uuid('drill_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    hazardId: uuid('hazard_id'),
    convertedAt: tz('converted_at'),
    convertedByName: text('converted_by_name'),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const drillPlans = pgTable(
  'drill_plans',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    scenario: text('scenario').notNull(),
    title: text('title').notNull(),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const resumptionSeasons = pgTable(
  'resumption_seasons',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    checklist: jsonb('checklist').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const resumptionApplications = pgTable(
  'resumption_applications',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    serial: text('serial').notNull(),
    seasonId: uuid('season_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    priorStatus: text('prior_status').notNull(),
    state: text('state').notNull(),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone'),
    workforce: integer('workforce').notNull(),
    checklist: jsonb('checklist').notNull(),
    returns: integer('returns').notNull(),
    checkedOn: date('checked_on', { mode: 'string' }),
    decidedByName: text('decided_by_name'),
    decidedAt: tz('decided_at'),
    lastOpinion: text('last_opinion'),
    appliedAt: tz('applied_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const resumptionEvents = pgTable(
  'resumption_events',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    applicationId: uuid('application_id').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    opinion: text('opinion'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const guidanceRecords = pgTable(
  'guidance_records',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    serial: text('serial').notNull(),
    kind: text('kind').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    staff: text('staff').notNull(),
    counterpartName: text('counterpart_name').notNull(),
    counterpartRole: text('counterpart_role').notNull(),
    topics: text('topics').notNull(),
    commitments: text('commitments'),
    photoIds: uuid('photo_ids').array().notNull(),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name'),
    recordedAt: tz('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export const guidanceFollowUps = pgTable(
  'guidance_follow_ups',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    position: integer('position').notNull(),
    content: text('content').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    owner: text('owner'),
    doneOn: date('done_on', { mode: 'string' }),
    result: text('result'),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

/** Records captured offline and applied once (0033): the idempotency key's stored result, capture and receipt times. */
export const syncRecords = pgTable(
  'sync_records',
  {
    parkId: uuid('park_id').notNull(),
    userId: uuid('user_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    deviceRecordId: uuid('device_record_id').notNull().unique(),
    kind: text('kind').notNull(),
    entityId: uuid('entity_id').notNull(),
    capturedAt: tz('captured_at').notNull(),
    receivedAt: tz('received_at').notNull().defaultNow(),
    result: jsonb('result').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.idempotencyKey] })],
);
