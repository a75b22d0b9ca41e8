// Who is asking: session cookies (local users, scrypt hashes) and API bearer tokens (SHA-256 in
// the config). Sessions live in SQLite (only a hash of each id) so a restart need not log
// everyone out (auth.sessionsSurviveRestart), logout revokes at once, and a changed password
// hash or role in the config ends the user's sessions. With no `auth` section, auth is off and
// the server is loopback-only.
import type { IncomingMessage } from 'node:http';
import type { Config } from '../config';
import { logger } from '../logger';
import type { Db } from '../store/database';
import { clientAddress, parseCookies, type Identity } from './identity';
import { ADDRESS_POLICY, ProgressiveLimiter, USER_POLICY } from './login-limiter';
import { dummyHashLike, sameDigest, sha256Hex, verifyPassword } from './password';
import { SessionStore } from './session-store';

const log = logger('auth');
export const SESSION_COOKIE = 'replicaops_session';

export type LoginResult = { ok: true; identity: Identity; sessionId: string; expiresAt: number } | { ok: false; reason: 'invalid' | 'rate_limited'; retryAfterMs?: number };

export class AuthService {
  private readonly byUser = new ProgressiveLimiter(USER_POLICY);
  private readonly byAddress = new ProgressiveLimiter(ADDRESS_POLICY);
  private readonly sessions: SessionStore;
  /** Unknown user names are checked against this, with the users' own scrypt cost. */
  private readonly dummyHash: string;
  readonly enabled: boolean;

  constructor(
    private readonly config: Config,
    db: Db,
  ) {
    this.enabled = Boolean(config.auth);
    this.sessions = new SessionStore(db);
    this.dummyHash = dummyHashLike(config.auth?.users.map((u) => u.passwordHash) ?? []);
    if (config.auth && !config.auth.sessionsSurviveRestart) {
      const ended = this.sessions.clear();
      if (ended) log.info({ ended }, 'sessions ended at start (auth.sessionsSurviveRestart: false)');
    }
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
    // A user removed from the config, or whose password hash or role changed, is logged out.
    const user = this.sessions.find(id, this.config.auth?.users ?? []);
    return user ? { username: user.username, role: user.role, via: 'session', sessionId: id } : null;
  }

  /**
   * Limited per user name (across addresses) and per address (across names), with a growing
   * delay rather than a lockout; an unknown name costs the same hashing and the same limits.
   */
  async login(username: string, password: string, req: IncomingMessage): Promise<LoginResult> {
    const address = clientAddress(req);
    const userKey = username.toLowerCase();
    const wait = Math.max(this.byUser.wait(userKey), this.byAddress.wait(address));
    if (wait > 0) return { ok: false, reason: 'rate_limited', retryAfterMs: wait };
    this.byUser.count(userKey);
    this.byAddress.count(address);
    const user = this.config.auth?.users.find((u) => u.username === username);
    const ok = await verifyPassword(password, user?.passwordHash ?? this.dummyHash);
    if (!user || !ok) {
      this.byUser.failed(userKey);
      this.byAddress.failed(address);
      log.warn({ username, from: address }, 'login failed');
      return { ok: false, reason: 'invalid' };
    }
    this.byUser.succeeded(userKey, true);
    this.byAddress.succeeded(address, false);
    const { id, expiresAt } = this.sessions.create(user, this.config.auth!.sessionTtlMs);
    log.info({ username }, 'login');
    return { ok: true, identity: { username: user.username, role: user.role, via: 'session', sessionId: id }, sessionId: id, expiresAt };
  }

  logout(sessionId: string | undefined): void {
    if (sessionId) this.sessions.end(sessionId);
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
