// Canary (seed §5.2, done right): a unique key with a TTL on each master, every replica of its
// subtree (direct and chained) watched on its own connection until the key shows or the
// timeout passes, propagation time per replica, then the key is deleted again.
import type { Redis } from 'ioredis';
import type { SubtreeEntry } from '../../lib/consistency/topology-walk';
import type { CanaryReplicaResult, CanaryReport } from '../../lib/contracts';
import { logger } from '../logger';
import { connect } from './connections';
import { sleep } from './abortable';
import { errorText } from '../error-text';

const log = logger('consistency');
export const CANARY_PREFIX = 'replicaops:canary:';
/** Time between reads of one replica: the propagation time's resolution. */
const POLL_GAP_MS = 1;
/** The key outlives the check by this much, so a slow replica still gets it before it expires. */
const TTL_MARGIN_MS = 60_000;

export interface CanaryInput {
  id: string;
  masters: Array<{ master: string; replicas: SubtreeEntry[] }>;
  timeoutMs: number;
  open: (nodeId: string) => Redis;
  signal: AbortSignal;
  onReplicaDone: (done: number, total: number) => void;
}

export async function runCanary(input: CanaryInput): Promise<CanaryReport> {
  const key = `${CANARY_PREFIX}${input.id}`;
  const total = input.masters.reduce((n, m) => n + m.replicas.length, 0);
  let done = 0;
  const finished = () => input.onReplicaDone(++done, total);
  const perMaster = await Promise.all(input.masters.map((m) => canaryOnMaster(input, key, m.master, m.replicas, finished)));
  const replicas = perMaster.flat();
  return { masters: input.masters.map((m) => m.master), key, timeoutMs: input.timeoutMs, replicas, failed: replicas.filter((r) => !r.seen).length };
}

async function canaryOnMaster(
  input: CanaryInput,
  key: string,
  master: string,
  replicas: SubtreeEntry[],
  finished: () => void,
): Promise<CanaryReplicaResult[]> {
  const conns = new Map<string, Redis>();
  const open = (id: string) => {
    const c = input.open(id);
    conns.set(id, c);
    return c;
  };
  try {
    const m = await connect(open(master));
    // Connect to every replica first: dialling time is not propagation time.
    const watchers = await Promise.all(replicas.map(async (r) => ({ r, conn: await connect(open(r.replica)).catch((err: Error) => err) })));
    const value = `${input.id}:${Date.now()}`;
    const t0 = performance.now();
    await m.set(key, value, 'PX', input.timeoutMs + TTL_MARGIN_MS);
    const deadline = t0 + input.timeoutMs;
    const results = await Promise.all(
      watchers.map(async ({ r, conn }) => {
        const res = await watch(conn, key, value, t0, deadline, input.signal);
        finished();
        return { replica: r.replica, upstream: r.upstream, master, depth: r.depth, ...res };
      }),
    );
    await m.del(key).catch((err: Error) => log.warn({ master, err: err.message }, 'could not delete the canary key; it expires by itself'));
    return results;
  } finally {
    for (const c of conns.values()) c.disconnect();
  }
}

async function watch(
  conn: Redis | Error,
  key: string,
  value: string,
  t0: number,
  deadline: number,
  signal: AbortSignal,
): Promise<Pick<CanaryReplicaResult, 'seen' | 'propagationMs' | 'error'>> {
  let error = conn instanceof Error ? conn.message : undefined;
  while (performance.now() < deadline && !signal.aborted) {
    if (!(conn instanceof Error)) {
      try {
        if ((await conn.get(key)) === value) return { seen: true, propagationMs: Math.round((performance.now() - t0) * 100) / 100 };
        error = undefined;
      } catch (err) {
        error = errorText(err);
      }
    }
    await sleep(POLL_GAP_MS).catch(() => undefined);
  }
  return error ? { seen: false, propagationMs: null, error } : { seen: false, propagationMs: null };
}
