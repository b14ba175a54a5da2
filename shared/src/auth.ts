import { z } from 'zod';
import { ROLES } from './roles';
import { text } from './validators';

export const LoginBody = z.object({
  username: text().trim().min(1, '请输入用户名').max(64),
  password: text().min(1, '请输入密码').max(128),
});

export const TotpLoginBody = z.object({
  challenge: text().min(1).max(2048),
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

/** The console's probe at start: answered without an error status whether or not anyone is signed in. */
export const SessionStatus = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }),
  SessionInfo.extend({ signedIn: z.literal(true) }),
]);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const ChangePasswordBody = z.object({
  currentPassword: text().min(1, '请输入当前密码').max(128),
  newPassword: text().min(1, '请输入新密码').max(128),
});

export const TotpSetupStart = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpConfirmBody = z.object({
  /** The base32 secret the setup step handed out (RFC 4648 alphabet, optionally padded). */
  secret: z
    .string()
    .trim()
    .regex(/^[A-Z2-7]{16,128}=*$/i, '密钥格式不正确（应为 Base32 编码）'),
  code: z.string().regex(/^\d{6}$/, '请输入 6 位动态验证码'),
});
export const TotpDisableBody = z.object({ password: text().min(1, '请输入当前密码').max(128) });
