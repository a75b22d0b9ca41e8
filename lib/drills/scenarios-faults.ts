// Drills beyond the seed's three (issue 7): auth, backlog, buffers, persistence, writable
// replicas, slow links. Each ends with the finding's own remedy as the repair.
import { bi } from '../diagnosis/rule-kit';
import {
  inject,
  linksUp,
  observe,
  recoverByRemoving,
  recoverByRepair,
  removeFault,
  waitUntil,
} from './scenario-steps';
import type { DrillScenario, StepDef } from './scenario-types';

export const authFailure: DrillScenario = {
  id: 'auth-failure',
  source: 'issue 7',
  title: bi('Auth failure after a password change', '修改密码后认证失败'),
  description: bi(
    'Changes the master’s requirepass without telling the replicas and drops their links: they come back with the old masterauth and are refused. The fix is to give them the new password.',
    '修改主节点的 requirepass 却不通知从节点，并断开它们的连接：从节点用旧的 masterauth 重连时被拒绝。修复方法是给它们设置新密码。',
  ),
  guidedHint: bi(
    'Open the link_down finding: the cause is auth_failed and the WRONGPASS/NOAUTH log line proves it. Its Fix sets masterauth; the drill does that for you when you resume.',
    '打开 link_down 问题：原因是 auth_failed，WRONGPASS/NOAUTH 日志行可以证明。其修复操作会设置 masterauth；点击继续时演练会替你完成。',
  ),
  sandbox: { masterPersistence: 'rdb', writeOpsPerSec: 100, needsProxy: false },
  steps: [
    inject({ type: 'password_change' }, bi('Change the master’s password', '修改主节点密码')),
    observe(
      { kind: 'link_down', cause: 'auth_failed' },
      15_000,
      bi('link down, auth failed', '链路断开，认证失败'),
    ),
    recoverByRepair(
      { type: 'adopt_password' },
      bi('Set the new masterauth on the replicas', '在从节点上设置新的 masterauth'),
    ),
    linksUp(),
  ],
  expect: [{ kind: 'link_down', cause: 'auth_failed' }],
  tolerate: ['replication_lag', 'sync_stuck'],
  mayStayOpen: [],
  maxDetectMs: 5_000,
  maxRecoverMs: 10_000,
};

const overflowRound = (round: 1 | 2): StepDef[] => [
  inject(
    { type: 'backlog_overflow', fillBytes: 1024 * 1024 },
    bi(
      `Round ${round}: 16 KB backlog, replica held out, 1 MB written`,
      `第 ${round} 轮：积压缓冲区 16 KB，从节点被隔离，写入 1 MB`,
    ),
  ),
  waitUntil(
    { type: 'backlog_trimmed', belowBytes: 100_000 },
    15_000,
    bi('Wait for the master to trim its backlog', '等待主节点裁剪积压缓冲区'),
  ),
  // Detection is timed from the second round's reconnect: the storm needs both resyncs.
  removeFault(bi('Let the replica back', '让从节点重新连接'), { startsDetectClock: round === 2 }),
  waitUntil(
    { type: 'resync', mode: 'full' },
    20_000,
    bi('Observe: full resync, for lack of backlog', '观察：因积压不足而全量同步'),
  ),
];

export const backlogOverflow: DrillScenario = {
  id: 'backlog-overflow',
  source: 'issue 7',
  title: bi('Backlog overflow → full resync', '积压缓冲区溢出 → 全量同步'),
  description: bi(
    'Twice: shrinks the master’s backlog to 16 KB, holds a replica out until the master drops it, writes 1 MB. Each time the replica’s partial resync is refused for lack of backlog and it fully resyncs: a resync storm whose cause is the backlog.',
    '重复两次：把主节点积压缓冲区缩小到 16 KB，隔离一个从节点直到主节点断开它，再写入 1 MB。每次从节点的增量同步都因积压不足被拒绝而全量同步：形成一次根因为积压缓冲区的全量同步风暴。',
  ),
  guidedHint: bi(
    'Open the full_resync_storm finding: the cause is backlog_exhausted, with the “lack of backlog” log line. Its Fix grows repl-backlog-size; resume to apply it.',
    '打开 full_resync_storm 问题：原因是 backlog_exhausted，并附有 “lack of backlog” 日志行。其修复操作会增大 repl-backlog-size；点击继续应用。',
  ),
  sandbox: { masterPersistence: 'rdb', writeOpsPerSec: 100, needsProxy: true },
  steps: [
    ...overflowRound(1),
    linksUp(),
    ...overflowRound(2),
    observe(
      { kind: 'full_resync_storm', cause: 'backlog_exhausted' },
      15_000,
      bi('resync storm, backlog exhausted', '全量同步风暴，积压耗尽'),
    ),
    recoverByRepair(
      { type: 'grow_backlog', bytes: 64 * 1024 * 1024 },
      bi('Grow repl-backlog-size to 64 MB', '把 repl-backlog-size 增大到 64 MB'),
    ),
    linksUp(),
  ],
  expect: [{ kind: 'full_resync_storm', cause: 'backlog_exhausted' }],
  tolerate: ['replication_lag', 'sync_stuck', 'link_down', 'backlog_too_small'],
  mayStayOpen: ['full_resync_storm'],
  maxDetectMs: 10_000,
  maxRecoverMs: 10_000,
};

export const bufferLimitLoop: DrillScenario = {
  id: 'buffer-limit-loop',
  source: 'issue 7',
  title: bi('Output buffer limit loop', '输出缓冲区限制循环'),
  description: bi(
    'Lowers the master’s replica output-buffer limit to 1 MB, caps the replica’s link at 64 KB/s and writes 2 MB/s: the master cuts the replica off, it resyncs, and is cut off again.',
    '把主节点的从节点输出缓冲区限制降到 1 MB，把从节点链路限速到 64 KB/s，并以 2 MB/s 写入：主节点断开从节点，从节点重新同步，又再次被断开。',
  ),
  guidedHint: bi(
    'Open the output_buffer_limit finding: the master’s log line “scheduled to be closed ASAP for overcoming of output buffer limits” proves it. Resume to restore the limit and the link.',
    '打开 output_buffer_limit 问题：主节点日志 “scheduled to be closed ASAP for overcoming of output buffer limits” 可以证明。点击继续恢复限制和链路。',
  ),
  // Redis 7 raises a replica hard limit below the backlog to the backlog's size: keep the
  // backlog small so the 1 MB limit bites.
  sandbox: {
    masterPersistence: 'rdb',
    writeOpsPerSec: 0,
    needsProxy: true,
    config: { 'repl-backlog-size': '1mb' },
  },
  steps: [
    inject(
      { type: 'output_buffer_loop' },
      bi(
        '1 MB buffer limit, 64 KB/s link, 2 MB/s writes',
        '1 MB 缓冲限制、64 KB/s 链路、2 MB/s 写入',
      ),
    ),
    observe(
      { kind: 'output_buffer_limit', cause: 'output_buffer_limit' },
      20_000,
      bi('replica dropped for its output buffer', '从节点因输出缓冲区被断开'),
    ),
    recoverByRemoving(
      bi('Restore the buffer limit, the link and the write rate', '恢复缓冲限制、链路和写入速率'),
    ),
    linksUp(30_000),
  ],
  expect: [{ kind: 'output_buffer_limit', cause: 'output_buffer_limit' }],
  tolerate: [
    'full_resync_storm',
    'replication_lag',
    'sync_stuck',
    'link_down',
    'backlog_too_small',
  ],
  // output_buffer_limit reads the log line over diagnosis.resyncWindowMs, backlog_too_small the
  // write rate the 2 MB/s burst drove up: both outlive the repair by design.
  mayStayOpen: ['output_buffer_limit', 'full_resync_storm', 'backlog_too_small'],
  maxDetectMs: 15_000,
  maxRecoverMs: 20_000,
};
