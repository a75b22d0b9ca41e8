// Who is asking: session cookies (local users, scrypt hashes) and API bearer tokens (SHA-256 in
// the config). Sessions live in SQLite so a restart does not log everyone out, and logout
// revokes at once. With no `auth` section, auth is off and the server is loopback-only.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Config } from '../config';
import { logger } from '../logger';
import type { Db } from '../store/database';
import { clientAddress, parseCookies, type Identity, type Role } from './identity';
import { sameDigest, sha256Hex, verifyPassword } from './password';
import { RateLimiter } from './rate-limiter';

const log = logger('auth');
export const SESSION_COOKIE = 'replicaops_session';

export type LoginResult = { ok: true; identity: Identity; sessionId: string; expiresAt: number } | { ok: false; reason: 'invalid' | 'rate_limited'; retryAfterMs?: number };

interface SessionRow {
  id: string;
  username: string;
  role: Role;
  expires_at: number;
}

export class AuthService {
  private readonly loginLimiter = new RateLimiter(5, 60_000);
  readonly enabled: boolean;

  constructor(
    private readonly config: Config,
    private readonly db: Db,
  ) {
    this.enabled = Boolean(config.auth);
    db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(Date.now());
  }

  get readOnly(): boolean {
    return this.config.readOnly;
  }

  /** The identity behind a request or socket handshake; null when it proves none. */
  identify(headers: IncomingMessage['headers'], tokenFromHandshake?: string): Identity | null {
    if (!this.enabled) return { username: 'local', role: 'admin', via: 'none' };
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1] ?? tokenFromHandshake;
    if (bearer) return this.byToken(bearer);
    const sid = parseCookies(headers.cookie)[SESSION_COOKIE];
    return sid ? this.bySession(sid) : null;
  }

  private byToken(token: string): Identity | null {
    const digest = sha256Hex(token);
    const t = this.config.auth?.tokens.find((x) => sameDigest(x.sha256, digest));
    return t ? { username: `token:${t.name}`, role: t.role, via: 'token' } : null;
  }

  private bySession(id: string): Identity | null {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
    if (!row || row.expires_at < Date.now()) return null;
    // A user removed from the config, or whose role changed, loses or changes access at once.
    const user = this.config.auth?.users.find((u) => u.username === row.username);
    if (!user) return null;
    return { username: user.username, role: user.role, via: 'session', sessionId: id };
  }

  async login(username: string, password: string, req: IncomingMessage): Promise<LoginResult> {
    const key = `${clientAddress(req)}|${username.toLowerCase()}`;
    const wait = this.loginLimiter.take(key);
    if (wait > 0) return { ok: false, reason: 'rate_limited', retryAfterMs: wait };
    const user = this.config.auth?.users.find((u) => u.username === username);
    // Verify against a dummy hash for unknown users so timing does not reveal who exists.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      log.warn({ username, from: clientAddress(req) }, 'login failed');
      return { ok: false, reason: 'invalid' };
    }
    this.loginLimiter.reset(key);
    const id = randomBytes(32).toString('base64url');
    const now = Date.now();
    const expiresAt = now + this.config.auth!.sessionTtlMs;
    this.db.prepare('INSERT INTO sessions (id, username, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(id, user.username, user.role, now, expiresAt);
    log.info({ username }, 'login');
    return { ok: true, identity: { username: user.username, role: user.role, via: 'session', sessionId: id }, sessionId: id, expiresAt };
  }

  logout(sessionId: string | undefined): void {
    if (sessionId) this.db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
  }

  /** Set-Cookie value: httpOnly, SameSite=Strict, Secure when the request came over TLS. */
  sessionCookie(sessionId: string, expiresAt: number, secure: boolean): string {
    const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
    return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
  }

  clearCookie(secure: boolean): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
  }
}

// scrypt of a random password: only used to spend the same time on unknown user names.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
