import { LogoutOutlined, SafetyCertificateOutlined, TranslationOutlined } from '@ant-design/icons';
import { Avatar, Button, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../shared/src/labels';
import { useAuth, useMe } from './auth';
import { useI18n } from './i18n';
import { navItems } from './nav';
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

  return (
    <Layout className="shell">
      <Layout.Sider width={240} breakpoint="lg" collapsible collapsedWidth={narrow ? 0 : 80} className="shell-sider">
        <div className="brand">
          <SafetyCertificateOutlined className="brand-icon" />
          <span className="brand-name">{t.shortName}</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          onClick={({ key }) => navigate(key)}
          items={items.map((i) => ({
            key: i.path,
            icon: i.icon,
            label: <span data-testid={i.testId}>{t.menu[i.label]}</span>,
          }))}
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
