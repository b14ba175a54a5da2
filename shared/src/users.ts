import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { ROLES } from './roles';
import { text } from './validators';

export const UserView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  organisationId: z.uuid(),
  organisationName: z.string(),
  disabled: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;
export const UserPage = pageOf(UserView);

export const UserListQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  role: z.enum(ROLES).optional(),
  organisationId: z.uuid().optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
  sort: z.enum(['username', 'displayName', 'role', 'createdAt', 'lastLoginAt']).default('username'),
});

const username = text()
  .trim()
  .regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字、下划线、点或连字符');

export const UserCreate = z.object({
  username,
  displayName: text().trim().min(1, '请输入姓名').max(50, '姓名不能超过 50 个字'),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确')
    .nullish(),
  role: z.enum(ROLES, { error: '请选择角色' }),
  organisationId: z.uuid({ error: '请选择所属单位' }),
  /** Initial password; the user must change it at first login. */
  password: text().min(1, '请输入初始密码').max(128),
});

export const UserUpdate = z.object({
  displayName: text().trim().min(1, '请输入姓名').max(50).optional(),
  // The form shows the phone masked: a mask left untouched keeps the stored number.
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$|^[0-9-]*\*+[0-9-]*$/, '电话号码格式不正确')
    .max(20)
    .nullish(),
  role: z.enum(ROLES).optional(),
  organisationId: z.uuid().optional(),
  disabled: z.boolean().optional(),
});

export const ResetPasswordBody = z.object({ password: text().min(1, '请输入新密码').max(128) });
