// Password rule shared by the server (enforcement) and the web form (instant feedback). The server adds the check
// against the list of common passwords (server/src/platform/passwords.ts), which the web bundle does not carry.
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

export function passwordClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
}

export const PASSWORD_CONTAINS_USERNAME = '密码不能包含用户名（不区分大小写）';

/** A Chinese message describing what is missing, or null when the password is acceptable. */
export function passwordProblem(
  pw: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  username?: string | null,
): string | null {
  if (pw.length < policy.minLength || passwordClasses(pw) < policy.minClasses) {
    return `密码至少 ${policy.minLength} 位，且包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`;
  }
  if (pw.length > 128) return '密码不能超过 128 位';
  if (containsUsername(pw, username)) return PASSWORD_CONTAINS_USERNAME;
  return null;
}

export function containsUsername(pw: string, username?: string | null): boolean {
  const name = username?.trim().toLowerCase();
  return Boolean(name) && pw.toLowerCase().includes(name!);
}
