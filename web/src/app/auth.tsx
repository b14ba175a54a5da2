import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Me } from '../../../shared/src/auth';
import { ApiError, api, setCsrfToken } from './api';

export interface Session {
  me: Me;
  csrfToken: string;
}

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

interface Auth {
  me: Me | null;
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<unknown>;
}

const AuthContext = createContext<Auth | null>(null);

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: 1 });
}

export function AuthProvider({ session, children }: { session: Session | null; children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const value = useMemo<Auth>(
    () => ({
      me: session?.me ?? null,
      signedIn: (next) => {
        setCsrfToken(next.csrfToken);
        queryClient.setQueryData(SESSION_KEY, next);
      },
      signOut: async () => {
        try {
          await api.post('/auth/logout');
        } finally {
          setCsrfToken(null);
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
          queryClient.setQueryData(SESSION_KEY, null);
          // The next person to sign in on this screen starts from home, not from a page their role may not have.
          navigate('/', { replace: true });
        }
      },
      refresh: () => queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
    }),
    [session, queryClient, navigate],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** For pages only shown to a signed-in user. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
