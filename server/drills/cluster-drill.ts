// Drills on a Redis Cluster sandbox: which nodes play `primary` and `replica` (a primary and its
// replica), the faults with their undo (kill a node, hold a replica's link down), and the
// conditions, judged from what the dashboard shows (its cluster model and findings) and, where
// the claim is about Redis itself, from Redis.
import type { Topology } from '../../lib/contracts';
import { shardOfNode } from '../../lib/cluster/shard-of';
import type {
  ConditionSpec,
  DrillScenario,
  FaultSpec,
  FaultType,
} from '../../lib/drills/scenario-types';
import { fmtMs } from '../../lib/drills/scorecard';
import { textRef } from '../../lib/i18n/text-ref';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Monitor } from '../monitor/monitor';
import { ClusterSandbox, type ClusterSandboxNode } from '../sandbox/cluster-sandbox';
import { NotSandboxError } from '../sandbox/faults';
import { infoFields } from '../sandbox/redis-probe';
import { commonCheck, type CheckResult, type DrillWorld } from './drill-conditions';
import { DrillTargetError } from './drill-sandbox';
import { configGet, configSet, sleep } from './redis-steps';
import { UndoLedger } from './undo-ledger';

export interface ClusterDrillTargets {
  primary: ClusterSandboxNode;
  replica: ClusterSandboxNode;
}

/** Only a cluster sandbox this process started can be broken (see assertSandbox). */
export function assertClusterSandbox(target: unknown): asserts target is ClusterSandbox {
  if (!(target instanceof ClusterSandbox))
    throw new DrillTargetError(
      'this drill needs a Redis Cluster sandbox (npm run drill, or npm run demo -- --cluster)',
    );
  if (target.isStopped)
    throw new NotSandboxError('fault injection refused: the sandbox is stopped');
}

/** The first primary (by node name) that has a running replica. */
export async function resolveClusterTargets(sb: ClusterSandbox): Promise<ClusterDrillTargets> {
  const { replicas } = await sb.roles();
  for (const r of replicas.sort()) {
    const p = await sb.primaryOf(r);
    if (p && sb.isRunning(p)) return { primary: sb.node(p), replica: sb.node(r) };
  }
  throw new DrillTargetError('the cluster sandbox has no primary with a running replica');
}

/** One command on a short-lived connection (CONFIG GET answers an array, which probes do not read). */
async function withClient<T>(n: ClusterSandboxNode, fn: (c: Redis) => Promise<T>): Promise<T> {
  const c = new Redis({
    host: n.host,
    port: n.port,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  c.on('error', () => undefined); // the call's own rejection says it
  try {
    await c.connect();
    return await fn(c);
  } finally {
    c.disconnect();
  }
}

/**
 * The scenario's redis.conf directives, set on every running node; returns their undo. A fresh
 * sandbox starts with them already; on a shared one (the demo's) the drill ends as it began.
 */
async function applyConfig(
  sb: ClusterSandbox,
  config: Record<string, string>,
): Promise<() => Promise<void>> {
  const before: Array<[ClusterSandboxNode, string, string]> = [];
  for (const n of sb.nodes.filter((x) => sb.isRunning(x.name)))
    for (const [key, value] of Object.entries(config))
      await withClient(n, async (c) => {
        before.push([n, key, await configGet(c, key)]);
        await configSet(c, key, value);
      });
  return async () => {
    for (const [n, key, value] of before.reverse())
      await withClient(n, (c) => configSet(c, key, value));
  };
}

class ClusterDrillFaults {
  /** Active faults, and settings put back by cleanup(). */
  readonly undo = new UndoLedger();

  constructor(
    private readonly sb: ClusterSandbox,
    private readonly t: ClusterDrillTargets,
  ) {}

  async inject(spec: FaultSpec): Promise<string> {
    assertClusterSandbox(this.sb);
    const { sb } = this;
    const { primary, replica } = this.t;
    switch (spec.type) {
      case 'cluster_kill_primary':
      case 'cluster_kill_replica': {
        const node = spec.type === 'cluster_kill_primary' ? primary : replica;
        await sb.kill(node.name, 'SIGKILL');
        // Restarted from its nodes.conf, it rejoins the cluster by itself.
        this.undo.fault(spec.type, () => sb.launch(node.name));
        return `SIGKILL ${node.id} (${spec.type === 'cluster_kill_primary' ? 'primary' : 'replica'})`;
      }
      case 'cluster_hold_replica': {
        // A user the primary does not know: every reconnect fails AUTH, the replica stays up.
        await sb.call(replica.name, [
          'CONFIG',
          'SET',
          'masteruser',
          'replicaops-drill',
          'masterauth',
          randomBytes(12).toString('hex'),
        ]);
        await sb.call(replica.name, ['CLIENT', 'KILL', 'TYPE', 'master']);
        this.undo.fault(
          spec.type,
          async () =>
            void (await sb.call(replica.name, [
              'CONFIG',
              'SET',
              'masteruser',
              '',
              'masterauth',
              '',
            ])),
        );
        return `masteruser/masterauth set on ${replica.id}: its primary ${primary.id} refuses them`;
      }
      default:
        throw new Error(`${spec.type} is not a Redis Cluster fault`);
    }
  }

  remove(type?: FaultType): Promise<string> {
    return this.undo.remove(type);
  }

  repair(): Promise<string> {
    return Promise.reject(new Error('cluster drills repair by removing their fault'));
  }

  write(): Promise<string> {
    return Promise.reject(new Error('cluster drills write no canary keys'));
  }

  cleanup(): Promise<string[]> {
    return this.undo.cleanup();
  }
}

/** Every node except the slot-serving primaries: their replica links must be up. */
function replicaIdsOf(sb: ClusterSandbox, t: Topology): string[] {
  const primaries = new Set(
    (t.cluster?.shards ?? []).filter((s) => s.slots.length > 0).map((s) => s.primaryId),
  );
  return sb.nodes.map((n) => n.id).filter((id) => !primaries.has(id));
}

async function roleOf(sb: ClusterSandbox, node: ClusterSandboxNode): Promise<string | undefined> {
  return infoFields(await sb.call(node.name, ['INFO', 'replication'])).get('role');
}

async function clusterCheck(
  spec: ConditionSpec,
  sb: ClusterSandbox,
  monitor: Monitor,
  t: ClusterDrillTargets,
  faultAt: number,
): Promise<CheckResult> {
  const topology = monitor.snapshot().topology;
  const cluster = topology.cluster;
  const time = fmtMs(Date.now() - faultAt);
  const since = `${time} after the fault`;
  if (!cluster)
    return {
      ok: false,
      detail: 'the dashboard shows no cluster',
      detailText: textRef('condText.noCluster'),
    };
  switch (spec.type) {
    case 'cluster_node_failed': {
      const m = cluster.members.find((x) => x.id === t.primary.id);
      const isFail = m?.flags.includes('fail') ?? false;
      return {
        ok: isFail,
        detail: `${t.primary.id} ${m?.flags.join(',') || 'not flagged'}; ${m?.failReports ?? 0} of ${m?.primariesAsked ?? 0} primaries flag it`,
        detailText: textRef('condText.nodeFlags', {
          node: t.primary.id,
          flags: m?.flags.join(',') || textRef('condText.notFlagged'),
          reports: m?.failReports ?? 0,
          asked: m?.primariesAsked ?? 0,
        }),
      };
    }
    case 'cluster_failover': {
      const shard = shardOfNode(topology, t.primary.id);
      const isShown =
        shard?.primaryId === t.replica.id &&
        topology.nodes.find((n) => n.id === t.replica.id)?.role === 'master';
      return {
        ok: isShown,
        detail: isShown
          ? `${t.replica.id} primary of ${shard?.id} ${since}`
          : `${shard?.id ?? '?'} primary ${shard?.primaryId ?? 'none'}`,
        detailText: isShown
          ? textRef('condText.failoverShown', { node: t.replica.id, shard: shard?.id ?? '?', time })
          : textRef('condText.failoverNot', {
              shard: shard?.id ?? '?',
              primary: shard?.primaryId ?? textRef('condText.noPrimary'),
            }),
      };
    }
    case 'cluster_ok': {
      const isOk = cluster.state === 'ok' && cluster.slotsOk === 16384;
      return {
        ok: isOk,
        detail: `cluster_state ${cluster.state}, ${cluster.slotsOk}/${cluster.slotsAssigned} slots ok${isOk ? `, ${since}` : ''}`,
        detailText: textRef(isOk ? 'condText.clusterStateSince' : 'condText.clusterState', {
          state: cluster.state,
          ok: cluster.slotsOk,
          assigned: cluster.slotsAssigned,
          ...(isOk ? { time } : {}),
        }),
      };
    }
    case 'cluster_no_failover': {
      // Holds for the whole span: the replica (as Redis says) stays a replica, the cluster fails.
      const until = Date.now() + spec.ms;
      for (;;) {
        const role = await roleOf(sb, t.replica);
        const state = monitor.snapshot().topology.cluster?.state;
        if (role !== 'slave' || state !== 'fail')
          return {
            ok: false,
            detail: `${t.replica.id} role ${role ?? '?'}, cluster_state ${state ?? '?'} ${since}`,
            detailText: textRef('condText.replicaMoved', {
              node: t.replica.id,
              role: role ?? '?',
              state: state ?? '?',
              time,
            }),
          };
        if (Date.now() >= until)
          return {
            ok: true,
            detail: `${t.replica.id} still a replica and cluster_state fail ${fmtMs(Date.now() - faultAt)} after the fault`,
            detailText: textRef('condText.replicaHeld', {
              node: t.replica.id,
              time: fmtMs(Date.now() - faultAt),
            }),
          };
        await sleep(250);
      }
    }
    default:
      return {
        ok: false,
        detail: `${spec.type} is not a Redis Cluster condition`,
        detailText: textRef('condText.notClusterCondition', { type: spec.type }),
      };
  }
}

/** A Redis Cluster sandbox as a drill drives it. */
export async function clusterWorld(
  sb: unknown,
  monitor: Monitor,
  scenario: DrillScenario,
): Promise<DrillWorld> {
  assertClusterSandbox(sb);
  const targets = await resolveClusterTargets(sb);
  const faults = new ClusterDrillFaults(sb, targets);
  if (scenario.sandbox.config)
    faults.undo.restoreLater(await applyConfig(sb, scenario.sandbox.config));
  return {
    faults,
    replicaIds: (t) => replicaIdsOf(sb, t),
    check: async (spec, observer, faultAt) =>
      (await commonCheck(spec, observer, faultAt)) ??
      clusterCheck(spec, sb, monitor, targets, faultAt()),
    markSync: () => Promise.resolve(),
  };
}
