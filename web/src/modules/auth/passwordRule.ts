import type { FormRule } from 'antd';
import { type PasswordPolicy, passwordProblem } from '../../../../shared/src/password';

/** The park's password policy as a form rule, so people see what is missing while they type. */
export function passwordRule(policy: PasswordPolicy): FormRule {
  return {
    validator: (_, value: string | undefined) => {
      const problem = passwordProblem(value ?? '', policy);
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  };
}
