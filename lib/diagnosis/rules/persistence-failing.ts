// persistence_failing: the last RDB save or AOF write/rewrite failed. On a master a failed BGSAVE
// also breaks disk-based full syncs ("BGSAVE for replication failed") and, with save points and
// stop-writes-on-bgsave-error yes, makes Redis refuse writes with MISCONF (reference §5.3, §9.1).
import type { Evidence } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import { findingHead, bi, configEvidence, infoFields, remedy, type Rule } from '../rule-kit';

export const persistenceFailing: Rule = (input) => {
  const out: FindingCandidate[] = [];
  for (const view of input.nodes) {
    const p = view.reachable ? view.info?.sections.persistence : undefined;
    if (!p) continue;
    const rdbErr = p.rdb_last_bgsave_status === 'err';
    const aofWriteErr = p.aof_last_write_status === 'err';
    const aofRewriteErr = p.aof_last_bgrewrite_status === 'err';
    if (!rdbErr && !aofWriteErr && !aofRewriteErr) continue;
    const isMaster = view.info?.replication.role === 'master';
    const failing = [
      rdbErr && 'RDB snapshot (BGSAVE)',
      aofWriteErr && 'AOF write',
      aofRewriteErr && 'AOF rewrite',
    ]
      .filter(Boolean)
      .join(', ');
    const failingZh = [
      rdbErr && 'RDB 快照（BGSAVE）',
      aofWriteErr && 'AOF 写入',
      aofRewriteErr && 'AOF 重写',
    ]
      .filter(Boolean)
      .join('、');
    const evidence: Evidence[] = infoFields(view, 'persistence', [
      'rdb_last_bgsave_status',
      'rdb_changes_since_last_save',
      'rdb_last_save_time',
      'aof_last_write_status',
      'aof_last_bgrewrite_status',
      'aof_rewrites_consecutive_failures',
    ]);
    const stopWrites = view.config?.['stop-writes-on-bgsave-error'];
    if (stopWrites !== undefined)
      evidence.push(configEvidence(view.id, 'stop-writes-on-bgsave-error', stopWrites));
    // A master that cannot write its AOF or that stops writes (MISCONF) is an outage; a replica
    // with a failed save still serves reads.
    const critical = aofWriteErr || (isMaster && rdbErr && stopWrites !== 'no');
    out.push({
      ...findingHead('persistence_failing', view.id, critical ? 'critical' : 'warning'),
      nodeId: view.id,
      title: bi(`${failing} failing on ${view.id}`, `${view.id} 的${failingZh}失败`),
      detail: bi(
        `The last ${failing} on ${view.id} failed${p.rdb_changes_since_last_save ? `; ${p.rdb_changes_since_last_save} changes are not on disk` : ''}.` +
          (isMaster && rdbErr
            ? ' Writes may be refused with MISCONF (save points + stop-writes-on-bgsave-error yes), and disk-based full syncs to replicas fail until BGSAVE works again.'
            : '') +
          (aofWriteErr && !isMaster
            ? ' A replica that cannot write its AOF panics by default (replica-ignore-disk-write-errors no).'
            : ''),
        `${view.id} 最近一次${failingZh}失败${p.rdb_changes_since_last_save ? `；${p.rdb_changes_since_last_save} 个修改尚未落盘` : ''}。` +
          (isMaster && rdbErr
            ? '写入可能因 MISCONF 被拒绝（配置了 save 且 stop-writes-on-bgsave-error yes），在 BGSAVE 恢复前基于磁盘的全量同步也会失败。'
            : '') +
          (aofWriteErr && !isMaster
            ? '默认配置下（replica-ignore-disk-write-errors no）无法写 AOF 的从节点会直接退出。'
            : ''),
      ),
      evidence,
      remedy: remedy(
        `Read ${view.id}’s log for "Background saving error", "Can't save in background: fork" or "Failed opening the temp RDB file": fix disk space or permissions of \`dir\`, or memory overcommit for fork (vm.overcommit_memory=1), then run BGSAVE and check rdb_last_bgsave_status:ok.`,
        `查看 ${view.id} 日志中的 "Background saving error"、"Can't save in background: fork" 或 "Failed opening the temp RDB file"：修复 dir 的磁盘空间或权限，或 fork 所需的内存超分配（vm.overcommit_memory=1），然后执行 BGSAVE 并确认 rdb_last_bgsave_status:ok。`,
      ),
    });
  }
  return out;
};
