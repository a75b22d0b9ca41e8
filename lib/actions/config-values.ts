// Which settings config.apply may touch, and whether CONFIG GET now shows what was set
// (Redis normalises: `64mb` reads back as `67108864`, `replica` as `slave`).

/** Replication, persistence and memory settings the findings recommend. */
export const APPLICABLE_CONFIG: ReadonlySet<string> = new Set([
  'save',
  'appendonly',
  'appendfsync',
  'repl-backlog-size',
  'repl-backlog-ttl',
  'repl-timeout',
  'repl-ping-replica-period',
  'repl-diskless-sync',
  'repl-diskless-sync-delay',
  'repl-diskless-sync-max-replicas',
  'repl-diskless-load',
  'repl-disable-tcp-nodelay',
  'tcp-keepalive',
  'client-output-buffer-limit',
  'min-replicas-to-write',
  'min-replicas-max-lag',
  'replica-read-only',
  'replica-serve-stale-data',
  'replica-priority',
  'replica-lazy-flush',
  'stop-writes-on-bgsave-error',
  'maxmemory',
  'maxmemory-policy',
]);

/**
 * Secrets are never typed into the browser or stored in a plan: `replica.reattach` sets
 * masterauth from the server's own credentials for the upstream instead.
 */
export const SECRET_CONFIG: ReadonlySet<string> = new Set([
  'masterauth',
  'masteruser',
  'requirepass',
  'tls-key-file-pass',
  'tls-client-key-file-pass',
]);

const UNITS: Record<string, number> = {
  k: 1e3,
  kb: 1024,
  m: 1e6,
  mb: 1024 ** 2,
  g: 1e9,
  gb: 1024 ** 3,
};

/** Redis memory notation → bytes (`64mb` → 67108864); null when it is not one. */
export function parseMemory(value: string): number | null {
  const m = /^(-?\d+)(k|kb|m|mb|g|gb)?$/i.exec(value.trim());
  if (!m) return null;
  return Number(m[1]) * (m[2] ? (UNITS[m[2].toLowerCase()] ?? 1) : 1);
}

function sameToken(a: string, b: string): boolean {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  if (x === y) return true;
  const mx = parseMemory(x);
  return mx !== null && mx === parseMemory(y);
}

/** `normal 0 0 0 replica 256mb 64mb 60` → class → three limits; `replica` is Redis' `slave`. */
function bufferClasses(value: string): Map<string, string[]> | null {
  const t = value.trim().split(/\s+/);
  if (t.length % 4 !== 0) return null;
  const out = new Map<string, string[]>();
  for (let i = 0; i < t.length; i += 4) {
    const cls = (t[i] ?? '').toLowerCase();
    out.set(cls === 'replica' ? 'slave' : cls, t.slice(i + 1, i + 4));
  }
  return out;
}

/** True when the value Redis reports matches what was set, after Redis' own normalisation. */
export function sameConfigValue(name: string, wanted: string, actual: string): boolean {
  if (name === 'client-output-buffer-limit') {
    const w = bufferClasses(wanted);
    const a = bufferClasses(actual);
    if (!w || !a) return false;
    return [...w].every(([cls, limits]) => {
      const got = a.get(cls);
      return !!got && limits.every((v, i) => sameToken(v, got[i] ?? ''));
    });
  }
  const w = wanted.trim().split(/\s+/);
  const a = actual.trim().split(/\s+/);
  return w.length === a.length && w.every((v, i) => sameToken(v, a[i] ?? ''));
}
