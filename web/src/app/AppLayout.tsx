import { LogoutOutlined, SafetyCertificateOutlined, TranslationOutlined } from '@ant-design/icons';
import { Avatar, Button, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../shared/src/labels';
import { useAuth, useMe } from './auth';
import { useI18n } from './i18n';
import { isGroup, type NavItem, navEntries, navItems } from './nav';
import { PageLoading } from './ui/PageLoading';

export function AppLayout() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = navItems(me.role);
  // On phones the collapsed menu takes no width, so pages and drawers get the whole 390 px.
  const narrow = !Grid.useBreakpoint().md;
  const selected = items.find((i) => i.path !== '/' && pathname.startsWith(i.path))?.path ?? '/';
  const entries = navEntries(me.role);
  // Groups start open (a role has one or two), and the group of the page shown reopens if it was closed.
  const group = entries.find((e) => isGroup(e) && e.children.some((c) => c.path === selected));
  const activeGroup = group && isGroup(group) ? `group:${group.key}` : undefined;
  const [openKeys, setOpenKeys] = useState<string[]>(() =>
    entries.flatMap((e) => (isGroup(e) ? [`group:${e.key}`] : [])),
  );
  // A collapsed side bar shows groups as pop-ups on hover: it must not be handed the inline menu's open groups.
  const [collapsed, setCollapsed] = useState(false);
  useEffect(() => {
    if (activeGroup) setOpenKeys((keys) => (keys.includes(activeGroup) ? keys : [...keys, activeGroup]));
  }, [activeGroup]);
  const menuItem = (i: NavItem) => ({
    key: i.path,
    icon: i.icon,
    label: <span data-testid={i.testId}>{t.menu[i.label]}</span>,
  });

  return (
    <Layout className="shell">
      <Layout.Sider
        width={240}
        breakpoint="lg"
        collapsible
        collapsedWidth={narrow ? 0 : 80}
        className="shell-sider"
        onCollapse={setCollapsed}
      >
        <div className="brand">
          <SafetyCertificateOutlined className="brand-icon" />
          <span className="brand-name">{t.shortName}</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
          onClick={({ key }) => navigate(key)}
          items={entries.map((e) =>
            isGroup(e)
              ? {
                  key: `group:${e.key}`,
                  icon: e.icon,
                  label: <span data-testid={e.testId}>{t.menu[e.label]}</span>,
                  children: e.children.map(menuItem),
                }
              : menuItem(e),
          )}
        />
      </Layout.Sider>
      <Layout>
        <ShellHeader />
        <Layout.Content className="shell-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function ShellHeader() {
  const me = useMe();
  const { signOut } = useAuth();
  const { t, lang, setLang, l } = useI18n();
  return (
    <Layout.Header className="shell-header">
      <Typography.Text strong className="park-name" data-testid="park-name">
        {me.parkName}
      </Typography.Text>
      <Space size="middle">
        <Button
          type="text"
          icon={<TranslationOutlined />}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="lang-switch"
        >
          <span className="header-label">{t.header.switchLanguage}</span>
        </Button>
        <Space size={8} data-testid="current-user">
          <Avatar size="small" className="user-avatar">
            {me.displayName.slice(0, 1)}
          </Avatar>
          <span className="header-user-name">{me.displayName}</span>
          <Tag color="blue" variant="outlined" className="header-role">
            {l(ROLE_LABELS, me.role)}
          </Tag>
          {me.role === 'leader' && <Tag>{t.header.readOnly}</Tag>}
        </Space>
        <Button type="text" icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="logout">
          <span className="header-label">{t.header.logout}</span>
        </Button>
      </Space>
    </Layout.Header>
  );
}
