// Password rule shared by the server (enforcement) and the web form (instant feedback).
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

export function passwordClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
}

/** A Chinese message describing what is missing, or null when the password is acceptable. */
export function passwordProblem(pw: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string | null {
  if (pw.length < policy.minLength || passwordClasses(pw) < policy.minClasses) {
    return `密码至少 ${policy.minLength} 位，且包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`;
  }
  if (pw.length > 128) return '密码不能超过 128 位';
  return null;
}
