import { Button, Form, Input, Space } from 'antd';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { passwordRule } from '../auth/passwordRule';
import { generatePassword } from './generatePassword';

/**
 * A password an administrator hands to a user: typed or generated, shown in clear so it can be read out. The user
 * name is the form's own username field, or the one given (resetting an existing user's password).
 */
export function InitialPasswordField({
  label,
  extra,
  testId,
  username,
}: {
  label: string;
  extra?: string;
  testId: string;
  username?: string;
}) {
  const { t } = useI18n();
  const me = useMe();
  const form = Form.useFormInstance();
  return (
    <Form.Item label={label} extra={extra} required>
      <Space.Compact block>
        <Form.Item
          name="password"
          noStyle
          dependencies={username ? [] : ['username']}
          rules={[({ getFieldValue }) => passwordRule(me.passwordPolicy, () => username ?? getFieldValue('username'))]}
        >
          <Input className="totp-secret" autoComplete="new-password" data-testid={testId} />
        </Form.Item>
        <Button onClick={() => form.setFields([{ name: 'password', value: generatePassword(), errors: [] }])}>
          {t.users.generate}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}
