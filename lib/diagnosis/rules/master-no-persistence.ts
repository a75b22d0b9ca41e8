// master_no_persistence: a master that feeds replicas with no RDB save points and no AOF. If it
// restarts (crash, supervisor, OOM kill) it comes back empty with a new replication ID and every
// replica full-syncs the empty dataset (reference F10, Redis docs "Safety of replication when
// master has persistence turned off"). Needs CONFIG GET; without it the rule stays silent.
import type { Evidence } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import {
  bi,
  findingHead,
  configEvidence,
  infoFields,
  remedy,
  replicaCount,
  replicaLinks,
  type Rule,
} from '../rule-kit';

const DEFAULT_SAVE = '3600 1 300 100 60 10000';

export const masterNoPersistence: Rule = (input) => {
  const out: FindingCandidate[] = [];
  for (const view of input.nodes) {
    const cfg = view.config;
    if (!view.reachable || view.info?.replication.role !== 'master' || !cfg) continue;
    const save = cfg.save;
    const aof = cfg.appendonly;
    if (save === undefined || aof === undefined || save.trim() !== '' || aof !== 'no') continue;
    const n = replicaCount(input, view);
    if (n === 0) continue;
    const names = replicaLinks(input, view.id).map((l) => l.replica);
    const list = names.length ? ` (${names.join(', ')})` : '';
    const evidence: Evidence[] = [
      configEvidence(view.id, 'save', save),
      configEvidence(view.id, 'appendonly', aof),
      ...infoFields(view, 'persistence', ['aof_enabled', 'rdb_last_save_time']),
      ...infoFields(view, 'replication', ['connected_slaves']),
    ];
    out.push({
      ...findingHead('master_no_persistence', view.id, 'warning'),
      nodeId: view.id,
      title: bi(
        `Master ${view.id} has no persistence: a restart wipes every replica`,
        `主节点 ${view.id} 未开启持久化：一次重启会清空所有从节点`,
      ),
      detail: bi(
        `${view.id} has save "" and appendonly no but feeds ${n} replica(s)${list}. If it restarts it comes back empty with a new replication ID, and every replica then full-syncs the empty dataset: the copies you count on are erased too. Disabling RDB (save "") for speed leads here unless AOF is on.`,
        `${view.id} 配置了 save "" 和 appendonly no，却带有 ${n} 个从节点${list}。它一旦重启会以空数据和新的复制 ID 启动，所有从节点随后全量同步这个空数据集：你依赖的副本也会被清空。为提速而关闭 RDB（save ""）在未开启 AOF 时就会导致这种情况。`,
      ),
      evidence,
      remedy: remedy(
        `Turn persistence on for ${view.id}: save "${DEFAULT_SAVE}" (Redis' default) or appendonly yes, and persist it with CONFIG REWRITE. If it must stay without persistence, disable automatic restarts of this process so a crash cannot propagate an empty dataset.`,
        `为 ${view.id} 开启持久化：save "${DEFAULT_SAVE}"（Redis 默认值）或 appendonly yes，并用 CONFIG REWRITE 写回配置文件。若必须不持久化，请关闭该进程的自动重启，避免崩溃后把空数据集同步给从节点。`,
        'config.apply',
        { settings: { save: DEFAULT_SAVE } },
      ),
    });
  }
  return out;
};
