import { Button, Form, Input, Space } from 'antd';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { passwordRule } from '../auth/passwordRule';
import { generatePassword } from './generatePassword';

/** A password an administrator hands to a user: typed or generated, shown in clear so it can be read out. */
export function InitialPasswordField({ label, extra, testId }: { label: string; extra?: string; testId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const form = Form.useFormInstance();
  return (
    <Form.Item label={label} extra={extra} required>
      <Space.Compact block>
        <Form.Item name="password" noStyle rules={[passwordRule(me.passwordPolicy)]}>
          <Input className="totp-secret" autoComplete="new-password" data-testid={testId} />
        </Form.Item>
        <Button onClick={() => form.setFields([{ name: 'password', value: generatePassword(), errors: [] }])}>
          {t.users.generate}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}
