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

/** Commands whose arguments are credentials (`AUTH user pass`, `HELLO 3 AUTH user pass`). */
const CREDENTIAL_COMMAND = /^(auth|hello|migrate)$/i;

/**
 * Deep copy with every secret-looking key masked and every URL's credentials removed.
 * Typed as its input: callers pass payloads and log objects and keep their type. The one cast
 * says what redaction changes — a secret leaf becomes `'***'`, an Error its plain log form — and
 * that is what must leave the server in place of the original.
 */
export function redactDeep<T>(value: T, depth = 0): T {
  return redactValue(value, depth) as T;
}

function redactValue(value: unknown, depth: number): unknown {
  if (depth > 8) return value;
  if (typeof value === 'string') return redactUrl(value);
  if (Array.isArray(value)) return value.map((v: unknown) => redactValue(v, depth + 1));
  // An Error's message and stack are not own enumerable keys: copied like an object it would log `{}`.
  if (value instanceof Error) return redactError(value, depth);
  if (value && typeof value === 'object') return redactObject(Object.entries(value), depth);
  return value;
}

function redactObject(entries: Array<[string, unknown]>, depth: number): Record<string, unknown> {
  const isCredentialCommand = entries.some(([k, v]) => k === 'name' && typeof v === 'string' && CREDENTIAL_COMMAND.test(v));
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const secret = (SECRET_KEY.test(k) && v !== undefined && v !== null && typeof v !== 'boolean') || (isCredentialCommand && k === 'args');
    out[k] = secret ? '***' : redactValue(v, depth + 1);
  }
  return out;
}

/** `{ type, message, code?, stack, cause?, …own fields }`, every string through the sanitizer. */
function redactError(err: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.name, message: redactUrl(err.message) };
  Object.assign(out, redactObject(Object.entries(err), depth + 1));
  const code = 'code' in err ? err.code : undefined;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (err.stack) out.stack = redactUrl(err.stack);
  if (err.cause !== undefined) out.cause = redactValue(err.cause, depth + 1);
  return out;
}
