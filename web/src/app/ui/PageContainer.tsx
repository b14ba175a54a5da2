import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';

/** The title bar every page has: breadcrumb, title, page actions on the right. */
export function PageContainer({
  title,
  extra,
  isHome,
  children,
}: {
  title: string;
  extra?: ReactNode;
  isHome?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const crumbs = isHome ? [{ title: t.menu.home }] : [{ title: <Link to="/">{t.menu.home}</Link> }, { title }];
  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb items={crumbs} />
        <Flex justify="space-between" align="center" className="page-title-row">
          <Typography.Title level={4} className="page-title">
            {title}
          </Typography.Title>
          {extra}
        </Flex>
      </div>
      <div className="page-body">{children}</div>
    </div>
  );
}
