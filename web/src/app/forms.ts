import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from './api';

/** Puts the server's per-field messages on the form's fields of the same name. */
export function markFields(form: FormInstance, error: ApiError): void {
  form.setFields(Object.entries(error.fields).map(([name, text]) => ({ name, errors: [text] })));
}

/** Shows a failed request: the server's message as a toast, and its per-field messages on the form. */
export function useShowError(form?: FormInstance) {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && form) markFields(form, error);
      message.error(error instanceof Error ? error.message : String(error));
    },
    [form, message],
  );
}
