// The one sanitizer: everything that leaves the server (logs, API payloads, socket events)
// passes credentials through here.

const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]*)(:[^/@\s]*)?@/gi;
const SECRET_KEY = /pass(word)?|secret|token|auth|masterauth|requirepass|cookie|hash/i;

/** `redis://user:pw@host:1` → `redis://user:***@host:1`; plain text is left alone. */
export function redactUrl(text: string): string {
  return text.replace(URL_CREDENTIALS, (_m, scheme: string, user: string, pass?: string) =>
    pass ? `${scheme}${user}:***@` : `${scheme}${user ? '***' : ''}@`,
  );
}

/** Deep copy with every secret-looking key masked and every URL's credentials removed. */
export function redactDeep<T>(value: T, depth = 0): T {
  if (depth > 8) return value;
  if (typeof value === 'string') return redactUrl(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] =
        SECRET_KEY.test(k) && v !== undefined && v !== null && typeof v !== 'boolean'
          ? '***'
          : redactDeep(v, depth + 1);
    }
    return out as T;
  }
  return value;
}
