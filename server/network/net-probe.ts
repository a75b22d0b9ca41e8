// The I/O half of the network check: resolve, connect, authenticate, PING and INFO one address
// with the poller's timeouts, on a connection of its own. Never throws: every failure becomes an
// outcome that lib/network/net-verdict explains.
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { parseInfo } from '../../lib/info/info-parser';
import type { ProbeFailure, ProbeOutcome } from '../../lib/network/net-verdict';
import type { NodeCredentials } from '../config';
import { openConnection } from '../consistency/connections';
import { nodeId } from '../redis/redis-url';

export interface ProbeOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  credentials: NodeCredentials;
  /** PINGs for the round-trip figures (seed: `ping -c 10`; Redis PINGs are cheaper). */
  pings?: number;
}

const since = (t0: number) => performance.now() - t0;

function failure(err: unknown, ms: number | null): ProbeFailure {
  const e = err as { code?: string; message?: string };
  const message = String(e?.message ?? err).slice(0, 300);
  let code = typeof e?.code === 'string' ? e.code : (/^([A-Z]+)\b/.exec(message)?.[1] ?? 'ERROR');
  if (/Protocol error/i.test(message)) code = 'PROTOCOL';
  if (/timed? ?out/i.test(message)) code = 'ETIMEDOUT';
  if (/invalid (username-)?password|WRONGPASS/i.test(message)) code = 'WRONGPASS';
  return { ok: false, code, message, ms: ms === null ? null : Math.round(ms) };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(Object.assign(new Error(`${what} timed out after ${ms} ms`), { code: 'ETIMEDOUT' })),
      ms,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function resolve(host: string, timeoutMs: number): Promise<ProbeOutcome['dns']> {
  if (net.isIP(host)) return { ok: true, literal: true };
  const t0 = performance.now();
  try {
    const all = await withTimeout(lookup(host, { all: true }), timeoutMs, 'DNS lookup');
    return { ok: true, ms: since(t0), addresses: all.map((a) => a.address) };
  } catch (err) {
    return failure(err, since(t0));
  }
}

function tcpConnect(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<NonNullable<ProbeOutcome['tcp']>> {
  const t0 = performance.now();
  return new Promise((done) => {
    const socket = net.connect({ host, port });
    const finish = (r: NonNullable<ProbeOutcome['tcp']>) => {
      clearTimeout(timer);
      socket.destroy();
      done(r);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          code: 'ETIMEDOUT',
          message: `no TCP answer within ${timeoutMs} ms`,
          ms: timeoutMs,
        }),
      timeoutMs,
    );
    socket.once('connect', () => finish({ ok: true, ms: since(t0) }));
    socket.once('error', (err) => finish(failure(err, since(t0))));
  });
}

async function authenticate(
  redis: Redis,
  c: NodeCredentials & { password: string },
): Promise<NonNullable<ProbeOutcome['auth']>> {
  const t0 = performance.now();
  try {
    await redis.call('AUTH', ...(c.username ? [c.username, c.password] : [c.password]));
    return { ok: true, ms: since(t0), required: true, ...(c.username ? { user: c.username } : {}) };
  } catch (err) {
    // A password configured for a node that needs none: works, worth no failure.
    if (/without any password configured/i.test((err as Error).message))
      return { ok: true, ms: since(t0), required: false };
    return failure(err, since(t0));
  }
}

/** Without a password the first PING tells: NOAUTH or DENIED is the auth step failing. */
const AUTH_REFUSALS = new Set(['NOAUTH', 'DENIED', 'WRONGPASS']);

async function pings(redis: Redis, count: number): Promise<NonNullable<ProbeOutcome['ping']>> {
  const samplesMs: number[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await redis.ping();
      samplesMs.push(since(t));
    }
    return { ok: true, samplesMs };
  } catch (err) {
    return failure(err, since(t0));
  }
}

async function describe(redis: Redis): Promise<NonNullable<ProbeOutcome['redis']>> {
  const t0 = performance.now();
  try {
    // Two sections, two commands: Redis < 7 takes one section per INFO.
    const [replication, server] = await Promise.all([
      redis.info('replication'),
      redis.info('server'),
    ]);
    const info = parseInfo(`${replication}\r\n${server}`);
    const r = info.replication;
    return {
      ok: true,
      role: r.role,
      ...(info.sections.server?.redis_version
        ? { version: info.sections.server.redis_version }
        : {}),
      ...(r.master_host ? { masterHost: r.master_host } : {}),
      ...(r.master_port ? { masterPort: r.master_port } : {}),
      ...(r.master_link_status ? { linkStatus: r.master_link_status } : {}),
    };
  } catch (err) {
    return failure(err, since(t0));
  }
}

/** DNS → TCP → AUTH → PING → INFO against `host:port`, stopping at the first failure. */
export async function probeAddress(
  host: string,
  port: number,
  opts: ProbeOptions,
): Promise<ProbeOutcome> {
  const out: ProbeOutcome = { host, port, dns: await resolve(host, opts.connectTimeoutMs) };
  if (!out.dns.ok) return out;
  out.tcp = await tcpConnect(host, port, opts.connectTimeoutMs);
  if (!out.tcp.ok) return out;
  // Credentials go through AUTH by hand, so a refusal is told apart from a network failure.
  const { password: _p, username: _u, ...transport } = opts.credentials;
  const redis = openConnection(nodeId(host, port), transport, {
    commandTimeoutMs: opts.commandTimeoutMs,
    connectTimeoutMs: opts.connectTimeoutMs,
    name: 'replicaops-netcheck',
  });
  // A command on a socket that just closed says only "Stream isn't writeable"; the connection's
  // own error (e.g. a protocol error: something else listens there) says why.
  let connectionError: unknown;
  redis.on('error', (err) => (connectionError = err));
  const why = <R extends { ok: true } | ProbeFailure>(r: R): R | ProbeFailure =>
    !r.ok && connectionError && /Stream isn't writeable|Connection is closed/i.test(r.message)
      ? failure(connectionError, r.ms)
      : r;
  try {
    try {
      await redis.connect();
    } catch (err) {
      // TLS handshake, or a connection closed at once (something else than Redis answered).
      out.auth = why(failure(err, null));
      return out;
    }
    const { password } = opts.credentials;
    if (password) {
      out.auth = why(await authenticate(redis, { ...opts.credentials, password }));
      if (!out.auth.ok) return out;
    }
    out.ping = why(await pings(redis, opts.pings ?? 5));
    if (!password) {
      if (!out.ping.ok && AUTH_REFUSALS.has(out.ping.code)) {
        out.auth = out.ping;
        delete out.ping;
        return out;
      }
      out.auth = { ok: true, ms: 0, required: false, verified: out.ping.ok };
    }
    if (!out.ping.ok) return out;
    out.redis = await describe(redis);
    return out;
  } finally {
    redis.disconnect();
  }
}
