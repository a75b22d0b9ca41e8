// replica_writable: a replica with slave_read_only:0 accepts writes that never reach its master
// or its own sub-replicas (reference §9 WAIT note) and that the next full sync silently discards.
import type { Evidence } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import { findingHead, bi, configEvidence, infoFields, remedy, type Rule } from '../rule-kit';

export const replicaWritable: Rule = (input) => {
  const out: FindingCandidate[] = [];
  for (const view of input.nodes) {
    const r = view.reachable ? view.info?.replication : undefined;
    if (r?.role !== 'replica' || r.slave_read_only !== false) continue;
    const evidence: Evidence[] = infoFields(view, 'replication', ['role', 'slave_read_only']);
    const cfg = view.config?.['replica-read-only'];
    if (cfg !== undefined) evidence.push(configEvidence(view.id, 'replica-read-only', cfg));
    const expires = view.info?.sections.stats?.slave_expires_tracked_keys;
    if (expires !== undefined && expires !== '0')
      evidence.push(...infoFields(view, 'stats', ['slave_expires_tracked_keys']));
    out.push({
      ...findingHead('replica_writable', view.id, 'warning'),
      nodeId: view.id,
      title: bi(`Replica ${view.id} accepts writes`, `从节点 ${view.id} 可写`),
      detail: bi(
        `${view.id} runs with replica-read-only no. Writes sent to it stay local: its master never sees them, its sub-replicas do not get them, and the next full resync erases them, so it drifts from the master without any error (a dangerous setting).`,
        `${view.id} 配置了 replica-read-only no。写入它的数据只留在本地：主节点看不到，它的下级从节点也收不到，下一次全量同步还会把它们清除，于是它会在没有任何报错的情况下与主节点产生差异（这是危险配置）。`,
      ),
      evidence,
      remedy: remedy(
        `Set replica-read-only yes on ${view.id} (and in its redis.conf). If it already diverged, re-sync it by re-pointing it to its master (guarded resync) — do not FLUSHALL it or RESTORE keys into it: once read-only it rejects both (READONLY), and while writable they only deepen the divergence.`,
        `在 ${view.id} 上设置 replica-read-only yes（并写入 redis.conf）。如果数据已经出现差异，请通过重新指向主节点来重新同步（受保护的重同步操作）——不要对它执行 FLUSHALL 或 RESTORE：只读后这两个命令都会被拒绝（READONLY），可写时又只会加深差异。`,
        'config.apply',
        { settings: { 'replica-read-only': 'yes' } },
      ),
    });
  }
  return out;
};
