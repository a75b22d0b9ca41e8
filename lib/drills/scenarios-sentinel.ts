// Drills on a tree run by three real Sentinels: the master dies and Sentinel fails over (does
// the dashboard see it, and the new tree, and how fast); two Sentinels die and the group can no
// longer fail over (does the dashboard say so before anyone needs a failover).
import { bi } from '../diagnosis/rule-kit';
import { CANARY_KEYS, inject, linksUp, observe, recoverByRemoving, verify, writeCanaries, write } from './scenario-steps';
import type { DrillScenario } from './scenario-types';

/** Guarded against split brain, so no standing warning holds "recovered" open. */
const GUARDED = { 'min-replicas-to-write': '1', 'min-replicas-max-lag': '10' };

export const sentinelFailover: DrillScenario = {
  id: 'sentinel-failover',
  source: 'sentinel failover',
  title: bi('Master dies, Sentinel fails over', '主节点宕机，Sentinel 故障转移'),
  description: bi(
    'Three real Sentinels watch the tree. Writes canary keys, crashes the master (SIGKILL) and lets Sentinel fail over: the dashboard must show +switch-master, the failover as an incident, and the new tree within a poll or two. Then the old master is restarted and Sentinel turns it into a replica of the new one; every node must still hold every canary key.',
    '三个真实的 Sentinel 监控该复制树。写入探针 key，使主节点崩溃（SIGKILL），由 Sentinel 进行故障转移：面板需显示 +switch-master、以事件记录此次故障转移，并在一两个轮询周期内显示新的复制树。随后重启旧主节点，Sentinel 会把它变为新主节点的从节点；每个节点仍须持有全部探针 key。',
  ),
  guidedHint: bi(
    'Sentinel repairs this itself: do not re-point anything by hand (Sentinel would undo it). Watch the failover incident and the Sentinel frame; resume to restart the old master, as a supervisor would, and watch Sentinel convert it to a replica.',
    '此故障由 Sentinel 自行修复：不要手动调整复制关系（Sentinel 会撤销）。观察故障转移事件和 Sentinel 框；点击继续重启旧主节点（如同进程守护程序那样），观察 Sentinel 把它转为从节点。',
  ),
  sandbox: {
    masterPersistence: 'aof',
    writeOpsPerSec: 0,
    needsProxy: false,
    config: GUARDED,
    sentinels: { count: 3, quorum: 2, downAfterMs: 1000, failoverTimeoutMs: 10_000 },
  },
  steps: [
    ...writeCanaries(),
    write({ type: 'checkpoint' }, bi('Make them durable (AOF fsync or SAVE)', '确保其已持久化（AOF fsync 或 SAVE）')),
    inject({ type: 'kill_master', signal: 'SIGKILL', wipe: false }, bi('Crash the master (SIGKILL)', '使主节点崩溃（SIGKILL）')),
    observe({ kind: 'node_unreachable' }, 10_000, bi('master unreachable', '主节点不可达')),
    verify({ type: 'sentinel_switched' }, 30_000, {
      label: bi('Sentinel failed over (+switch-master)', 'Sentinel 完成故障转移（+switch-master）'),
      what: bi('Sentinel failed over: +switch-master seen by the dashboard', 'Sentinel 完成故障转移：面板收到 +switch-master'),
    }),
    observe({ kind: 'failover_in_progress' }, 10_000, bi('the failover as a finding and incident', '故障转移作为问题与事件出现')),
    verify({ type: 'sentinel_tree' }, 15_000, {
      label: bi('the dashboard shows the new tree', '面板显示新的复制树'),
      what: bi('New tree shown: Sentinel’s new master, every live replica under it', '显示新复制树：Sentinel 的新主节点，所有存活从节点挂在其下'),
    }),
    recoverByRemoving(bi('Restart the old master (Sentinel converts it to a replica)', '重启旧主节点（Sentinel 将其转为从节点）')),
    linksUp(30_000, bi('Wait for the old master to replicate from the new one', '等待旧主节点从新主节点复制')),
    verify({ type: 'sentinel_tree' }, 15_000, {
      label: bi('the old master is a replica of the new one', '旧主节点成为新主节点的从节点'),
      what: bi('The old master rejoined as a replica of Sentinel’s new master', '旧主节点作为 Sentinel 新主节点的从节点重新加入'),
    }),
    verify({ type: 'canary', on: 'all' }, 15_000, {
      label: bi('data consistency', '数据一致性'),
      what: bi(`Data intact: every node holds all ${CANARY_KEYS} canary keys`, `数据完整：每个节点都持有全部 ${CANARY_KEYS} 个探针 key`),
    }),
  ],
  expect: [{ kind: 'node_unreachable' }, { kind: 'failover_in_progress' }],
  tolerate: ['link_down', 'replication_lag', 'sync_stuck', 'sentinel_disagreement', 'sentinel_unmonitored_replica', 'split_brain', 'full_resync_storm'],
  // Shown 30 s after it ends so even a fast failover is an incident; the resync count window.
  mayStayOpen: ['failover_in_progress', 'full_resync_storm'],
  maxDetectMs: 5_000,
  maxRecoverMs: 20_000,
};

export const sentinelQuorumLoss: DrillScenario = {
  id: 'sentinel-quorum-loss',
  source: 'sentinel quorum loss',
  title: bi('Sentinel majority lost', 'Sentinel 失去多数'),
  description: bi(
    'Kills two of the three Sentinels. Nothing is wrong with the data nodes, but Sentinel can no longer authorise a failover: the dashboard must raise sentinel_quorum_lost before anyone needs one. Then the Sentinels are restarted and CKQUORUM must answer OK again.',
    '杀掉三个 Sentinel 中的两个。数据节点一切正常，但 Sentinel 已无法授权故障转移：面板须在真正需要故障转移之前发出 sentinel_quorum_lost。随后重启这些 Sentinel，CKQUORUM 必须重新返回 OK。',
  ),
  guidedHint: bi(
    'Open sentinel_quorum_lost: it names how many Sentinels answer and what CKQUORUM says. A failover is impossible until a majority is back: resume to restart them, as their supervisor would.',
    '打开 sentinel_quorum_lost：它说明有多少 Sentinel 响应以及 CKQUORUM 的结果。在恢复多数之前无法故障转移：点击继续重启它们（如同进程守护程序那样）。',
  ),
  sandbox: {
    masterPersistence: 'rdb',
    writeOpsPerSec: 0,
    needsProxy: false,
    config: GUARDED,
    sentinels: { count: 3, quorum: 2, downAfterMs: 5000, failoverTimeoutMs: 10_000 },
  },
  steps: [
    inject({ type: 'kill_sentinels', count: 2 }, bi('Kill two of the three Sentinels', '杀掉三个 Sentinel 中的两个')),
    observe({ kind: 'sentinel_quorum_lost' }, 15_000, bi('Sentinel quorum lost', 'Sentinel 失去法定人数')),
    recoverByRemoving(bi('Restart the Sentinels', '重启 Sentinel')),
    verify({ type: 'sentinel_quorum', ok: true }, 30_000, {
      label: bi('CKQUORUM OK again', 'CKQUORUM 恢复 OK'),
      what: bi('SENTINEL CKQUORUM answers OK again', 'SENTINEL CKQUORUM 重新返回 OK'),
    }),
    linksUp(10_000),
  ],
  expect: [{ kind: 'sentinel_quorum_lost' }],
  tolerate: [],
  mayStayOpen: [],
  maxDetectMs: 5_000,
  maxRecoverMs: 20_000,
};

export const sentinelNoEligibleReplica: DrillScenario = {
  id: 'sentinel-no-eligible-replica',
  source: 'sentinel failover impossible',
  title: bi('No replica Sentinel may promote', '没有 Sentinel 可提升的从节点'),
  description: bi(
    'Every node runs with replica-priority 0 (Sentinel never promotes such a replica). Crashes the master: Sentinel agrees it is down, tries, and gives up with -failover-abort-no-good-slave. The dashboard must raise failover_failed with that reason; then the master is restarted and the tree comes back as it was.',
    '所有节点的 replica-priority 都为 0（Sentinel 永不提升这样的从节点）。使主节点崩溃：Sentinel 判定其下线、尝试故障转移，最终以 -failover-abort-no-good-slave 放弃。面板须发出带此原因的 failover_failed；随后重启主节点，复制树恢复原状。',
  ),
  guidedHint: bi(
    'Open failover_failed: Sentinel found no eligible replica. The remedy is a replica-priority above 0 on a healthy replica (config.apply) or the master back; resume to restart the master, as its supervisor would.',
    '打开 failover_failed：Sentinel 找不到合格的从节点。补救方法是给一个健康从节点设置大于 0 的 replica-priority（config.apply），或恢复主节点；点击继续重启主节点（如同进程守护程序那样）。',
  ),
  sandbox: {
    masterPersistence: 'aof',
    writeOpsPerSec: 0,
    needsProxy: false,
    config: { ...GUARDED, 'replica-priority': '0' },
    sentinels: { count: 3, quorum: 2, downAfterMs: 1000, failoverTimeoutMs: 10_000 },
  },
  steps: [
    inject({ type: 'kill_master', signal: 'SIGKILL', wipe: false }, bi('Crash the master (SIGKILL)', '使主节点崩溃（SIGKILL）')),
    observe({ kind: 'node_unreachable' }, 10_000, bi('master unreachable', '主节点不可达')),
    observe({ kind: 'failover_failed' }, 30_000, bi('Sentinel gave up: no eligible replica', 'Sentinel 放弃：没有合格的从节点')),
    recoverByRemoving(bi('Restart the master', '重启主节点')),
    linksUp(30_000, bi('Wait for the replicas to reconnect', '等待从节点重新连接')),
  ],
  expect: [{ kind: 'node_unreachable' }, { kind: 'failover_failed' }],
  tolerate: ['link_down', 'replication_lag', 'sync_stuck', 'failover_in_progress'],
  // failover_failed stays shown 10 minutes after Sentinel gave up, by design.
  mayStayOpen: ['failover_failed', 'failover_in_progress'],
  maxDetectMs: 5_000,
  maxRecoverMs: 20_000,
};
