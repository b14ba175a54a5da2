import { SafetyCertificateOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n';

/** The frame of the screens before the console: platform name, one centred card, a notice below. */
export function AuthScreen({ title, children }: { title: string; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="auth-screen">
      <Button
        className="auth-lang"
        type="text"
        icon={<TranslationOutlined />}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        data-testid="lang-switch"
      >
        {t.header.switchLanguage}
      </Button>
      <div className="auth-brand">
        <SafetyCertificateOutlined className="brand-icon" />
        <div>
          <div className="auth-brand-title">{t.appName}</div>
          <div className="auth-brand-subtitle">{t.appSubtitle}</div>
        </div>
      </div>
      <Card className="auth-card" title={title}>
        {children}
      </Card>
      <div className="auth-footer">{t.login.footer}</div>
    </div>
  );
}
