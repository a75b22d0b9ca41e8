// Causes from what the dashboard already sees — INFO counter deltas, replication ids, the
// per-replica state on the upstream, the dashboard's own probes — so a topology without log
// files still gets a cause. A log line naming the same cause upgrades `likely` to `proven`; a
// log line naming another cause wins (it is direct proof). docs/diagnosis.md has the table.
import type { Cause, Confidence, Evidence, Link } from '../contracts';
import type { DiagnosisInput, LogEvidenceLine, NodeView } from './diagnosis-input';
import { outputBufferCause } from './output-buffer-cause';
import {
  fmtBytes,
  fmtDuration,
  infoField,
  logEvidence,
  noteEvidence,
  recentEvents,
  recentLogs,
  series,
} from './rule-kit';

export interface CauseVerdict {
  cause: Cause;
  confidence?: Confidence;
  evidence: Evidence[];
  /** Causes this cycle's evidence contradicts: an earlier cycle's reading of one is dropped. */
  ruledOut?: Cause[];
}

const UNKNOWN: CauseVerdict = { cause: 'unknown', evidence: [] };

/** Sum of a per-poll delta series over the diagnosis window. */
function deltaSum(input: DiagnosisInput, nodeId: string, metric: 'syncFullDelta' | 'syncPartialErrDelta' | 'syncPartialOkDelta') {
  const points = series(input, nodeId, metric, undefined, { dropZeros: true });
  return { sum: points.reduce((n, p) => n + p.v, 0), since: points[0]?.t ?? input.now };
}

function deltaEvidence(nodeId: string, field: string, sum: number, now: number, since: number, current: number | null | undefined): Evidence {
  const to = current ?? sum;
  return { type: 'delta', nodeId, field, from: to - sum, to, windowMs: now - since };
}

/**
 * "Full resync requested" is how every PSYNC ? -1 reads (a fresh replica too), so it is weak
 * evidence of a restart: it never overrides a specific cause.
 */
const WEAK_LOG_CAUSES: readonly Cause[] = ['replica_restarted'];

/** Combines the INFO verdict with what the logs say. */
function withLogs(info: CauseVerdict, lines: LogEvidenceLine[]): CauseVerdict {
  const tally = new Map<Cause, number>();
  for (const l of lines) if (l.causeHint) tally.set(l.causeHint, (tally.get(l.causeHint) ?? 0) + (l.count ?? 1));
  const ranked = [...tally.entries()].sort((a, b) => b[1] - a[1]);
  const top = ranked.find(([c]) => !WEAK_LOG_CAUSES.includes(c)) ?? ranked[0];
  if (!top) return info;
  const proving = lines.filter((l) => l.causeHint === top[0]).slice(-4).map(logEvidence);
  if (top[0] === info.cause) return { ...info, confidence: 'proven', evidence: [...info.evidence, ...proving] };
  if (WEAK_LOG_CAUSES.includes(top[0])) {
    const usable = info.cause === 'unknown' && !info.ruledOut?.includes(top[0]);
    return usable ? { ...info, cause: top[0], confidence: 'likely', evidence: proving } : info;
  }
  return { cause: top[0], confidence: 'proven', evidence: [...proving, ...info.evidence] };
}

/** Longest time a replica was away (unreachable or its link down) in the window, in seconds. */
export function longestOutageSeconds(input: DiagnosisInput, replicaId: string): number | null {
  let downAt: number | null = null;
  let longest: number | null = null;
  for (const e of recentEvents(input, (x) => x.nodeId === replicaId)) {
    if ((e.kind === 'node_unreachable' || e.kind === 'link_down') && downAt === null) downAt = e.at;
    if ((e.kind === 'node_reachable' || e.kind === 'link_up') && downAt !== null) {
      longest = Math.max(longest ?? 0, (e.at - downAt) / 1000);
      downAt = null;
    }
  }
  return longest;
}

/**
 * Why one source node keeps fully resyncing its replicas (full_resync_storm). `expectedPartialErr`
 * is how many refused PSYNCs new replicas explain (each fresh replica offers its own replid,
 * reference §10.4); `reset` says the source restarted or changed its replication id.
 */
export function stormCause(
  input: DiagnosisInput,
  view: NodeView,
  replicas: string[],
  expectedPartialErr: number,
  reset: boolean,
  syncs: number,
): CauseVerdict {
  const STORM: Cause[] = ['backlog_exhausted', 'output_buffer_limit', 'replica_restarted'];
  const logs = [view.id, ...replicas].flatMap((id) => recentLogs(input, id, (l) => l.causeHint !== undefined && STORM.includes(l.causeHint)));
  return withLogs(stormCauseFromInfo(input, view, replicas, expectedPartialErr, reset, syncs), logs);
}

function stormCauseFromInfo(input: DiagnosisInput, view: NodeView, replicas: string[], expectedPartialErr: number, reset: boolean, syncs: number): CauseVerdict {
  const err = deltaSum(input, view.id, 'syncPartialErrDelta');
  // A replica came back asking to continue the same history (same replid) and was refused: its
  // offset had left the backlog. Fresh replicas and a changed replid explain refusals otherwise.
  if (err.sum > expectedPartialErr && !reset) {
    const evidence: Evidence[] = [deltaEvidence(view.id, 'sync_partial_err', err.sum, input.now, err.since, view.metrics?.syncPartialErr)];
    const size = view.info?.replication.repl_backlog_size;
    const rate = view.metrics?.replOffsetRate ?? null;
    const field = infoField(view, 'replication', 'repl_backlog_size');
    if (field) evidence.push(field);
    const outage = Math.max(0, ...replicas.map((r) => longestOutageSeconds(input, r) ?? 0));
    if (size && rate && rate > 0) {
      const cover = size / rate;
      const c = fmtDuration(cover);
      const o = fmtDuration(outage);
      evidence.push(
        noteEvidence(
          `At ${fmtBytes(rate)}/s the ${fmtBytes(size)} backlog covers ${c.en}${outage ? `; a replica was away ${o.en}` : ''}.`,
          `按 ${fmtBytes(rate)}/s 的写入速度，${fmtBytes(size)} 的积压缓冲区只能覆盖 ${c.zh}${outage ? `；有从节点离开了 ${o.zh}` : ''}。`,
        ),
      );
    }
    evidence.push(
      noteEvidence(
        `sync_partial_err rose while ${view.id}'s replication id stayed the same: replicas asked to continue and their offset was no longer in the backlog.`,
        `${view.id} 的复制 ID 未变而 sync_partial_err 上升：从节点请求续传，但其偏移量已不在积压缓冲区中。`,
      ),
    );
    return { cause: 'backlog_exhausted', confidence: 'likely', evidence };
  }
  // Cut off mid-transfer: more specific than a restart, which also asks for a full copy.
  const buffer = outputBufferCause(input, view);
  if (buffer) return buffer;
  const restarted = recentEvents(input, (e) => e.kind === 'run_id_changed' && replicas.includes(e.nodeId));
  // Each restart explains one full copy; a loop needs a replica that restarts before each one.
  // Fewer restarts than full copies rule restarts out, also for a cycle that read them earlier
  // (a replica restarted without data, then cut off again and again, is no restart loop).
  if (!restarted.length) return UNKNOWN;
  if (restarted.length < syncs) return { ...UNKNOWN, ruledOut: ['replica_restarted'] };
  return {
    cause: 'replica_restarted',
    confidence: 'likely',
    evidence: [
      ...restarted.slice(-3).map((event): Evidence => ({ type: 'event', event })),
      noteEvidence('A replica’s run_id changed: it restarted and asked for a full copy (PSYNC ? -1).', '从节点的 run_id 变化：它重启后请求了全量复制（PSYNC ? -1）。'),
    ],
  };
}

const ERROR_FIELDS = ['errorstat_NOAUTH', 'errorstat_WRONGPASS', 'errorstat_NOPERM'];
const errorCount = (v: NodeView | undefined, field: string, prev = false) =>
  Number(/count=(\d+)/.exec((prev ? v?.prevInfo : v?.info)?.sections.errorstats?.[field] ?? '')?.[1] ?? 0);

/** Why a replica's link to a reachable upstream is down, from INFO (logs upgrade or override). */
export function linkCause(input: DiagnosisInput, link: Link, upstream: NodeView | undefined): CauseVerdict {
  const LINK: Cause[] = ['auth_failed', 'connection_refused', 'timeout'];
  const logs = recentLogs(input, link.replica, (l) => l.causeHint !== undefined && LINK.includes(l.causeHint));
  return withLogs(linkCauseFromInfo(input, link, upstream), logs);
}

function linkCauseFromInfo(input: DiagnosisInput, link: Link, upstream: NodeView | undefined): CauseVerdict {
  // The upstream counts the authentication errors it answers (INFO errorstats).
  const rising = ERROR_FIELDS.filter((f) => errorCount(upstream, f) > errorCount(upstream, f, true) && upstream?.prevInfo);
  if (upstream && rising.length) {
    return {
      cause: 'auth_failed',
      confidence: 'likely',
      evidence: [
        ...rising.map((f): Evidence => ({ type: 'delta', nodeId: upstream.id, field: f, from: errorCount(upstream, f, true), to: errorCount(upstream, f), windowMs: 0 })),
        noteEvidence(
          `${upstream.id} keeps answering authentication errors while ${link.replica} cannot connect: its masterauth/masteruser do not match.`,
          `${link.replica} 无法连接期间 ${upstream.id} 持续返回认证错误：其 masterauth/masteruser 不匹配。`,
        ),
      ],
    };
  }
  // The upstream restarted (new run id / replication id): it was down for a moment.
  const restarted = recentEvents(input, (e) => e.nodeId === link.upstream && (e.kind === 'run_id_changed' || e.kind === 'replid_changed'));
  if (restarted.length) {
    return {
      cause: 'upstream_down',
      confidence: 'likely',
      evidence: [
        ...restarted.slice(-2).map((event): Evidence => ({ type: 'event', event })),
        noteEvidence(`${link.upstream} restarted (its run id / replication id changed).`, `${link.upstream} 已重启（其 run id / 复制 ID 已变化）。`),
      ],
    };
  }
  // The upstream still lists the replica as connected while the replica says its link is down:
  // one side's packets stopped arriving (a cut network, a frozen host), which repl-timeout ends.
  if (link.upstreamState === 'online') {
    return {
      cause: 'timeout',
      confidence: 'likely',
      evidence: [
        noteEvidence(
          `${link.upstream} still lists ${link.replica} as online while ${link.replica} reports its link down: traffic stopped on a half-open connection.`,
          `${link.upstream} 仍将 ${link.replica} 列为在线，而 ${link.replica} 报告链路断开：半开连接上的流量已停止。`,
        ),
      ],
    };
  }
  return UNKNOWN;
}
