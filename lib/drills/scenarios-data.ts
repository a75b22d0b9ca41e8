// Drills where the data itself is at stake (a master restarted empty, a writable replica) and
// the slow link that only shows as lag.
import { bi } from '../diagnosis/rule-kit';
import {
  inject,
  linksUp,
  observe,
  recoverByRemoving,
  recoverByRepair,
  removeFault,
  verify,
  write,
  writeCanaries,
} from './scenario-steps';
import type { DrillScenario } from './scenario-types';

export const emptyMasterRestart: DrillScenario = {
  id: 'empty-master-restart',
  source: 'persistence',
  title: bi('Empty master restart wipes the replicas', '主节点空数据重启清空从节点'),
  description: bi(
    'A master without persistence (save "", appendonly no) crashes and is restarted by a supervisor: it comes back empty with a new replication ID, and its replicas fully sync the empty dataset. The repair restores the last backup onto the master and turns persistence on.',
    '一个未开启持久化（save ""、appendonly no）的主节点崩溃后被进程守护程序重启：它以空数据和新的复制 ID 启动，从节点随即全量同步了这个空数据集。修复方法是把最近的备份恢复到主节点并开启持久化。',
  ),
  guidedHint: bi(
    'Open replica_wiped: the key count collapsed right after the master’s run id changed. The master_no_persistence warning was there before the crash. Resume to restore the backup onto the master (never RESTORE into a read-only replica) and turn persistence on.',
    '打开 replica_wiped：主节点 run id 变化后 key 数量骤降。崩溃前就已有 master_no_persistence 警告。点击继续把备份恢复到主节点（切勿向只读从节点 RESTORE）并开启持久化。',
  ),
  sandbox: { masterPersistence: 'none', writeOpsPerSec: 0, needsProxy: false },
  steps: [
    ...writeCanaries(),
    write(
      { type: 'backup', maxKeys: 50_000 },
      bi('Take a backup of the master (DUMP)', '备份主节点数据（DUMP）'),
    ),
    inject(
      { type: 'persistence_off' },
      bi('Run the master without persistence', '让主节点在无持久化状态下运行'),
    ),
    observe(
      { kind: 'master_no_persistence' },
      40_000,
      bi('the no-persistence warning', '无持久化警告'),
    ),
    inject(
      { type: 'kill_master', signal: 'SIGKILL', wipe: true },
      bi('The master crashes', '主节点崩溃'),
    ),
    removeFault(
      bi('A supervisor restarts it: it comes back empty', '守护程序重启它：它以空数据启动'),
      { fault: 'kill_master', startsDetectClock: true },
    ),
    observe({ kind: 'replica_wiped' }, 15_000, bi('replicas wiped', '从节点数据被清空')),
    recoverByRepair(
      { type: 'restore_backup' },
      bi('Restore the backup onto the master, persistence on', '将备份恢复到主节点并开启持久化'),
    ),
    linksUp(),
    verify({ type: 'canary', on: 'all' }, 10_000, {
      label: bi('data restored everywhere', '所有节点数据已恢复'),
      what: bi('Every node holds the canary keys again', '每个节点重新持有全部探针 key'),
    }),
  ],
  expect: [{ kind: 'replica_wiped' }, { kind: 'master_no_persistence' }],
  tolerate: ['node_unreachable', 'link_down', 'full_resync_storm', 'replication_lag', 'sync_stuck'],
  // master_no_persistence is read with CONFIG GET every poll.configEveryMs (30 s by default):
  // it clears that long after the repair, which is the poll period, not the recovery.
  mayStayOpen: ['full_resync_storm', 'master_no_persistence'],
  maxDetectMs: 10_000,
  maxRecoverMs: 15_000,
};

export const writableReplica: DrillScenario = {
  id: 'writable-replica',
  source: 'data consistency',
  title: bi('Writable replica inconsistency', '可写从节点导致数据不一致'),
  description: bi(
    'Turns replica-read-only off on a replica and writes a key its master does not have: the replica silently diverges. The repair re-syncs it from its master instead of writing into it.',
    '关闭一个从节点的 replica-read-only 并写入一个主节点没有的 key：从节点悄然产生差异。修复方法是让它从主节点重新同步，而不是向它写入数据。',
  ),
  guidedHint: bi(
    'Open replica_writable: slave_read_only:0 is the evidence. Its Fix sets replica-read-only yes, but the stray key stays; resume to re-sync the replica from its master.',
    '打开 replica_writable：证据是 slave_read_only:0。其修复操作会设置 replica-read-only yes，但多出的 key 仍在；点击继续让从节点从主节点重新同步。',
  ),
  sandbox: { masterPersistence: 'rdb', writeOpsPerSec: 100, needsProxy: false },
  steps: [
    inject(
      { type: 'writable_replica' },
      bi('Make a replica writable and write to it', '使从节点可写并向其写入'),
    ),
    observe({ kind: 'replica_writable' }, 40_000, bi('writable replica', '从节点可写')),
    recoverByRepair(
      { type: 'resync_replica' },
      bi('Re-sync the replica from its master', '让从节点从主节点重新同步'),
    ),
    linksUp(),
    verify({ type: 'divergence_gone' }, 5_000, {
      label: bi('the replica matches its master', '从节点与主节点一致'),
      what: bi('The stray key is gone from the replica', '从节点上多出的 key 已消失'),
    }),
  ],
  expect: [{ kind: 'replica_writable' }],
  tolerate: ['node_unreachable', 'link_down', 'full_resync_storm', 'replication_lag', 'sync_stuck'],
  mayStayOpen: ['full_resync_storm'],
  maxDetectMs: 5_000,
  maxRecoverMs: 15_000,
};

export const slowLink: DrillScenario = {
  id: 'slow-link',
  source: 'issue 7',
  title: bi('Slow link → replication lag', '慢链路 → 复制延迟'),
  description: bi(
    'Adds 1.5 s of one-way delay on a replica’s link while writes go on: the replica falls behind by bytes and seconds, with its link still up. Then the delay is removed and it catches up.',
    '在写入持续时给一个从节点的链路增加 1.5 秒单向延迟：从节点在字节和秒数上落后，但链路仍保持连接。随后移除延迟，它会追上进度。',
  ),
  guidedHint: bi(
    'Open replication_lag: the offset gap and its trend show the replica falling behind while its link is up. The cause is the network: resume to remove the delay.',
    '打开 replication_lag：偏移量差距及其趋势表明从节点在链路正常时仍在落后。原因在网络：点击继续移除延迟。',
  ),
  sandbox: { masterPersistence: 'rdb', writeOpsPerSec: 200, needsProxy: true },
  steps: [
    inject(
      { type: 'latency', ms: 1500 },
      bi('Add 1.5 s delay to the replica’s link', '给从节点链路增加 1.5 秒延迟'),
    ),
    observe({ kind: 'replication_lag' }, 15_000, bi('replication lag', '复制延迟')),
    recoverByRemoving(bi('Remove the delay', '移除延迟')),
    linksUp(),
  ],
  expect: [{ kind: 'replication_lag' }],
  tolerate: ['sync_stuck'],
  mayStayOpen: [],
  maxDetectMs: 10_000,
  maxRecoverMs: 15_000,
};
