import type { IncomingMessage } from 'node:http';

export type Role = 'viewer' | 'operator' | 'admin';
export type MinRole = Role | 'public';

export interface Identity {
  username: string;
  role: Role;
  /** How the request proved who it is: a login session, an API token, or auth is off. */
  via: 'session' | 'token' | 'none';
  sessionId?: string;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(identity: Identity | null, min: MinRole): boolean {
  if (min === 'public') return true;
  return identity !== null && RANK[identity.role] >= RANK[min];
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim();
    try {
      out[k] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A malformed cookie value is ignored, never thrown on.
    }
  }
  return out;
}

/** The client address for rate limits (the socket's; no proxy headers are trusted). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
