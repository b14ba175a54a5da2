import type { RuleObject } from 'antd/es/form';
import { type PasswordPolicy, passwordProblem } from '../../../../shared/src/password';

/**
 * The park's password policy as a form rule, so people see what is missing while they type: length, classes and
 * the user name (when the form knows it). The list of common passwords stays on the server; its answer is shown as
 * the field's error when the form is sent.
 */
export function passwordRule(policy: PasswordPolicy, username?: () => string | undefined): RuleObject {
  return {
    validator: (_, value: string | undefined) => {
      const problem = passwordProblem(value ?? '', policy, username?.());
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  };
}
