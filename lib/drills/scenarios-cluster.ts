// Redis Cluster drills, on a cluster sandbox of 3 shards × (primary + replica) with
// cluster-node-timeout 2000 ms: a primary dies and the cluster promotes its replica; a shard
// loses its only replica; a replica held off its primary past the validity limit refuses to
// fail over. Behaviour per https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/
import { bi } from '../diagnosis/rule-kit';
import { inject, linksUp, observe, recoverByRemoving, verify } from './scenario-steps';
import type { DrillScenario, SandboxNeeds } from './scenario-types';

const CLUSTER: SandboxNeeds = {
  masterPersistence: 'rdb',
  writeOpsPerSec: 0,
  needsProxy: false,
  cluster: { shards: 3, replicasPerShard: 1 },
};

/** What a dead cluster node also opens, as an operator sees it: side effects, not misses. */
const NODE_DOWN_EFFECTS = [
  'node_unreachable',
  'link_down',
  'node_failed',
  'cluster_state_fail',
  'shard_without_replica',
  'role_changed',
  'replication_lag',
  'sync_stuck',
  'full_resync_storm',
] as const;

export const clusterPrimaryFailover: DrillScenario = {
  id: 'cluster-primary-failover',
  source: 'cluster primary failure',
  title: bi('Cluster: a primary dies, its replica takes over', '集群：主节点宕机，其从节点接管'),
  description: bi(
    'Crashes one primary of a Redis Cluster (SIGKILL). Verifies the dashboard sees node_failed once a majority of primaries flag it FAIL, shows the replica the cluster promoted as the shard’s primary, and reads cluster_state ok again; then restarts the old primary, which rejoins as a replica.',
    '使 Redis Cluster 的一个主节点崩溃（SIGKILL）。验证面板在多数主节点将其标记为 FAIL 后显示 node_failed，把集群提升的从节点显示为该分片的主节点，并再次读到 cluster_state ok；然后重启旧主节点，它以从节点身份重新加入。',
  ),
  guidedHint: bi(
    'The cluster repairs itself: watch node_failed turn to FAIL and the shard’s replica become its primary. The shard is left without a replica: resume to restart the old primary (a supervisor would), and watch it rejoin as a replica.',
    '集群会自行修复：观察 node_failed 变为 FAIL，分片的从节点成为主节点。该分片此时没有从节点：点击继续重启旧主节点（如同进程守护程序那样），观察它以从节点身份重新加入。',
  ),
  sandbox: CLUSTER,
  steps: [
    inject(
      { type: 'cluster_kill_primary' },
      bi('Crash a primary (SIGKILL)', '使一个主节点崩溃（SIGKILL）'),
    ),
    observe({ kind: 'node_unreachable' }, 10_000, bi('primary unreachable', '主节点不可达')),
    observe(
      { kind: 'node_failed' },
      15_000,
      bi('the cluster flags it failing', '集群将其标记为故障'),
    ),
    verify({ type: 'cluster_node_failed' }, 15_000, {
      label: bi('a majority of primaries agree (FAIL)', '多数主节点达成一致（FAIL）'),
      what: bi(
        'node_failed seen with a majority of primaries agreeing (FAIL)',
        '看到 node_failed，且多数主节点一致（FAIL）',
      ),
    }),
    verify({ type: 'cluster_failover' }, 20_000, {
      label: bi('the replica promoted', '从节点已被提升'),
      what: bi(
        'Failover seen: the replica shown as the shard’s primary',
        '看到故障转移：从节点显示为该分片的主节点',
      ),
    }),
    verify({ type: 'cluster_ok' }, 20_000, {
      label: bi('cluster_state ok again', 'cluster_state 恢复为 ok'),
      what: bi(
        'cluster_state ok again, every slot served',
        'cluster_state 恢复为 ok，所有槽均有节点服务',
      ),
    }),
    recoverByRemoving(
      bi(
        'Restart the old primary (it rejoins as a replica)',
        '重启旧主节点（以从节点身份重新加入）',
      ),
    ),
    linksUp(20_000, bi('Wait for its replica link to come up', '等待其复制链路恢复')),
  ],
  expect: [{ kind: 'node_unreachable' }, { kind: 'node_failed' }],
  tolerate: NODE_DOWN_EFFECTS.filter((k) => k !== 'node_unreachable' && k !== 'node_failed'),
  mayStayOpen: ['full_resync_storm'],
  maxDetectMs: 5_000,
  maxRecoverMs: 20_000,
};

export const clusterLostReplica: DrillScenario = {
  id: 'cluster-lost-replica',
  source: 'cluster shard without replica',
  title: bi('Cluster: a shard loses its only replica', '集群：分片失去唯一的从节点'),
  description: bi(
    'Kills the only replica of one shard. Verifies the dashboard warns shard_without_replica on its primary (its failure would now lose those slots), then restarts the replica and watches it rejoin its primary.',
    '杀掉某个分片唯一的从节点。验证面板在其主节点上给出 shard_without_replica 警告（此时主节点故障将丢失这些槽），然后重启从节点，观察它重新连上主节点。',
  ),
  guidedHint: bi(
    'Open shard_without_replica: it names the slots at risk and the dead replica. Resume to restart the replica (or give the shard a spare with CLUSTER REPLICATE), then watch the shard turn green.',
    '打开 shard_without_replica：它指出有风险的槽和宕机的从节点。点击继续重启从节点（或用 CLUSTER REPLICATE 为分片补一个空闲节点），然后观察分片恢复正常。',
  ),
  sandbox: CLUSTER,
  steps: [
    inject(
      { type: 'cluster_kill_replica' },
      bi('Kill a shard’s only replica (SIGKILL)', '杀掉分片唯一的从节点（SIGKILL）'),
    ),
    observe(
      { kind: 'shard_without_replica' },
      15_000,
      bi('shard without replica', '分片没有从节点'),
    ),
    verify({ type: 'cluster_ok' }, 5_000, {
      label: bi('the cluster still serves every slot', '集群仍为所有槽提供服务'),
      what: bi(
        'cluster_state stays ok: a lost replica costs no slot',
        'cluster_state 保持 ok：失去从节点不影响任何槽',
      ),
    }),
    recoverByRemoving(
      bi('Restart the replica (it rejoins its primary)', '重启从节点（重新连上其主节点）'),
    ),
    linksUp(20_000, bi('Wait for its link to come up', '等待其链路恢复')),
  ],
  expect: [{ kind: 'shard_without_replica' }, { kind: 'node_unreachable' }],
  tolerate: NODE_DOWN_EFFECTS.filter(
    (k) => k !== 'shard_without_replica' && k !== 'node_unreachable',
  ),
  mayStayOpen: ['full_resync_storm'],
  maxDetectMs: 5_000,
  maxRecoverMs: 20_000,
};

/**
 * Validity limit with these settings: node timeout 2000 ms + repl-ping-replica-period 1 s +
 * 2000 ms × factor 1 = 5 s of link down (the defaults, 10 s and 10, would make it 42 s).
 */
export const clusterReplicaCannotFailover: DrillScenario = {
  id: 'cluster-replica-cannot-failover',
  source: 'cluster replica past the validity factor',
  title: bi('Cluster: a replica too stale to fail over', '集群：从节点数据过旧，无法故障转移'),
  description: bi(
    'Holds one replica’s link to its primary down (it can no longer authenticate) past cluster-node-timeout × cluster-replica-validity-factor + repl-ping-replica-period. Verifies replica_cannot_failover, then kills the primary and verifies the replica indeed refuses to be promoted: the cluster stays failed until the primary is back.',
    '让一个从节点到主节点的链路保持断开（无法认证），超过 cluster-node-timeout × cluster-replica-validity-factor + repl-ping-replica-period。验证出现 replica_cannot_failover，然后杀掉主节点，验证该从节点确实拒绝被提升：集群一直处于失败状态，直到主节点恢复。',
  ),
  guidedHint: bi(
    'replica_cannot_failover warned before the primary died: the replica’s data is too old to take over, so the shard’s slots are down. Resume to restart the primary and restore the replica’s credentials, then watch cluster_state return to ok.',
    'replica_cannot_failover 在主节点宕机前就已发出警告：从节点数据过旧，无法接管，因此该分片的槽不可用。点击继续重启主节点并恢复从节点的认证信息，然后观察 cluster_state 恢复为 ok。',
  ),
  sandbox: {
    ...CLUSTER,
    config: { 'cluster-replica-validity-factor': '1', 'repl-ping-replica-period': '1' },
  },
  steps: [
    inject(
      { type: 'cluster_hold_replica' },
      bi(
        'Hold a replica’s link down (wrong masterauth)',
        '使从节点链路保持断开（错误的 masterauth）',
      ),
    ),
    observe(
      { kind: 'replica_cannot_failover' },
      20_000,
      bi('replica too stale to fail over', '从节点数据过旧，无法故障转移'),
    ),
    inject(
      { type: 'cluster_kill_primary' },
      bi('Now crash its primary (SIGKILL)', '再使其主节点崩溃（SIGKILL）'),
    ),
    observe({ kind: 'cluster_state_fail' }, 15_000, bi('the cluster fails', '集群进入失败状态')),
    verify({ type: 'cluster_no_failover', ms: 8_000 }, 12_000, {
      label: bi('the replica is not promoted', '从节点未被提升'),
      what: bi(
        'The stale replica refused to fail over: no promotion, cluster_state fail',
        '过旧的从节点拒绝故障转移：没有提升，cluster_state 为 fail',
      ),
    }),
    recoverByRemoving(
      bi(
        'Restart the primary and restore the replica’s credentials',
        '重启主节点并恢复从节点的认证信息',
      ),
    ),
    verify({ type: 'cluster_ok' }, 20_000, {
      label: bi('cluster_state ok again', 'cluster_state 恢复为 ok'),
      what: bi(
        'cluster_state ok again once the primary is back',
        '主节点恢复后 cluster_state 恢复为 ok',
      ),
    }),
    linksUp(20_000),
  ],
  expect: [{ kind: 'replica_cannot_failover' }, { kind: 'cluster_state_fail' }],
  tolerate: NODE_DOWN_EFFECTS.filter((k) => k !== 'cluster_state_fail'),
  mayStayOpen: ['full_resync_storm'],
  maxDetectMs: 15_000,
  maxRecoverMs: 20_000,
};
