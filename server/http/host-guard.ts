// Which Host and Origin a request may carry, and the security headers every response gets.
// With or without auth: a DNS-rebinding page (Host: rebind.attacker.example) or a cross-site
// socket (Origin: http://evil.example) must never reach the API, the pages or the live feed.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback } from '../config';
import { sendError } from './respond';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Every interface, loopback included: a browser on this host reaches it as localhost.
const WILDCARD = new Set(['0.0.0.0', '::', '']);

/**
 * Next's App Router inlines its bootstrap (`self.__next_f.push(…)`) in <script> tags. Page
 * requests get a fresh nonce (`pageNonce`): Next reads it from the request's CSP header at
 * render time and puts it on every script it emits, and 'strict-dynamic' lets those scripts load
 * the chunks. Every page of this app renders per request, so each gets its nonce; a page that
 * Next prerendered would carry none and not hydrate, which the e2e CSP test would show.
 * 'self' and 'unsafe-inline' are only the fallback for browsers without CSP 3 (which ignore
 * them when a nonce is present). Responses that are no page (JSON, text) allow no script at all.
 * Styles keep 'unsafe-inline': React and recharts write style attributes. React's dev build
 * needs eval; production does not.
 */
export function contentSecurityPolicy(dev: boolean, nonce?: string): string {
  const eval_ = dev ? " 'unsafe-eval'" : '';
  const scripts = nonce
    ? `'nonce-${nonce}' 'strict-dynamic' 'self' 'unsafe-inline'${eval_}`
    : `'self'${eval_}`;
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(dev: boolean): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(dev),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

/** `Example.com:80` → `example.com` (the form URL.host has); null when it is no host at all. */
function normalizeHost(raw: string): string | null {
  if (!raw || /[\s/?#@\\]/.test(raw)) return null;
  try {
    return new URL(`http://${raw}`).host;
  } catch {
    return null;
  }
}

export interface HostGuardOptions {
  /** `server.publicUrl`: origins like `https://ops.example.com`. */
  publicUrls: readonly string[];
  /** The address the server binds (`HOST`). */
  bindHost: string;
  dev?: boolean;
}

/** The allow-lists of one server. The port is known only after listen (PORT=0 in tests). */
export class HostGuard {
  private hosts = new Set<string>();
  private origins = new Set<string>();
  readonly headers: Record<string, string>;

  constructor(private readonly opts: HostGuardOptions) {
    this.headers = securityHeaders(Boolean(opts.dev));
  }

  /** Call once the server listens: loopback names are allowed with the actual port. */
  listening(port: number): void {
    const hosts = new Set<string>();
    const origins = new Set<string>();
    for (const origin of this.opts.publicUrls) {
      const u = new URL(origin);
      origins.add(u.origin);
      hosts.add(u.host);
      // A proxy may forward the default port explicitly (`ops.example.com:443`).
      if (!u.port) hosts.add(`${u.hostname}:${u.protocol === 'https:' ? 443 : 80}`);
    }
    const bind = this.opts.bindHost;
    if (isLoopback(bind) || WILDCARD.has(bind)) {
      const names = ['localhost', '127.0.0.1', '[::1]'];
      if (isLoopback(bind) && bind !== 'localhost')
        names.push(bind.includes(':') ? `[${bind}]` : bind);
      for (const name of names) {
        const host = normalizeHost(`${name}:${port}`);
        if (!host) continue;
        hosts.add(host);
        origins.add(`http://${host}`);
      }
    }
    this.hosts = hosts;
    this.origins = origins;
  }

  /** Sorted, for the start-up log and the docs. */
  allowedHosts(): string[] {
    return [...this.hosts].sort();
  }

  isAllowedHost(raw: string | undefined): boolean {
    const host = raw === undefined ? null : normalizeHost(raw.toLowerCase());
    return host !== null && this.hosts.has(host);
  }

  /** An absent Origin is allowed (same-origin GETs and non-browser clients send none). */
  isAllowedOrigin(raw: string | undefined): boolean {
    if (raw === undefined) return true;
    if (!URL.canParse(raw)) return false;
    return this.origins.has(new URL(raw).origin);
  }

  /** socket.io's allowRequest: right Host, and a browser's Origin must be ours. */
  allowsSocket(req: IncomingMessage): boolean {
    return this.isAllowedHost(req.headers.host) && this.isAllowedOrigin(req.headers.origin);
  }

  /**
   * A page request about to go to Next: a fresh script nonce in the response's CSP and in the
   * request's, where Next reads it to mark the scripts it renders.
   */
  pageNonce(req: IncomingMessage, res: ServerResponse): void {
    const nonce = randomBytes(16).toString('base64');
    const csp = contentSecurityPolicy(Boolean(this.opts.dev), nonce);
    req.headers['content-security-policy'] = csp;
    // For the app's own inline script (app/layout.tsx); always ours, whatever the client sent.
    req.headers['x-nonce'] = nonce;
    res.setHeader('content-security-policy', csp);
  }

  /**
   * Sets the security headers, then checks Host (every method) and Origin (mutations). False
   * when it answered the request itself: 421 for a Host this server does not serve, 403 for a
   * foreign Origin.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    for (const [name, value] of Object.entries(this.headers)) res.setHeader(name, value);
    if (!this.isAllowedHost(req.headers.host)) {
      sendError(
        res,
        'misdirected',
        'this server does not serve that Host; open it at its configured address (server.publicUrl)',
      );
      return false;
    }
    if (!SAFE_METHODS.has(req.method ?? 'GET') && !this.isAllowedOrigin(req.headers.origin)) {
      sendError(res, 'forbidden', 'cross-origin request refused');
      return false;
    }
    return true;
  }
}
