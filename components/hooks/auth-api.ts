// Who is signed in, and the login / logout calls (docs/api.md "Who may call what").
import { retryAfterSeconds } from '@/components/auth/retry-after';
import { LogoutResponseSchema, MeSchema, type Me } from '@/lib/contracts';
import { ErrorBodySchema, fetchParsed, postParsed } from './api-client';

export type { Me, UserRole } from '@/lib/contracts';

export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  return fetchParsed('/api/auth/me', MeSchema, signal);
}

/** Operator or admin: may acknowledge, resolve, add notes and remove dead nodes. */
export function canOperate(me: Me | null): boolean {
  return me?.user?.role === 'operator' || me?.user?.role === 'admin';
}

export type LoginResult =
  | { ok: true }
  | { ok: false; reason: 'invalid' | 'auth_off' }
  | { ok: false; reason: 'rate_limited'; retryAfterS: number }
  | { ok: false; reason: 'error'; message: string };

/** Not through postParsed: a 401 here means a wrong password, not "go log in". */
export async function login(username: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'X-ReplicaOps-Request': '1',
      },
      body: JSON.stringify({ username, password }),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (err) {
    return {
      ok: false,
      reason: 'error',
      message: err instanceof Error ? err.message : String(err),
    };
  }
  if (res.ok) return { ok: true };
  if (res.status === 401) return { ok: false, reason: 'invalid' };
  if (res.status === 409) return { ok: false, reason: 'auth_off' };
  if (res.status === 429)
    return {
      ok: false,
      reason: 'rate_limited',
      retryAfterS: retryAfterSeconds(res.headers.get('retry-after'), Date.now()),
    };
  let message = `HTTP ${res.status}`;
  try {
    const body = ErrorBodySchema.safeParse(await res.json());
    if (body.success) message = body.data.error.message;
  } catch {
    // not JSON: keep the status line
  }
  return { ok: false, reason: 'error', message };
}

export async function logout(): Promise<void> {
  await postParsed('/api/auth/logout', {}, LogoutResponseSchema);
}
