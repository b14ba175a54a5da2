import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Me, SessionStatus } from '../../../shared/src/auth';
import { ApiError, api, setCsrfToken } from './api';

export interface Session {
  me: Me;
  csrfToken: string;
}

export const SESSION_KEY = ['session'] as const;

/**
 * The signed-in user as last confirmed by the server, kept on the device so the console opens without a signal
 * (field work, issue 17): the records captured then wait on the device and are sent under a live session of the same
 * user only. Removed at sign-out and when the server says no one is signed in.
 */
const OFFLINE_ME_KEY = 'parksafe.offline.me';
const keepMe = (me: Me | null) => {
  try {
    if (me) localStorage.setItem(OFFLINE_ME_KEY, JSON.stringify(me));
    else localStorage.removeItem(OFFLINE_ME_KEY);
  } catch {
    // Storage full or disabled: the console then needs a signal to open, as before.
  }
};
function keptMe(): Me | null {
  try {
    const raw = localStorage.getItem(OFFLINE_ME_KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

/** Who is signed in, if anyone: the public probe answers 200 either way, so the sign-in page logs no error. */
async function fetchSession(): Promise<Session | null> {
  let status: SessionStatus;
  try {
    status = await api.get<SessionStatus>('/auth/status');
  } catch (err) {
    // No network: the device's copy of the user (no CSRF token; the sync asks for a live session before sending).
    const kept = err instanceof ApiError && err.status === 0 ? keptMe() : null;
    if (kept) return { me: kept, csrfToken: '' };
    throw err;
  }
  if (!status.signedIn) {
    setCsrfToken(null);
    keepMe(null);
    return null;
  }
  setCsrfToken(status.csrfToken);
  keepMe(status.me);
  return { me: status.me, csrfToken: status.csrfToken };
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
        keepMe(next.me);
        queryClient.setQueryData(SESSION_KEY, next);
      },
      signOut: async () => {
        try {
          await api.post('/auth/logout');
        } finally {
          setCsrfToken(null);
          keepMe(null);
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
