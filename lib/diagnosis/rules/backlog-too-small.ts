// backlog_too_small: at the measured write rate, the replication backlog covers less than
// settings.backlogOutageSeconds of disconnection; a replica away longer comes back to a full
// resync (reference §7.1 rule 2, lab F2). Write rate = the master's replOffsetRate averaged over
// the window, so one burst neither raises nor clears the finding.
import type { Evidence } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import {
  bi,
  configEvidence,
  fmtBytes,
  fmtDuration,
  infoFields,
  MB,
  metricEvidence,
  remedy,
  replicaCount,
  replicaLinks,
  series,
  type Rule,
} from '../rule-kit';
import { findingKey } from '../finding-key';

/** Backlog for `outageSeconds` at `bytesPerSecond`, doubled for headroom, in whole MB (≥ 1). */
export function recommendedBacklog(bytesPerSecond: number, outageSeconds: number): number {
  return Math.max(1, Math.ceil((bytesPerSecond * outageSeconds * 2) / MB));
}

export const backlogTooSmall: Rule = (input) => {
  const out: FindingCandidate[] = [];
  const outage = input.settings.backlogOutageSeconds;
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  for (const view of input.nodes) {
    const r = view.info?.replication;
    if (!view.reachable || r?.role !== 'master' || replicaCount(input, view) === 0) continue;
    const points = series(input, view.id, 'replOffsetRate');
    const rates = points.length
      ? points.map((p) => p.v)
      : view.metrics?.replOffsetRate != null
        ? [view.metrics.replOffsetRate]
        : [];
    if (!rates.length) continue;
    const rate = rates.reduce((a, b) => a + b, 0) / rates.length;
    const backlog = r.repl_backlog_size;
    if (backlog === undefined || rate <= 0 || backlog >= rate * outage) continue;

    const mb = recommendedBacklog(rate, outage);
    const covers = fmtDuration(backlog / rate);
    const want = fmtDuration(outage);
    // Every node that keeps a backlog pays for it: the master and, since PSYNC2, its replicas.
    const holders = [view.id, ...replicaLinks(input, view.id).map((l) => l.replica)].filter(
      (id) => id === view.id || byId.get(id)?.info?.replication.repl_backlog_active,
    );
    const extra = Math.max(0, mb * MB - backlog);
    const seedNote =
      mb < 16
        ? {
            en: `${mb} MB covers it; a usual 16–64 MB adds headroom for bursts`,
            zh: `${mb} MB 即可覆盖；常用的 16–64 MB 能为突发留出余量`,
          }
        : mb <= 64
          ? {
              en: `${mb} MB, inside the usual 16–64 MB`,
              zh: `${mb} MB，在常用的 16–64 MB 范围内`,
            }
          : {
              en: `${mb} MB, above the usual 16–64 MB because of this write rate`,
              zh: `${mb} MB，因写入速率较高而超过常用的 16–64 MB`,
            };

    const evidence: Evidence[] = [
      ...infoFields(view, 'replication', [
        'repl_backlog_size',
        'repl_backlog_histlen',
        'master_repl_offset',
      ]),
      metricEvidence(view.id, 'replOffsetRate', Math.round(rate), undefined, 'B/s'),
      metricEvidence(view.id, 'backlogCoverSeconds', Math.round(backlog / rate), outage, 's'),
    ];
    const configured = view.config?.['repl-backlog-size'];
    if (configured !== undefined)
      evidence.push(configEvidence(view.id, 'repl-backlog-size', configured));

    out.push({
      key: findingKey({ kind: 'backlog_too_small', subject: view.id }),
      // What it explains, when that is open: the resync loop on this node.
      rootKeys: [findingKey({ kind: 'full_resync_storm', subject: view.id })],
      kind: 'backlog_too_small',
      severity: 'warning',
      nodeId: view.id,
      title: bi(
        `Backlog of ${view.id} covers only ${covers.en} of outage`,
        `${view.id} 的复制积压缓冲区只能覆盖 ${covers.zh} 的断线`,
      ),
      detail: bi(
        `${view.id} writes ${fmtBytes(rate)}/s of replication stream (average of ${rates.length} polls); its ${fmtBytes(backlog)} backlog holds ${covers.en} of it, less than the ${want.en} outage it should ride out. A replica disconnected longer than that will need a full resync.`,
        `${view.id} 每秒产生 ${fmtBytes(rate)} 复制流（${rates.length} 次轮询的平均值）；${fmtBytes(backlog)} 的积压缓冲区只能容纳 ${covers.zh}，少于应承受的 ${want.zh} 断线。断线更久的从节点将需要全量同步。`,
      ),
      evidence,
      remedy: remedy(
        `Set repl-backlog-size to ${mb} MB on ${view.id} (rate × ${outage} s × 2; ${seedNote.en}). It costs about ${fmtBytes(extra)} more memory on each of the ${holders.length} node(s) that keep a backlog (${fmtBytes(extra * holders.length)} in all); set the same on its replicas so a promoted one keeps the cover. Growing it at runtime keeps the existing history.`,
        `将 ${view.id} 的 repl-backlog-size 设为 ${mb} MB（速率 × ${outage} 秒 × 2；${seedNote.zh}）。每个持有积压缓冲区的节点约多占 ${fmtBytes(extra)} 内存，共 ${holders.length} 个节点（合计 ${fmtBytes(extra * holders.length)}）；从节点也应设置相同值，这样被提升后仍有足够覆盖。运行时调大不会丢失现有历史。`,
        'config.apply',
        { settings: { 'repl-backlog-size': `${mb}mb` } },
      ),
    });
  }
  return out;
};
