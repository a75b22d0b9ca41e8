// Who is signed in, and the login / logout calls (docs/api.md "Who may call what").
import { z } from 'zod';
import { retryAfterSeconds } from '@/components/auth/retry-after';
import { ErrorBodySchema, getJson, postJson } from './api-client';

// `GET /api/auth/me` has no schema in lib/contracts yet; its documented shape is checked here.
export const UserRoleSchema = z.enum(['viewer', 'operator', 'admin']);
export type UserRole = z.infer<typeof UserRoleSchema>;

export const MeSchema = z.object({
  authEnabled: z.boolean(),
  readOnly: z.boolean(),
  user: z
    .object({
      username: z.string(),
      role: UserRoleSchema,
      via: z.enum(['session', 'token', 'none']),
    })
    .nullable(),
});
export type Me = z.infer<typeof MeSchema>;

export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  return MeSchema.parse(await getJson<unknown>('/api/auth/me', signal));
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

/** Not through postJson: a 401 here means a wrong password, not "go log in". */
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
  await postJson<{ ok: true }>('/api/auth/logout', {});
}
