import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import { SESSION_KEY } from './auth';

/**
 * Session expiry, a pending forced password change or a stale CSRF token can surface on any request: the session is
 * re-read then, which shows the sign-in or password screen, or picks up the current token.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: Error) => {
    if (!(error instanceof ApiError)) return;
    if (error.status === 401 && error.code === 'AUTH_REQUIRED') client.setQueryData(SESSION_KEY, null);
    if (error.code === 'PASSWORD_CHANGE_REQUIRED' || error.code === 'CSRF_TOKEN_INVALID') {
      void client.invalidateQueries({ queryKey: SESSION_KEY });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}
