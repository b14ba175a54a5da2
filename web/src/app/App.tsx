import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, StrictMode, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ForcedPasswordChange } from '../modules/auth/ForcedPasswordChange';
import { LoginPage } from '../modules/auth/LoginPage';
import { AppLayout } from './AppLayout';
import { AuthProvider, useAuth, useSessionQuery } from './auth';
import { I18nProvider, useI18n } from './i18n';
import { navItems } from './nav';
import { createQueryClient } from './queryClient';
import { theme } from './theme';
import { NotFound } from './ui/NotFound';
import { PageLoading } from './ui/PageLoading';
import { QueryError } from './ui/QueryError';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <LocalisedAntd>
            <BrowserRouter>
              <SessionGate />
            </BrowserRouter>
          </LocalisedAntd>
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}

// Toasts appear below the header bar and below a drawer's title row (about 56 px), so they never hide a drawer's
// title, its close button or the buttons beside them.
const TOASTS = { top: 72 };

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme}>
      <AntApp message={TOASTS} notification={TOASTS}>
        {children}
      </AntApp>
    </ConfigProvider>
  );
}

function SessionGate() {
  const session = useSessionQuery();
  if (session.isPending) return <PageLoading />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  return (
    <AuthProvider session={session.data}>
      <Screens />
    </AuthProvider>
  );
}

function Screens() {
  const { me } = useAuth();
  if (!me) return <LoginPage />;
  if (me.mustChangePassword) return <ForcedPasswordChange />;
  return (
    <Routes>
      <Route element={<AppLayout />}>
        {navItems(me.role).map(({ path, nested, page: Page }) => (
          <Route key={path} path={nested ? `${path}/*` : path} element={<Page />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
