import { Form, Input, Select } from 'antd';
import { ROLE_LABELS } from '../../../../shared/src/labels';
import { ROLE_ORGANISATION_KINDS, ROLES, type Role } from '../../../../shared/src/roles';
import { useI18n } from '../../app/i18n';
import { codeOptions } from '../../app/ui/options';
import { OrganisationSelect } from './OrganisationSelect';

/** Name, phone, role and organisation: the fields creating and editing a user share. */
export function UserFields({ currentOrganisation }: { currentOrganisation?: { id: string; name: string } }) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const role = Form.useWatch<Role | undefined>('role', form);
  return (
    <>
      <Form.Item name="displayName" label={t.users.displayName} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={50} data-testid="user-displayName" />
      </Form.Item>
      <Form.Item name="phone" label={t.users.phone}>
        <Input maxLength={20} data-testid="user-phone" />
      </Form.Item>
      <Form.Item name="role" label={t.users.role} rules={[{ required: true }]}>
        <Select
          options={codeOptions(ROLES, ROLE_LABELS, lang)}
          // An organisation chosen for the previous role may be of a kind the new role does not allow.
          onChange={() => form.setFieldValue('organisationId', undefined)}
          data-testid="user-role"
        />
      </Form.Item>
      <Form.Item
        name="organisationId"
        label={t.users.organisation}
        rules={[{ required: true }]}
        extra={role ? undefined : t.users.chooseRoleFirst}
      >
        <OrganisationSelect
          kinds={role ? ROLE_ORGANISATION_KINDS[role] : []}
          disabled={!role}
          current={currentOrganisation}
        />
      </Form.Item>
    </>
  );
}
