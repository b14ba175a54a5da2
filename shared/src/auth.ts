import { z } from 'zod';
import { ROLES } from './roles';

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const TotpLoginBody = z.object({
  challenge: z.string().min(1),
  code: z.string().regex(/^\d{6}$/, '请输入 6 位动态验证码'),
});

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  parkId: z.uuid(),
  parkName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  organisationKind: z.string(),
  enterpriseId: z.uuid().nullable(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  passwordPolicy: z.object({ minLength: z.number(), minClasses: z.number() }),
});
export type Me = z.infer<typeof Me>;

/** Login either completes (session cookie set) or asks for a TOTP code, or (admin without TOTP) for enrolment. */
export const LoginResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), me: Me, csrfToken: z.string() }),
  z.object({ status: z.literal('totpRequired'), challenge: z.string() }),
  z.object({
    status: z.literal('totpSetupRequired'),
    challenge: z.string(),
    secret: z.string(),
    otpauthUrl: z.string(),
  }),
]);
export type LoginResult = z.infer<typeof LoginResult>;

export const SessionInfo = z.object({ me: Me, csrfToken: z.string() });

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码'),
  newPassword: z.string().min(1, '请输入新密码').max(128),
});

export const TotpSetupStart = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpConfirmBody = z.object({
  secret: z.string().min(16),
  code: z.string().regex(/^\d{6}$/, '请输入 6 位动态验证码'),
});
export const TotpDisableBody = z.object({ password: z.string().min(1, '请输入当前密码') });
