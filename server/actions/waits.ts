// Waiting on real nodes: link up (with full-sync byte progress), offsets converged, and the
// state each node was left in. Every wait is bounded and says what it was waiting for.
import type { PreflightCheck, RunNodeState } from '../../lib/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { check } from './checks';
import type { LiveNode, RunContext } from './types';

async function until<T>(
  ctx: RunContext,
  timeoutMs: number,
  probe: () => Promise<T | null>,
): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ctx.signal?.aborted) throw new Error('the server is stopping; the run was interrupted');
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() >= deadline) return null;
    await sleep(ctx.timeouts.pollMs);
  }
}

/** A failed SYNC retry shows a transfer for milliseconds once a second; a real one is continuous. */
const LASTING_TRANSFER_MS = 1500;

/**
 * Has `upstream` accepted `replica`? Link up, RDB bytes arriving, listed among the upstream's
 * replicas (e.g. `wait_bgsave` while the RDB is produced), or a transfer seen on every probe for
 * 1.5 s: a replica refused PSYNC retries with SYNC and reports master_sync_in_progress:1 for an
 * instant on each attempt (a loaded machine caught it on two probes in a row once), while a
 * real transfer waiting for a big BGSAVE — listed under another address behind NAT — is 1 all along.
 */
export async function acceptedBy(ctx: RunContext, n: LiveNode, upstream: string): Promise<boolean> {
  const toUpstream = (x: LiveNode) =>
    x.reachable && x.role === 'replica' && x.upstream === upstream;
  if (toUpstream(n) && (n.linkStatus === 'up' || (n.syncReadBytes ?? 0) > 0)) return true;
  const up = await ctx.live.probe(upstream);
  if (up.replicas.some((r) => r.id === n.id)) return true;
  if (!toUpstream(n) || !n.syncInProgress) return false;
  const until = Date.now() + LASTING_TRANSFER_MS;
  while (Date.now() < until) {
    await sleep(ctx.timeouts.pollMs);
    const again = await ctx.live.probe(n.id);
    if (toUpstream(again) && (again.linkStatus === 'up' || (again.syncReadBytes ?? 0) > 0))
      return true;
    if (!toUpstream(again) || !again.syncInProgress) return false;
  }
  return true;
}

/** Resolves once `replica` replicates from `upstream` with the link up; reports sync bytes. */
export async function waitLinkUp(
  ctx: RunContext,
  replica: string,
  upstream: string,
  timeoutMs: number,
): Promise<LiveNode> {
  let last: LiveNode | null = null;
  let lastRead = -1;
  // A replica its upstream accepts is accepted within a second or two, whatever the dataset
  // size. One still not accepted long after that never got past the handshake (auth, ACL,
  // address, firewall).
  const handshakeBy = Date.now() + Math.min(timeoutMs, ctx.timeouts.handshakeMs);
  let pastHandshake = false;
  let stuck = false;
  const ok = await until(ctx, timeoutMs, async () => {
    const n = await ctx.live.probe(replica);
    last = n;
    const toUpstream = n.reachable && n.role === 'replica' && n.upstream === upstream;
    if (!pastHandshake && Date.now() >= handshakeBy) {
      if (await acceptedBy(ctx, n, upstream)) pastHandshake = true;
      else {
        stuck = true;
        return n;
      }
    }
    if (n.syncInProgress && n.syncReadBytes !== undefined && n.syncReadBytes !== lastRead) {
      lastRead = n.syncReadBytes;
      const total = n.syncTotalBytes && n.syncTotalBytes > 0 ? n.syncTotalBytes : null;
      ctx.progress({
        phase: 'sync',
        message: {
          en: `${replica}: full sync, ${n.syncReadBytes} bytes received`,
          zh: `${replica}：全量同步，已接收 ${n.syncReadBytes} 字节`,
        },
        sync: {
          readBytes: n.syncReadBytes,
          totalBytes: total,
          percent: total ? Math.min(100, (n.syncReadBytes / total) * 100) : null,
        },
      });
    }
    return toUpstream && n.linkStatus === 'up' ? n : null;
  });
  if (stuck)
    throw new Error(
      `${replica} has not started syncing from ${upstream} after ${Math.round(ctx.timeouts.handshakeMs / 1000)} s: it does not get past the handshake (wrong address or port, masterauth/masteruser, a firewall, or ${upstream} refusing it); its log says which`,
    );
  if (ok) return ok;
  const seen = last as LiveNode | null;
  throw new Error(
    `${replica} did not get an up link to ${upstream} within ${timeoutMs} ms (now: ${seen ? describe(seen) : 'no answer'})`,
  );
}

/** Converged: the replica has processed everything the upstream had when we started looking. */
export async function convergeCheck(
  ctx: RunContext,
  replica: string,
  upstream: string,
): Promise<PreflightCheck> {
  const up = await ctx.live.probe(upstream);
  if (!up.reachable)
    return check('offsets_converge', false, `${upstream} does not answer`, `${upstream} 不可达`);
  const target = up.masterOffset;
  let seen = 0;
  const ok = await until(ctx, ctx.timeouts.convergeMs, async () => {
    const r = await ctx.live.probe(replica);
    seen = r.replicaOffset ?? 0;
    return seen >= target ? r : null;
  });
  return ok
    ? check(
        'offsets_converge',
        true,
        `${replica} reached ${upstream}'s offset ${target}`,
        `${replica} 已追平 ${upstream} 的偏移量 ${target}`,
      )
    : check(
        'offsets_converge',
        false,
        `${replica} stayed at ${seen}, ${target - seen} bytes behind ${upstream} after ${ctx.timeouts.convergeMs} ms`,
        `${replica} 停在 ${seen}，落后 ${upstream} ${target - seen} 字节`,
      );
}

/** Link up within the sync budget, then offsets converged: the usual end of a replica action. */
export async function linkAndConverge(
  ctx: RunContext,
  replica: string,
  upstream: string,
): Promise<PreflightCheck[]> {
  try {
    await waitLinkUp(ctx, replica, upstream, ctx.timeouts.syncMs);
  } catch (err) {
    return [check('link_up', false, (err as Error).message)];
  }
  return [
    check(
      'link_up',
      true,
      `${replica} replicates from ${upstream}, link up`,
      `${replica} 正在从 ${upstream} 复制，链路正常`,
    ),
    await convergeCheck(ctx, replica, upstream),
  ];
}

export function describe(n: LiveNode): string {
  if (!n.reachable) return `unreachable (${n.error?.message ?? 'no answer'})`;
  return n.role === 'replica'
    ? `replica of ${n.upstream ?? '?'}, link ${n.linkStatus ?? '?'}`
    : `master, offset ${n.masterOffset}`;
}

/** describe() in Chinese (Redis' own error text stays as Redis wrote it). */
export function describeZh(n: LiveNode): string {
  if (!n.reachable) return `不可达（${n.error?.message ?? '无响应'}）`;
  return n.role === 'replica'
    ? `${n.upstream ?? '?'} 的从节点，链路 ${n.linkStatus ?? '?'}`
    : `主节点，偏移量 ${n.masterOffset}`;
}

export async function nodeStates(ctx: RunContext, ids: string[]): Promise<RunNodeState[]> {
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      const n = await ctx.live.probe(id);
      const s: RunNodeState = { nodeId: n.id, reachable: n.reachable };
      if (!n.reachable) return { ...s, error: n.error?.message ?? 'no answer' };
      if (n.role) s.role = n.role;
      if (n.upstream) s.upstream = n.upstream;
      if (n.linkStatus) s.linkStatus = n.linkStatus;
      s.offset = n.role === 'replica' ? (n.replicaOffset ?? n.masterOffset) : n.masterOffset;
      return s;
    }),
  );
}
