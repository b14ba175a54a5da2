import {
  CloseOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyCertificateOutlined,
  TranslationOutlined,
} from '@ant-design/icons';
import { App, Avatar, Button, Drawer, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../shared/src/labels';
import { FieldIndicator } from '../modules/field/FieldIndicator';
import { clearDevice, records } from '../modules/field/store';
import { useFieldText } from '../modules/field/text';
import { NotificationBell } from '../modules/notifications/common';
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
  // Phones (below 768 px) get the menu in a drawer over the page, so the page keeps the whole screen; desks keep the
  // side bar. Until the breakpoint is known the side bar shows (a desk is the common case).
  const phone = Grid.useBreakpoint().md === false;
  // The drawer is open on the page it was opened on: choosing an entry (or any link) changes the path and closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const drawerOpen = phone && menuOpenOn === pathname;
  const closeDrawer = () => setMenuOpenOn(null);
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
  const inline = phone || !collapsed;
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      {...(inline ? { openKeys, onOpenChange: setOpenKeys } : {})}
      onClick={({ key }) => {
        closeDrawer();
        navigate(key);
      }}
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
  );
  const brand = (
    <div className="brand">
      <SafetyCertificateOutlined className="brand-icon" />
      <span className="brand-name">{t.shortName}</span>
    </div>
  );

  return (
    <Layout className="shell">
      {phone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={closeDrawer}
          size={272}
          closable={false}
          className="shell-drawer"
          data-testid="menu-drawer"
        >
          <div className="shell-drawer-head">
            {brand}
            <Button
              type="text"
              icon={<CloseOutlined />}
              aria-label={t.shell.closeMenu}
              onClick={closeDrawer}
              className="shell-drawer-close"
              data-testid="menu-close"
            />
          </div>
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          width={240}
          breakpoint="lg"
          collapsible
          collapsedWidth={80}
          className="shell-sider"
          onCollapse={setCollapsed}
        >
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout className="shell-main">
        <ShellHeader onMenu={phone ? () => setMenuOpenOn(pathname) : undefined} />
        <Layout.Content className="shell-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The bar above every page: on a phone the menu button and the park name share the left, the actions the right,
 * and neither ever covers the other or the page below. */
function ShellHeader({ onMenu }: { onMenu?: () => void }) {
  const me = useMe();
  const { signOut } = useAuth();
  const { t, lang, setLang, l } = useI18n();
  const { f } = useFieldText();
  const { modal } = App.useApp();
  const field = navItems(me.role).some((i) => i.path === '/field');
  // Signing out deletes this user's offline data on the device; records not yet synced are asked about first.
  const logout = async () => {
    const waiting = (await records(me.id).catch(() => [])).filter((r) => r.status !== 'synced').length;
    const leave = async () => {
      await clearDevice(me.id).catch(() => {});
      await signOut();
    };
    if (waiting === 0) return leave();
    modal.confirm({
      title: f.logoutPendingTitle,
      content: f.logoutPending(waiting),
      okText: f.logoutAnyway,
      okButtonProps: { danger: true },
      onOk: leave,
    });
  };
  return (
    <Layout.Header className="shell-header">
      <div className="shell-header-start">
        {onMenu && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t.shell.openMenu}
            onClick={onMenu}
            className="shell-menu-button"
            data-testid="menu-toggle"
          />
        )}
        <Typography.Text strong className="park-name" data-testid="park-name">
          {me.parkName}
        </Typography.Text>
      </div>
      <Space size="middle" className="shell-header-end">
        {field && <FieldIndicator />}
        <NotificationBell />
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
        <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
          <span className="header-label">{t.header.logout}</span>
        </Button>
      </Space>
    </Layout.Header>
  );
}
