// sync_stuck: a full sync that has run longer than settings.syncStuckSeconds and whose progress
// does not explain it: no bytes since the previous poll (and not loading), or a projected
// duration far beyond the limit. The sync's age comes from master_link_down_since_seconds, or
// from the topology event that started it when Redis prints -1 (first sync, reference §5.1).
import type { Evidence } from '../../contracts';
import type { DiagnosisInput, FindingCandidate, NodeView } from '../diagnosis-input';
import {
  bi,
  findingHead,
  eventEvidence,
  fmtBytes,
  fmtDuration,
  freshSection,
  infoFields,
  pollIntervalMs,
  remedy,
  type Rule,
} from '../rule-kit';

function syncAgeSeconds(
  input: DiagnosisInput,
  view: NodeView,
): { age: number | null; evidence: Evidence[] } {
  const down = view.info?.replication.master_link_down_since_seconds;
  const started = input.events
    .filter(
      (e) =>
        e.nodeId === view.id &&
        ((e.kind === 'link_up' && e.to === 'sync') ||
          e.kind === 'upstream_changed' ||
          e.kind === 'node_added' ||
          e.kind === 'link_down'),
    )
    .pop();
  const fromEvent = started ? (input.now - started.at) / 1000 : null;
  const age = down !== undefined && down >= 0 ? Math.max(down, fromEvent ?? 0) : fromEvent;
  return { age, evidence: started ? [eventEvidence(started)] : [] };
}

/** What the sync has done so far, from this poll and the previous one. */
interface SyncProgress {
  age: number;
  read: number;
  total: number;
  prevRead: number | undefined;
  stalled: boolean;
  loading: boolean;
  loadEta: number;
  projected: number | null;
}

/** Why the sync counts as stuck: no bytes, a long RDB load, or a transfer far too slow. */
function whyOf(p: SyncProgress, lastIo: number | undefined): [string, string] {
  if (p.stalled) {
    return [
      `no bytes arrived since the previous poll (${fmtBytes(p.read)} read${p.total > 0 ? ` of ${fmtBytes(p.total)}` : ''}; last transfer I/O ${lastIo ?? '?'} s ago).`,
      `自上次轮询以来没有收到任何字节（已读 ${fmtBytes(p.read)}${p.total > 0 ? ` / ${fmtBytes(p.total)}` : ''}；上次传输 I/O 在 ${lastIo ?? '?'} 秒前）。`,
    ];
  }
  if (p.loading) {
    const eta = fmtDuration(p.loadEta);
    return [`it is still loading the RDB with about ${eta.en} to go.`, `仍在加载 RDB，预计还需约 ${eta.zh}。`];
  }
  const d = fmtDuration(p.projected ?? 0);
  return [
    `at its pace so far (${fmtBytes(p.read)} of ${fmtBytes(p.total)}) the whole transfer would take about ${d.en}.`,
    `按目前的速度（已读 ${fmtBytes(p.read)} / ${fmtBytes(p.total)}），整个传输约需 ${d.zh}。`,
  ];
}

function syncEvidence(view: NodeView): Evidence[] {
  return [
    ...infoFields(view, 'replication', [
      'master_sync_in_progress',
      'master_sync_total_bytes',
      'master_sync_read_bytes',
      'master_sync_perc',
      'master_sync_last_io_seconds_ago',
      'master_link_down_since_seconds',
    ]),
    ...infoFields(view, 'persistence', ['loading', 'loading_loaded_perc', 'loading_eta_seconds']),
  ];
}

function readDelta(input: DiagnosisInput, view: NodeView, p: SyncProgress): Evidence[] {
  if (p.prevRead === undefined) return [];
  const windowMs = pollIntervalMs(input, view.id) ?? 0;
  return [
    {
      type: 'delta',
      nodeId: view.id,
      field: 'master_sync_read_bytes',
      from: p.prevRead,
      to: p.read,
      windowMs,
    },
  ];
}

function stuckRemedy(view: NodeView, upstream: string, stalled: boolean) {
  return remedy(
    stalled
      ? `Check ${upstream}’s log: "Waiting for … BGSAVE" or "another BG operation is active" means the RDB is not being produced yet; otherwise check disk and network between them. Redis aborts a transfer with no I/O after repl-timeout and retries; if it stays frozen, reconnect the replica to restart the sync.`
      : `The transfer is alive but slow: check bandwidth between ${upstream} and ${view.id} and the replica’s disk; keep reads off ${view.id} until it finishes. Raise repl-timeout if transfers abort with "Timeout receiving bulk data".`,
    stalled
      ? `查看 ${upstream} 的日志："Waiting for … BGSAVE" 或 "another BG operation is active" 表示 RDB 尚未开始生成；否则检查两者之间的磁盘和网络。传输在 repl-timeout 内无 I/O 时 Redis 会中止并重试；若一直卡住，可重连从节点以重新开始同步。`
      : `传输仍在进行但很慢：检查 ${upstream} 与 ${view.id} 之间的带宽以及从节点磁盘；完成前不要把读请求发往 ${view.id}。若传输以 "Timeout receiving bulk data" 中止，请调大 repl-timeout。`,
    stalled ? 'replica.reconnect' : undefined,
  );
}

export const syncStuck: Rule = (input) => {
  const out: FindingCandidate[] = [];
  const limit = input.settings.syncStuckSeconds;
  for (const view of input.nodes) {
    const r = view.reachable ? view.info?.replication : undefined;
    if (!r || r.role !== 'replica' || !r.master_sync_in_progress) continue;
    const { age, evidence: ageEvidence } = syncAgeSeconds(input, view);
    if (age === null || age < limit) continue;

    const read = r.master_sync_read_bytes ?? 0;
    const total = r.master_sync_total_bytes ?? -1;
    const prevRead = view.prevInfo?.replication.master_sync_in_progress
      ? view.prevInfo.replication.master_sync_read_bytes
      : undefined;
    // `loading` must be from this poll: bytes stop while the replica loads the RDB it received.
    const persistence = freshSection(view, 'persistence');
    const loading = persistence?.loading === '1';
    const loadEta = Number(persistence?.loading_eta_seconds ?? NaN);
    const stalled = persistence !== undefined && !loading && prevRead !== undefined && read === prevRead;
    // Projected length of the whole transfer at the average pace so far (size known only for
    // disk-based masters: diskless streams report total 0, reference §10.5).
    const projected = total > 0 && read > 0 ? (age * total) / read : null;
    const slow =
      (projected !== null && projected > 2 * limit) ||
      (loading && Number.isFinite(loadEta) && loadEta > limit);
    if (!stalled && !slow) continue;

    const progress: SyncProgress = { age, read, total, prevRead, stalled, loading, loadEta, projected };
    const upstream =
      r.master_host && r.master_port ? `${r.master_host}:${r.master_port}` : 'its master';
    const ageText = fmtDuration(age);
    const [whyEn, whyZh] = whyOf(progress, r.master_sync_last_io_seconds_ago);
    out.push({
      ...findingHead('sync_stuck', view.id, stalled ? 'critical' : 'warning'),
      nodeId: view.id,
      link: { upstream: view.upstream ?? upstream, replica: view.id },
      title: bi(
        `Full sync of ${view.id} running for ${ageText.en}`,
        `${view.id} 的全量同步已持续 ${ageText.zh}`,
      ),
      detail: bi(
        `${view.id} has been in full sync from ${upstream} for ${ageText.en}, longer than the ${limit} s limit, and ${whyEn} It serves no fresh data meanwhile.`,
        `${view.id} 从 ${upstream} 全量同步已持续 ${ageText.zh}，超过 ${limit} 秒的上限，且${whyZh}在此期间它无法提供最新数据。`,
      ),
      evidence: [...syncEvidence(view), ...ageEvidence, ...readDelta(input, view, progress)],
      remedy: stuckRemedy(view, upstream, stalled),
    });
  }
  return out;
};
