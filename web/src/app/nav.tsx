import {
  AimOutlined,
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  ControlOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  OrderedListOutlined,
  ReadOutlined,
  ShopOutlined,
  SlidersOutlined,
  TeamOutlined,
  UserOutlined,
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
  campaigns: lazy(() => import('../modules/campaigns/CampaignsPage')),
};

const item = (path: string, testId: string, label: keyof typeof pages, icon: ReactNode): NavItem => ({
  path,
  testId,
  label,
  icon,
  page: pages[label],
});

const home = item('/', 'menu-home', 'home', <HomeOutlined />);
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

/** What each role may open. The server enforces the same scope; this only decides what is offered. */
const NAV: Record<Role, NavEntry[]> = {
  admin: [
    home,
    enterprises,
    registryDue,
    riskGroup(riskPoints, majorRisk, riskMap, riskThresholds),
    campaigns,
    inspections,
    checklists,
    hazards,
    criteria,
    survey,
    users,
    organisations,
    audit,
    account,
  ],
  supervisor: [
    home,
    enterprises,
    registryDue,
    riskPark,
    campaigns,
    inspections,
    checklists,
    hazards,
    criteria,
    survey,
    account,
  ],
  leader: [
    home,
    enterprises,
    registryDue,
    riskPark,
    campaigns,
    inspections,
    checklists,
    hazards,
    criteria,
    survey,
    account,
  ],
  inspector: [home, enterprises, riskPark, campaigns, inspections, checklists, hazards, criteria, account],
  department: [home, enterprises, riskPark, campaigns, inspections, checklists, hazards, criteria, account],
  // An enterprise self-inspects (企业自查) with the committee's active checklists from its inspection records.
  enterprise: [home, myEnterprise, myRiskPoints, hazards, inspections, checklists, mySurvey, criteria, account],
};

/** The side menu's entries, groups included. */
export function navEntries(role: Role): NavEntry[] {
  return NAV[role];
}

/** Every page the role may open, groups flattened: the routes and the menu's highlight come from this. */
export function navItems(role: Role): NavItem[] {
  return NAV[role].flatMap((entry) => (isGroup(entry) ? entry.children : [entry]));
}
