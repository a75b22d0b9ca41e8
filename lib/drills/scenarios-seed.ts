// The seed's three drills (§5.3 故障演练): network interruption, master restart, replica
// failure, each with what to observe and what to verify.
import { bi } from '../diagnosis/rule-kit';
import {
  CANARY_KEYS,
  inject,
  linksUp,
  observe,
  recoverByRemoving,
  recoverByRepair,
  verify,
  write,
  writeCanaries,
} from './scenario-steps';
import type { DrillScenario } from './scenario-types';

export const networkInterruption: DrillScenario = {
  id: 'network-interruption',
  source: 'network interruption',
  title: bi('Network interruption', '网络中断演练'),
  description: bi(
    'Cuts the link between a replica and its master (an iptables DROP, done by the fault proxy), watches the replica lose its link, then restores the network and verifies the replica reconnects by itself with a partial resync.',
    '断开一个从节点与主节点之间的网络（相当于 iptables DROP，由故障代理实现），观察从节点的链路断开，然后恢复网络，验证从节点自动重连并以增量同步恢复。',
  ),
  guidedHint: bi(
    'Open the link_down finding: its cause and the log line prove the connection is refused. There is nothing to repair in Redis: resume to bring the network back, and watch the link return.',
    '打开 link_down 问题：其原因和日志行证明连接被拒绝。Redis 本身无需修复：点击继续恢复网络，观察链路恢复。',
  ),
  sandbox: { masterPersistence: 'rdb', writeOpsPerSec: 100, needsProxy: true },
  steps: [
    inject(
      { type: 'partition', mode: 'drop' },
      bi('Cut the replica’s link to its master', '断开从节点到主节点的网络'),
    ),
    observe(
      { kind: 'link_down', cause: 'connection_refused' },
      15_000,
      bi('link down, connection refused', '链路断开，连接被拒绝'),
    ),
    recoverByRemoving(bi('Restore the network', '恢复网络')),
    linksUp(),
    verify({ type: 'resync', mode: 'partial' }, 5_000, {
      label: bi('automatic reconnect, partial resync', '自动重连，增量同步'),
      what: bi(
        'The replica reconnected by itself with a partial resync',
        '从节点自动重连并以增量同步恢复',
      ),
    }),
  ],
  expect: [{ kind: 'link_down', cause: 'connection_refused' }],
  tolerate: ['replication_lag', 'sync_stuck'],
  mayStayOpen: [],
  maxDetectMs: 5_000,
  maxRecoverMs: 10_000,
};

export const masterRestart: DrillScenario = {
  id: 'master-restart',
  source: 'master restart',
  title: bi('Master restart', '主节点重启演练'),
  description: bi(
    'Writes canary keys, crashes the master (SIGKILL) and restarts it from its persistence files. Observes the replicas losing and re-gaining their master, then checks that no data was lost: every node still holds every canary key.',
    '写入探针 key，使主节点崩溃（SIGKILL）并从持久化文件重启。观察从节点失去并重新连上主节点，然后检查数据没有丢失：每个节点仍持有全部探针 key。',
  ),
  guidedHint: bi(
    'The master is down: the node_unreachable finding names it as the root cause of the replicas’ link_down. Resume to restart it (a supervisor would), then watch the replicas reconnect.',
    '主节点已宕机：node_unreachable 问题指出它是从节点 link_down 的根因。点击继续重启它（如同进程守护程序那样），然后观察从节点重新连接。',
  ),
  sandbox: { masterPersistence: 'aof', writeOpsPerSec: 100, needsProxy: false },
  steps: [
    ...writeCanaries(),
    write(
      { type: 'checkpoint' },
      bi('Make them durable (AOF fsync or SAVE)', '确保其已持久化（AOF fsync 或 SAVE）'),
    ),
    inject(
      { type: 'kill_master', signal: 'SIGKILL', wipe: false },
      bi('Crash the master (SIGKILL)', '使主节点崩溃（SIGKILL）'),
    ),
    observe({ kind: 'node_unreachable' }, 10_000, bi('master unreachable', '主节点不可达')),
    observe(
      { kind: 'link_down', cause: 'upstream_down' },
      10_000,
      bi('replicas lost their master', '从节点失去主节点'),
    ),
    recoverByRemoving(bi('Restart the master from its files', '从持久化文件重启主节点')),
    linksUp(20_000, bi('Wait for the replicas to reconnect', '等待从节点重新连接')),
    verify({ type: 'canary', on: 'all' }, 10_000, {
      label: bi('data consistency', '数据一致性'),
      what: bi(
        `Data intact: every node holds all ${CANARY_KEYS} canary keys`,
        `数据完整：每个节点都持有全部 ${CANARY_KEYS} 个探针 key`,
      ),
    }),
  ],
  expect: [{ kind: 'node_unreachable' }, { kind: 'link_down', cause: 'upstream_down' }],
  tolerate: ['replication_lag', 'sync_stuck'],
  mayStayOpen: [],
  maxDetectMs: 5_000,
  maxRecoverMs: 15_000,
};

export const replicaFailure: DrillScenario = {
  id: 'replica-failure',
  source: 'replica failure',
  title: bi('Replica failure', '从节点故障演练'),
  description: bi(
    'Kills a replica as a hardware failure would, then replaces it with a fresh, empty one on the same address. The new replica cannot resume: verifies it gets a full sync, holds the canary keys, and its link comes back.',
    '像硬件故障那样杀掉一个从节点，再在同一地址用一个全新的空从节点替换它。新从节点无法续传：验证它完成全量同步、持有探针 key，且链路恢复。',
  ),
  guidedHint: bi(
    'The replica is gone: node_unreachable names it. Replacing hardware is outside the dashboard: resume to start the fresh replica, then watch its full sync on the topology.',
    '从节点已消失：node_unreachable 指出了它。更换硬件不在面板范围内：点击继续启动新的从节点，然后在拓扑中观察其全量同步。',
  ),
  sandbox: { masterPersistence: 'rdb', writeOpsPerSec: 100, needsProxy: false },
  steps: [
    ...writeCanaries(),
    inject(
      { type: 'kill_replica' },
      bi('Replica hardware failure (SIGKILL)', '从节点硬件故障（SIGKILL）'),
    ),
    observe({ kind: 'node_unreachable' }, 10_000, bi('replica unreachable', '从节点不可达')),
    recoverByRepair(
      { type: 'replace_replica' },
      bi('Replace it with a fresh, empty replica', '用全新的空从节点替换它'),
    ),
    linksUp(20_000, bi('Wait for its link to come up', '等待其链路恢复')),
    verify({ type: 'resync', mode: 'full' }, 5_000, {
      label: bi('full sync of the new replica', '新从节点全量同步'),
      what: bi('The new replica was fully synced', '新从节点完成了全量同步'),
    }),
    verify({ type: 'canary', on: 'replica' }, 10_000, {
      label: bi('the new replica has the data', '新从节点拥有数据'),
      what: bi(
        `The new replica holds all ${CANARY_KEYS} canary keys`,
        `新从节点持有全部 ${CANARY_KEYS} 个探针 key`,
      ),
    }),
  ],
  expect: [{ kind: 'node_unreachable' }],
  tolerate: ['link_down', 'full_resync_storm', 'replication_lag', 'sync_stuck'],
  mayStayOpen: ['full_resync_storm'],
  maxDetectMs: 5_000,
  maxRecoverMs: 15_000,
};
