// Where to send the operator after logging in. Only a path on this site: a crafted `?next=` must
// not turn the login page into an open redirect (`//evil.example`, `/\evil.example`, schemes).
const PROBE_ORIGIN = 'http://replicaops.invalid';

export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//')) return '/';
  // Browsers read `\` as `/` and drop tabs and newlines, so `/\x` and `/\t/x` become `//x`.
  if (raw.includes('\\') || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f'))
    return '/';
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PROBE_ORIGIN) return '/';
  // Back to the login page would only ask again.
  if (url.pathname === '/login') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login page, remembering where to come back to. */
export function loginPath(next: string): string {
  const safe = safeNextPath(next);
  return safe === '/' ? '/login' : `/login?next=${encodeURIComponent(safe)}`;
}
