// Preflight building blocks shared by the actions: each check says what was looked at, live.
import type { Bilingual, PreflightCheck, Topology } from '../../lib/contracts';
import { cycleIfAttached, upstreamMap } from '../../lib/actions/topology-checks';
import type { LiveNode } from './types';

export function check(id: string, ok: boolean, detail: string, detailZh?: string): PreflightCheck {
  return detailZh === undefined ? { check: id, ok, detail } : { check: id, ok, detail, detailZh };
}

/** Reachable, and our configured credentials work (an auth failure is not "down"). */
export function reachability(node: LiveNode, label: string): PreflightCheck[] {
  if (node.reachable)
    return [
      check('reachable', true, `${label} ${node.id} answers`, `${label} ${node.id} 可达`),
      check(
        'credentials',
        true,
        `${node.id} accepted the configured credentials`,
        `${node.id} 接受了配置的凭据`,
      ),
    ];
  if (node.error?.code === 'auth_failed')
    return [
      check('reachable', true, `${label} ${node.id} answers`, `${label} ${node.id} 可达`),
      check(
        'credentials',
        false,
        `${node.id} rejects the configured credentials: ${node.error.message}`,
        `${node.id} 拒绝了配置的凭据`,
      ),
    ];
  const why = node.error?.message ?? 'no answer';
  return [
    check(
      'reachable',
      false,
      `${label} ${node.id} does not answer: ${why}`,
      `${label} ${node.id} 不可达：${why}`,
    ),
  ];
}

export function roleCheck(node: LiveNode, expected: 'master' | 'replica'): PreflightCheck {
  if (!node.reachable)
    return check(
      'role',
      false,
      `role of ${node.id} unknown (not reachable)`,
      `${node.id} 角色未知（不可达）`,
    );
  return check(
    'role',
    node.role === expected,
    node.role === expected
      ? `${node.id} is a ${expected}`
      : `${node.id} is a ${node.role ?? 'node of unknown role'}, expected a ${expected}`,
    node.role === expected
      ? `${node.id} 是${expected === 'master' ? '主节点' : '从节点'}`
      : `${node.id} 当前角色为 ${node.role ?? '未知'}，预期为 ${expected}`,
  );
}

/** The topology as the monitor saw it, corrected by what the live probes just said. */
export function liveUpstreams(
  topology: Topology,
  probes: LiveNode[],
): Map<string, string | undefined> {
  const m = upstreamMap(topology);
  for (const p of probes)
    if (p.reachable) m.set(p.id, p.role === 'replica' ? p.upstream : undefined);
  return m;
}

export function cycleCheck(
  upstreams: Map<string, string | undefined>,
  replica: string,
  upstream: string,
): PreflightCheck {
  const ring = cycleIfAttached(upstreams, replica, upstream);
  return ring
    ? check(
        'no_cycle',
        false,
        `REPLICAOF would close a replication cycle ${ring.join(' → ')}: no node would be a master, writes stall everywhere and Redis does not detect it`,
        `该操作会形成复制环 ${ring.join(' → ')}：没有主节点，所有写入停滞，且 Redis 不会检测到`,
      )
    : check(
        'no_cycle',
        true,
        `no cycle: following ${upstream} upstream never reaches ${replica}`,
        `不会成环：从 ${upstream} 向上追溯不会回到 ${replica}`,
      );
}

/** The upstream itself must be able to serve a sync: a master, or a replica with its link up. */
export function upstreamHealth(up: LiveNode): PreflightCheck {
  if (!up.reachable)
    return check('upstream_healthy', false, `${up.id} is not reachable`, `${up.id} 不可达`);
  if (up.loading)
    return check(
      'upstream_healthy',
      false,
      `${up.id} is loading its dataset`,
      `${up.id} 正在加载数据`,
    );
  if (up.role === 'replica' && up.linkStatus !== 'up')
    return check(
      'upstream_healthy',
      false,
      `${up.id} is a replica whose own link is ${up.linkStatus ?? 'down'}: it would answer -NOMASTERLINK`,
      `${up.id} 是从节点且自身链路为 ${up.linkStatus ?? 'down'}：会返回 -NOMASTERLINK`,
    );
  return check(
    'upstream_healthy',
    true,
    `${up.id} can serve a sync (${up.role}${up.role === 'replica' ? ', link up' : ''})`,
    `${up.id} 可以提供同步`,
  );
}

export function versionAtLeast(version: string | undefined, want: [number, number]): boolean {
  const [maj = 0, min = 0] = (version ?? '0.0').split('.').map(Number);
  return maj > want[0] || (maj === want[0] && min >= want[1]);
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A Sentinel watching the nodes of a plan reconfigures them to the master it believes in: a
 * manual promotion or re-point it did not order can be undone, or fought over. Warn, naming them.
 */
export async function sentinelWarning(
  live: { sentinels(id: string): Promise<number | null> },
  ids: Array<string | undefined>,
): Promise<Bilingual | null> {
  const watched: string[] = [];
  let count = 0;
  for (const id of [...new Set(ids.filter((x): x is string => Boolean(x)))]) {
    const n = await live.sentinels(id);
    if (n) {
      watched.push(id);
      count = Math.max(count, n);
    }
  }
  if (!watched.length) return null;
  return {
    en: `Sentinel watches ${watched.join(', ')} (${count} sentinel${count > 1 ? 's' : ''} connected): it moves masters and replicas itself and may undo or fight this change. Prefer SENTINEL FAILOVER <master-name> on a sentinel, or make sure Sentinel agrees (SENTINEL MASTERS) before and after.`,
    zh: `Sentinel 正在监控 ${watched.join('、')}（已连接 ${count} 个 sentinel）：它会自行调整主从关系，可能撤销或对抗此次变更。优先在 sentinel 上执行 SENTINEL FAILOVER <master-name>，或在变更前后确认 Sentinel 的视图一致（SENTINEL MASTERS）。`,
  };
}
