import {
  AccountBookOutlined,
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ControlOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExceptionOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileWordOutlined,
  FireOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  RadarChartOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SlidersOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserAddOutlined,
  UserOutlined,
  WarningOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Role } from '../../../shared/src/roles';
import type { Messages } from './messages';

export interface NavItem {
  path: string;
  testId: string;
  label: keyof Messages['menu'];
  icon: ReactNode;
  page: LazyExoticComponent<ComponentType>;
  /** The page has pages of its own below its path (e.g. /enterprises/:id) and routes them itself. */
  nested?: boolean;
}

/** A titled group of the side menu (e.g. 风险分级管控); it opens by itself when one of its pages is shown. */
export interface NavGroup {
  key: string;
  testId: string;
  label: keyof Messages['menu'];
  icon: ReactNode;
  children: NavItem[];
}

export type NavEntry = NavItem | NavGroup;

export const isGroup = (entry: NavEntry): entry is NavGroup => 'children' in entry;

const pages = {
  home: lazy(() => import('../modules/home/HomePage')),
  dashboard: lazy(() => import('../modules/dashboard/DashboardPage')),
  coverage: lazy(() => import('../modules/dashboard/CoveragePage')),
  workPlans: lazy(() => import('../modules/plans/PlansPage')),
  workSummary: lazy(() => import('../modules/reports/ReportsPage')),
  enterprises: lazy(() => import('../modules/enterprises/EnterprisesPage')),
  registryDue: lazy(() => import('../modules/registry/DueRemindersPage')),
  myEnterprise: lazy(() => import('../modules/enterprises/OwnEnterprisePage')),
  users: lazy(() => import('../modules/users/UserListPage')),
  organisations: lazy(() => import('../modules/organisations/OrganisationListPage')),
  audit: lazy(() => import('../modules/audit/AuditLogPage')),
  account: lazy(() => import('../modules/account/AccountPage')),
  survey: lazy(() => import('../modules/survey/SurveysPage')),
  mySurvey: lazy(() => import('../modules/survey/MySurveyPage')),
  hazards: lazy(() => import('../modules/hazards/HazardLedgerPage')),
  criteria: lazy(() => import('../modules/criteria/CriteriaPage')),
  inspections: lazy(() => import('../modules/inspections/InspectionsPage')),
  riskPoints: lazy(() => import('../modules/risk/RiskPointsPage')),
  myRiskPoints: lazy(() => import('../modules/risk/RiskPointsPage')),
  majorRiskEnterprises: lazy(() => import('../modules/risk/MajorRiskEnterprisesPage')),
  riskMap: lazy(() => import('../modules/risk/RiskMapPage')),
  riskThresholds: lazy(() => import('../modules/risk/RiskThresholdsPage')),
  checklists: lazy(() => import('../modules/checklists/ChecklistsPage')),
  field: lazy(() => import('../modules/field/FieldPage')),
  campaigns: lazy(() => import('../modules/campaigns/CampaignsPage')),
  penaltyCases: lazy(() => import('../modules/enforcement/PenaltyCasesPage')),
  jointActions: lazy(() => import('../modules/enforcement/JointActionsPage')),
  notifications: lazy(() => import('../modules/notifications/NotificationsPage')),
  letters: lazy(() => import('../modules/responsibility/LettersPage')),
  assessment: lazy(() => import('../modules/responsibility/AssessmentPage')),
  commendations: lazy(() => import('../modules/responsibility/CommendationsPage')),
  credit: lazy(() => import('../modules/credit/CreditPage')),
  creditRules: lazy(() => import('../modules/credit/CreditRulesPage')),
  myCredit: lazy(() => import('../modules/credit/MyCreditPage')),
  accidents: lazy(() => import('../modules/accidents/AccidentsPage')),
  commitments: lazy(() => import('../modules/commitments/CommitmentsPage')),
  myCommitments: lazy(() => import('../modules/commitments/MyCommitmentsPage')),
  trainingSessions: lazy(() => import('../modules/training/SessionsPage')),
  trainingPlans: lazy(() => import('../modules/training/PlansPage')),
  trainingNewEnterprises: lazy(() => import('../modules/training/NewEnterprisesPage')),
  trainingHours: lazy(() => import('../modules/training/HoursPage')),
  providers: lazy(() => import('../modules/providers/ProvidersPage')),
  publicity: lazy(() => import('../modules/activities/PublicityPage')),
  meetings: lazy(() => import('../modules/activities/MeetingsPage')),
  meetingTasks: lazy(() => import('../modules/activities/TasksPage')),
  myTasks: lazy(() => import('../modules/activities/TasksPage')),
  funds: lazy(() => import('../modules/activities/FundsPage')),
  drills: lazy(() => import('../modules/drills/DrillsPage')),
  resumption: lazy(() => import('../modules/resumption/ResumptionPage')),
  guidance: lazy(() => import('../modules/guidance/GuidancePage')),
  fireServiceVisits: lazy(() => import('../modules/fire-service/VisitsPage')),
  myFireServiceVisits: lazy(() => import('../modules/fire-service/VisitsPage')),
  fireServiceContracts: lazy(() => import('../modules/fire-service/ContractsPage')),
  fireServiceAnalysis: lazy(() => import('../modules/fire-service/AnalysisPage')),
};

const item = (path: string, testId: string, label: keyof typeof pages, icon: ReactNode): NavItem => ({
  path,
  testId,
  label,
  icon,
  page: pages[label],
});

const home = item('/', 'menu-home', 'home', <HomeOutlined />);
// 领导驾驶舱 and 检查覆盖 (issue 15): the committee, its leaders and member units (their own enterprises).
const dashboard = item('/dashboard', 'menu-dashboard', 'dashboard', <DashboardOutlined />);
const coverage = item('/coverage', 'menu-coverage', 'coverage', <RadarChartOutlined />);
// 工作计划 (issue 15): the committee writes it, its leaders read it (permissions.ts plans.*).
const workPlans = item('/plans', 'menu-work-plans', 'workPlans', <CalendarOutlined />);
// 工作总结 (issue 15): the committee writes and generates it, its leaders read and download (permissions.ts reports.*).
const workSummary = item('/reports', 'menu-work-summary', 'workSummary', <FileWordOutlined />);
const enterprises: NavItem = {
  ...item('/enterprises', 'menu-enterprises', 'enterprises', <ShopOutlined />),
  nested: true,
};
const registryDue = item('/registry/due', 'menu-registry-due', 'registryDue', <FieldTimeOutlined />);
const myEnterprise = item('/my-enterprise', 'menu-my-enterprise', 'myEnterprise', <ShopOutlined />);
const users = item('/users', 'menu-users', 'users', <TeamOutlined />);
const organisations = item('/organisations', 'menu-organisations', 'organisations', <BankOutlined />);
const audit = item('/audit', 'menu-audit', 'audit', <AuditOutlined />);
const account = item('/account', 'menu-account', 'account', <UserOutlined />);
const survey = item('/surveys', 'menu-survey', 'survey', <FormOutlined />);
const mySurvey = item('/my-survey', 'menu-my-survey', 'mySurvey', <FormOutlined />);
const hazards = item('/hazards', 'menu-hazards', 'hazards', <FileSearchOutlined />);
const criteria = item('/criteria', 'menu-criteria', 'criteria', <ReadOutlined />);
const inspections = item('/inspections', 'menu-inspections', 'inspections', <FileDoneOutlined />);
const checklists = item('/checklists', 'menu-checklists', 'checklists', <OrderedListOutlined />);
const campaigns = item('/campaigns', 'menu-campaigns', 'campaigns', <FlagOutlined />);
// 现场检查（离线）: records captured without a signal, synced later (issue 17).
const field = item('/field', 'menu-field', 'field', <WifiOutlined />);

const riskPoints = item('/risk/points', 'menu-risk-points', 'riskPoints', <AimOutlined />);
const myRiskPoints = item('/risk/points', 'menu-my-risk-points', 'myRiskPoints', <AimOutlined />);
const majorRisk = item('/risk/major', 'menu-risk-major', 'majorRiskEnterprises', <AlertOutlined />);
const riskMap = item('/risk/map', 'menu-risk-map', 'riskMap', <EnvironmentOutlined />);
const riskThresholds = item('/risk/thresholds', 'menu-risk-thresholds', 'riskThresholds', <SlidersOutlined />);
const riskGroup = (...children: NavItem[]): NavGroup => ({
  key: 'risk',
  testId: 'menu-group-risk',
  label: 'riskGroup',
  icon: <ControlOutlined />,
  children,
});
const riskPark = riskGroup(riskPoints, majorRisk, riskMap);

// Enforcement (执法): penalty cases are read by every role within its data scope (an enterprise its own); joint
// actions by the committee, its leaders and member departments (permissions.ts penaltyCases.* / jointActions.*).
const penaltyCases = item('/enforcement/penalties', 'menu-penalty-cases', 'penaltyCases', <ExceptionOutlined />);
const jointActions = item('/enforcement/joint-actions', 'menu-joint-actions', 'jointActions', <ApartmentOutlined />);
const enforcement: NavGroup = {
  key: 'enforcement',
  testId: 'menu-group-enforcement',
  label: 'enforcementGroup',
  icon: <SafetyOutlined />,
  children: [penaltyCases, jointActions],
};
// Every signed-in user has an inbox (the bell in the header opens it too).
const notifications = item('/notifications', 'menu-notifications', 'notifications', <BellOutlined />);
const letters = item('/responsibility/letters', 'menu-letters', 'letters', <SolutionOutlined />);
const assessment = item('/responsibility/assessment', 'menu-assessment', 'assessment', <CarryOutOutlined />);
const commendations = item('/responsibility/commendations', 'menu-commendations', 'commendations', <TrophyOutlined />);
/** 责任体系: letters, the annual assessment and commendations. */
const responsibility: NavGroup = {
  key: 'responsibility',
  testId: 'menu-group-responsibility',
  label: 'responsibilityGroup',
  icon: <SafetyCertificateOutlined />,
  children: [letters, assessment, commendations],
};
// 诚信体系 (issue 12 part B): credit grades, commitments, accidents, and the credit rule table.
const credit = item('/credit', 'menu-credit', 'credit', <SafetyCertificateOutlined />);
const creditRules = item('/credit/rules', 'menu-credit-rules', 'creditRules', <SlidersOutlined />);
const commitments = item('/commitments', 'menu-commitments', 'commitments', <CheckSquareOutlined />);
const accidents = item('/accidents', 'menu-accidents', 'accidents', <WarningOutlined />);
const myCredit = item('/my-credit', 'menu-my-credit', 'myCredit', <SafetyCertificateOutlined />);
const myCommitments = item('/my-commitments', 'menu-my-commitments', 'myCommitments', <CheckSquareOutlined />);
const creditGroup: NavGroup = {
  key: 'credit',
  testId: 'menu-group-credit',
  label: 'creditGroup',
  icon: <SafetyCertificateOutlined />,
  children: [credit, commitments, accidents, creditRules],
};

// 教育培训 (issue 13): sessions, enterprises' annual plans, the new-enterprise rule, hours, and the service providers.
const trainingSessions = item('/training/sessions', 'menu-training-sessions', 'trainingSessions', <ReadOutlined />);
const trainingPlans = item('/training/plans', 'menu-training-plans', 'trainingPlans', <ScheduleOutlined />);
const trainingNew = item(
  '/training/new-enterprises',
  'menu-training-new-enterprises',
  'trainingNewEnterprises',
  <UserAddOutlined />,
);
const trainingHours = item('/training/hours', 'menu-training-hours', 'trainingHours', <FieldTimeOutlined />);
const providers = item('/providers', 'menu-providers', 'providers', <IdcardOutlined />);
const trainingGroup = (...children: NavItem[]): NavGroup => ({
  key: 'training',
  testId: 'menu-group-training',
  label: 'trainingGroup',
  icon: <BookOutlined />,
  children,
});
const trainingAll = trainingGroup(trainingSessions, trainingPlans, trainingNew, trainingHours, providers);
// 宣传与会议 (issue 13): publicity is park-public; meetings are the committee's and its member units'; the special
// funds ledger is the committee's and its leaders' only; decisions' tasks show on their owner's 我的任务.
const publicity = item('/publicity', 'menu-publicity', 'publicity', <NotificationOutlined />);
const meetings = item('/meetings', 'menu-meetings', 'meetings', <TeamOutlined />);
const meetingTasks = item('/meeting-tasks', 'menu-meeting-tasks', 'meetingTasks', <ScheduleOutlined />);
const myTasks = item('/my-tasks', 'menu-my-tasks', 'myTasks', <ScheduleOutlined />);
const funds = item('/funds', 'menu-funds', 'funds', <AccountBookOutlined />);
const activitiesGroup = (...children: NavItem[]): NavGroup => ({
  key: 'activities',
  testId: 'menu-group-activities',
  label: 'activitiesGroup',
  icon: <NotificationOutlined />,
  children,
});
// 应急与服务 (issue 14): drills, work resumption confirmation, guidance visits and talks — every role within its data
// scope (an enterprise its own records; it applies for resumption and records its drills).
const drills = item('/drills', 'menu-drills', 'drills', <AlertOutlined />);
const resumption = item('/resumption', 'menu-resumption', 'resumption', <CarryOutOutlined />);
const guidance = item('/guidance', 'menu-guidance', 'guidance', <TeamOutlined />);
const emergencyGroup: NavGroup = {
  key: 'emergency',
  testId: 'menu-group-emergency',
  label: 'emergencyGroup',
  icon: <AlertOutlined />,
  children: [drills, resumption, guidance],
};
// 消防第三方服务 (issue 14): the service ledger within data scope, the committee's contracts and the analysis.
const fireVisits = item('/fire-service/visits', 'menu-fire-visits', 'fireServiceVisits', <FireOutlined />);
const myFireVisits = item('/fire-service/visits', 'menu-my-fire-visits', 'myFireServiceVisits', <FireOutlined />);
const fireContracts = item(
  '/fire-service/contracts',
  'menu-fire-contracts',
  'fireServiceContracts',
  <FileProtectOutlined />,
);
const fireAnalysis = item('/fire-service/analysis', 'menu-fire-analysis', 'fireServiceAnalysis', <BarChartOutlined />);
const fireGroup = (...children: NavItem[]): NavGroup => ({
  key: 'fire-service',
  testId: 'menu-group-fire-service',
  label: 'fireServiceGroup',
  icon: <FireOutlined />,
  children,
});
const fireService = fireGroup(fireVisits, fireAnalysis, fireContracts);

/** What each role may open. The server enforces the same scope; this only decides what is offered. */
const NAV: Record<Role, NavEntry[]> = {
  admin: [
    home,
    dashboard,
    enterprises,
    registryDue,
    riskGroup(riskPoints, majorRisk, riskMap, riskThresholds),
    campaigns,
    coverage,
    workPlans,
    workSummary,
    inspections,
    field,
    checklists,
    hazards,
    enforcement,
    criteria,
    survey,
    responsibility,
    creditGroup,
    trainingAll,
    activitiesGroup(publicity, meetings, meetingTasks, funds),
    emergencyGroup,
    fireService,
    users,
    organisations,
    audit,
    notifications,
    account,
  ],
  supervisor: [
    home,
    dashboard,
    enterprises,
    registryDue,
    riskPark,
    campaigns,
    coverage,
    workPlans,
    workSummary,
    inspections,
    field,
    checklists,
    hazards,
    enforcement,
    criteria,
    survey,
    notifications,
    responsibility,
    creditGroup,
    trainingAll,
    activitiesGroup(publicity, meetings, meetingTasks, funds),
    emergencyGroup,
    fireService,
    account,
  ],
  leader: [
    home,
    dashboard,
    enterprises,
    registryDue,
    riskPark,
    campaigns,
    coverage,
    workPlans,
    workSummary,
    inspections,
    checklists,
    hazards,
    enforcement,
    criteria,
    survey,
    responsibility,
    creditGroup,
    trainingAll,
    activitiesGroup(publicity, meetings, meetingTasks, funds),
    emergencyGroup,
    fireService,
    notifications,
    account,
  ],
  inspector: [
    home,
    enterprises,
    riskPark,
    campaigns,
    inspections,
    field,
    checklists,
    hazards,
    penaltyCases,
    criteria,
    creditGroup,
    trainingGroup(trainingSessions, trainingNew, trainingHours, providers),
    publicity,
    emergencyGroup,
    fireService,
    notifications,
    account,
  ],
  department: [
    home,
    dashboard,
    enterprises,
    riskPark,
    campaigns,
    coverage,
    inspections,
    checklists,
    hazards,
    enforcement,
    criteria,
    responsibility,
    creditGroup,
    trainingGroup(trainingSessions, trainingHours, providers),
    activitiesGroup(publicity, meetings, myTasks),
    emergencyGroup,
    fireVisits,
    notifications,
    account,
  ],
  // An enterprise self-inspects (企业自查) with the committee's active checklists from its inspection records.
  enterprise: [
    home,
    myEnterprise,
    myRiskPoints,
    hazards,
    field,
    penaltyCases,
    inspections,
    checklists,
    mySurvey,
    myCredit,
    myCommitments,
    trainingAll,
    myTasks,
    publicity,
    emergencyGroup,
    myFireVisits,
    criteria,
    responsibility,
    notifications,
    account,
  ],
};

/** The side menu's entries, groups included. */
export function navEntries(role: Role): NavEntry[] {
  return NAV[role];
}

/** Every page the role may open, groups flattened: the routes and the menu's highlight come from this. */
export function navItems(role: Role): NavItem[] {
  return NAV[role].flatMap((entry) => (isGroup(entry) ? entry.children : [entry]));
}
