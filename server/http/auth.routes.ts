import { z } from 'zod';
import type { AuthService } from '../auth/auth-service';
import { parseCookies } from '../auth/identity';
import { SESSION_COOKIE } from '../auth/auth-service';
import { readJson } from './body';
import { HttpError } from './respond';
import type { Router } from './router';
import { validate } from './validate';

const LoginBodySchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();

function isSecure(headers: Record<string, string | string[] | undefined>, encrypted: boolean): boolean {
  return encrypted || headers['x-forwarded-proto'] === 'https';
}

export function authRoutes(router: Router, auth: AuthService): void {
  // Who am I, and is auth on at all (the UI shows the "authentication off" banner from this).
  router.on('GET', '/api/auth/me', ({ req }) => {
    const me = auth.identify(req.headers);
    return {
      authEnabled: auth.enabled,
      readOnly: auth.readOnly,
      user: me ? { username: me.username, role: me.role, via: me.via } : null,
    };
  }, { role: 'public' });

  // Log in with a local user; sets the session cookie. A growing delay per user name and per address.
  router.on('POST', '/api/auth/login', async ({ req, res }) => {
    if (!auth.enabled) throw new HttpError('conflict', 'authentication is off (no auth section in the config)');
    const body = validate(LoginBodySchema, await readJson(req, 4096), 'body');
    const r = await auth.login(body.username, body.password, req);
    if (!r.ok && r.reason === 'rate_limited') {
      const seconds = Math.ceil((r.retryAfterMs ?? 60_000) / 1000);
      res.setHeader('retry-after', String(seconds));
      throw new HttpError('rate_limited', `too many failed logins for this user name or from this address; try again in ${seconds} s`);
    }
    if (!r.ok) throw new HttpError('unauthorized', 'wrong user name or password');
    res.setHeader('set-cookie', auth.sessionCookie(r.sessionId, r.expiresAt, isSecure(req.headers, Boolean((req.socket as { encrypted?: boolean }).encrypted))));
    return { user: { username: r.identity.username, role: r.identity.role }, expiresAt: r.expiresAt };
  }, { role: 'public' });

  // End the session (revoked server-side at once).
  router.on('POST', '/api/auth/logout', ({ req, res }) => {
    auth.logout(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
    res.setHeader('set-cookie', auth.clearCookie(isSecure(req.headers, false)));
    return { ok: true };
  }, { role: 'public' });
}
