import type { NodeError, NodeErrorCode } from '../../lib/contracts';
import { redactUrl } from '../../lib/redact';

const RULES: Array<[RegExp, NodeErrorCode]> = [
  [/ECONNREFUSED|connection refused/i, 'refused'],
  [/ENOTFOUND|EAI_AGAIN|getaddrinfo/i, 'dns'],
  [/NOAUTH|WRONGPASS|invalid password|invalid username-password|NOPERM|AUTH.*(failed|without)/i, 'auth_failed'],
  [/ETIMEDOUT|timed? ?out|EHOSTUNREACH|ENETUNREACH/i, 'timeout'],
  [/SSL|TLS|certificate|EPROTO|self[- ]signed/i, 'tls'],
  [/^LOADING|LOADING Redis/i, 'loading'],
  [/Protocol error|unexpected|ERR unknown command/i, 'protocol'],
];

/** Map an ioredis/socket error to a node error code with a readable, secret-free message. */
export function classifyConnectionError(err: unknown): NodeError {
  const raw = err instanceof Error ? `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}` : String(err);
  const code = RULES.find(([re]) => re.test(raw))?.[1] ?? 'unknown';
  let message = redactUrl(err instanceof Error ? err.message : String(err)).slice(0, 300);
  // ioredis says "Protocol error, got "H" as reply type byte": say what that means.
  if (code === 'protocol' && /Protocol error/i.test(message))
    message = `the server on this port does not speak the Redis protocol (an HTTP server, a proxy, another service?): ${message}`;
  return { code, message };
}
