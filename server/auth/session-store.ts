// Login sessions in SQLite. Only a SHA-256 of the session id is stored, so a copy of the
// database file opens no session. Each session carries a fingerprint of the user's entry in
// the config (password hash and role): change either and the user's sessions end.
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/database';
import type { Role } from './identity';
import { sha256Hex } from './password';

export interface ConfigUser {
  username: string;
  role: Role;
  passwordHash: string;
}

interface SessionRow {
  username: string;
  fingerprint: string;
  expires_at: number;
}

const SESSION_ID = /^[A-Za-z0-9_-]{20,100}$/;

/** Changes when the password hash or the role changes; the hash's salt keeps it unguessable. */
export function userFingerprint(u: ConfigUser): string {
  return sha256Hex(`${u.username}\n${u.role}\n${u.passwordHash}`);
}

export class SessionStore {
  constructor(private readonly db: Db) {
    db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(Date.now());
  }

  /** Everyone logs in again (auth.sessionsSurviveRestart: false). */
  clear(): number {
    return this.db.prepare('DELETE FROM sessions').run().changes;
  }

  create(user: ConfigUser, ttlMs: number, now = Date.now()): { id: string; expiresAt: number } {
    const id = randomBytes(32).toString('base64url');
    const expiresAt = now + ttlMs;
    this.db
      .prepare(
        'INSERT INTO sessions (id_hash, username, role, fingerprint, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(sha256Hex(id), user.username, user.role, userFingerprint(user), now, expiresAt);
    return { id, expiresAt };
  }

  /** The config user behind a live session id; a session whose user changed is ended here. */
  find(id: string, users: readonly ConfigUser[], now = Date.now()): ConfigUser | null {
    if (!SESSION_ID.test(id)) return null;
    const idHash = sha256Hex(id);
    const row = this.db
      .prepare('SELECT username, fingerprint, expires_at FROM sessions WHERE id_hash = ?')
      .get(idHash) as SessionRow | undefined;
    if (!row) return null;
    const user = users.find((u) => u.username === row.username);
    if (row.expires_at < now || !user || userFingerprint(user) !== row.fingerprint) {
      this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
      return null;
    }
    return user;
  }

  end(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha256Hex(id));
  }
}
