// replication_lag: an up link whose byte gap or ACK lag crosses the seed's §5.1 thresholds
// (gap ≥1000 B warning, ≥10000 B critical; lag ≥2 s warning, ≥10 s critical). The gap's slope
// over the last minute says whether it is growing or shrinking and when it will be caught up.
import type { Evidence, Link } from '../../contracts';
import { gapBeyondInFlight } from '../../topology/status';
import type { DiagnosisSettings, FindingCandidate, NodeView } from '../diagnosis-input';
import {
  bi,
  fmtBytes,
  fmtDuration,
  infoFields,
  levelOf,
  metricEvidence,
  noteEvidence,
  remedy,
  series,
  slopePerSecond,
  worstSeverity,
  type Rule,
} from '../rule-kit';
import { findingKey } from '../finding-key';

/** A gap must hold this long (every sample in it over the threshold) to count as lag. */
const SUSTAIN_MS = 2_000;

/** Seed §3.4: CPU above 90 % is abnormal; a replica applies the stream on one thread. */
const CPU_BUSY_PCT = 90;

/** Trend look-back: long enough to smooth one-poll noise, short enough to follow a burst. */
const TREND_WINDOW_MS = 60_000;

type Trend = { kind: 'growing' | 'shrinking' | 'steady' | 'unknown'; slope: number | null };

function trendOf(gap: number, slope: number | null): Trend {
  if (slope === null) return { kind: 'unknown', slope };
  // Below 1 % of the gap per second (or 1 B/s) the change is noise, e.g. 14-byte PINGs.
  if (Math.abs(slope) < Math.max(1, gap * 0.01)) return { kind: 'steady', slope };
  return { kind: slope > 0 ? 'growing' : 'shrinking', slope };
}

/**
 * The gap that held for SUSTAIN_MS, not one sample: a write burst (or a replica busy for a
 * moment with its own fork) shows a transient gap that is gone by the next poll. The window must
 * really be covered — a link first seen a second ago (a replica just synced, the dashboard just
 * started) has no sustained gap yet, however big its first samples are.
 */
function sustained(points: Array<{ t: number; v: number }>, now: number, gap: number): number | null {
  let from = -1;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p && p.t <= now - SUSTAIN_MS) {
      from = i;
      break;
    }
  }
  if (from < 0) return null;
  return Math.min(gap, ...points.slice(from).map((p) => p.v));
}

/** What one up link shows this cycle, from its replica's and upstream's views. */
interface LagFacts {
  link: Link;
  gap: number | null;
  lag: number | null;
  writeRate: number | null;
  points: Array<{ t: number; v: number }>;
  trend: Trend;
  upstream: NodeView | undefined;
  replica: NodeView | undefined;
  /** The replica's CPU when it is busy enough to explain the lag, else null. */
  busyCpu: number | null;
}

function lagEvidence(f: LagFacts, s: DiagnosisSettings): Evidence[] {
  const { link, gap, lag, points, trend } = f;
  const evidence: Evidence[] = [
    metricEvidence(
      link.replica,
      'offsetGapBytes',
      gap,
      gap !== null && gap >= s.gapCriticalBytes ? s.gapCriticalBytes : s.gapWarningBytes,
      'B',
    ),
    metricEvidence(
      link.replica,
      'lagSeconds',
      lag,
      lag !== null && lag >= s.lagCriticalSeconds ? s.lagCriticalSeconds : s.lagWarningSeconds,
      's',
    ),
  ];
  if (f.upstream) evidence.push(...infoFields(f.upstream, 'replication', ['master_repl_offset']));
  if (f.replica)
    evidence.push(
      ...infoFields(f.replica, 'replication', ['slave_repl_offset', 'master_last_io_seconds_ago']),
    );
  if (f.writeRate !== null)
    evidence.push(metricEvidence(link.upstream, 'replOffsetRate', f.writeRate, undefined, 'B/s'));
  if (f.busyCpu !== null) evidence.push(metricEvidence(link.replica, 'cpuPct', f.busyCpu, CPU_BUSY_PCT, '%'));
  const first = points[0];
  if (trend.slope !== null && first) {
    evidence.push(
      noteEvidence(
        `Gap went from ${fmtBytes(first.v)} to ${fmtBytes(gap ?? 0)} over the last ${points.length} polls (${Math.round(trend.slope)} B/s).`,
        `最近 ${points.length} 次轮询中差距从 ${fmtBytes(first.v)} 变为 ${fmtBytes(gap ?? 0)}（${Math.round(trend.slope)} B/s）。`,
      ),
    );
  }
  return evidence;
}

/** The sentences of the detail: how far behind, how stale the ACK, how busy the replica. */
function lagParts(f: LagFacts, s: DiagnosisSettings): { en: string[]; zh: string[] } {
  const { link, gap, lag, writeRate } = f;
  const parts: { en: string[]; zh: string[] } = { en: [], zh: [] };
  if (gap !== null && gap >= s.gapWarningBytes) {
    parts.en.push(
      `${link.replica} is ${fmtBytes(gap)} of replication stream behind ${link.upstream}`,
    );
    parts.zh.push(`${link.replica} 落后 ${link.upstream} ${fmtBytes(gap)} 的复制流`);
    if (writeRate && writeRate > 0) {
      const behind = fmtDuration(gap / writeRate);
      parts.en.push(`about ${behind.en} of writes at the current ${fmtBytes(writeRate)}/s`);
      parts.zh.push(`按当前 ${fmtBytes(writeRate)}/s 的写入速度约为 ${behind.zh} 的写入量`);
    }
  }
  if (lag !== null && lag >= s.lagWarningSeconds) {
    parts.en.push(
      `its last ACK to ${link.upstream} was ${lag} s ago (replicas ACK every second)`,
    );
    parts.zh.push(`它上次向 ${link.upstream} 发送 ACK 是 ${lag} 秒前（从节点每秒 ACK 一次）`);
  }
  if (f.busyCpu !== null) {
    parts.en.push(`${link.replica} is using ${f.busyCpu}% of a CPU core: it may be too busy to apply the stream`);
    parts.zh.push(`${link.replica} 占用了 ${f.busyCpu}% 的单核 CPU：可能忙到来不及应用复制流`);
  }
  return parts;
}

function trendText(trend: Trend, gap: number | null): [string, string] {
  if (trend.kind === 'shrinking' && gap !== null && trend.slope !== null) {
    const eta = fmtDuration(gap / -trend.slope);
    return [
      ` The gap is shrinking by ${fmtBytes(-trend.slope)}/s: caught up in about ${eta.en} at this pace.`,
      `差距正以 ${fmtBytes(-trend.slope)}/s 缩小，按此速度约 ${eta.zh} 后追上。`,
    ];
  }
  if (trend.kind === 'growing' && trend.slope !== null) {
    return [
      ` The gap is growing by ${fmtBytes(trend.slope)}/s: the replica is not keeping up and will not catch up at this pace.`,
      `差距正以 ${fmtBytes(trend.slope)}/s 扩大：从节点跟不上写入，按此速度无法追上。`,
    ];
  }
  if (trend.kind === 'steady') return [' The gap is steady.', '差距保持稳定。'];
  return ['', ''];
}

function lagRemedy(f: LagFacts) {
  const { link } = f;
  if (f.busyCpu !== null)
    return remedy(
      `${link.replica} is CPU-bound (${f.busyCpu}% of a core): move read traffic and slow commands (KEYS, big SORT/ZRANGE, Lua) off it, check for a BGSAVE/AOF rewrite on the same host, and give it a faster core.`,
      `${link.replica} 受 CPU 限制（单核 ${f.busyCpu}%）：把读流量和慢命令（KEYS、大 SORT/ZRANGE、Lua）移走，检查同一主机上是否有 BGSAVE/AOF 重写，并给它更快的 CPU。`,
    );
  if (f.trend.kind === 'growing')
    return remedy(
      `The replica cannot keep up: check its CPU, disk (AOF fsync, swap) and the bandwidth between ${link.upstream} and ${link.replica}; batch writes with pipelines; move reads off it until it catches up. Consider a chained layout if ${link.upstream} feeds many replicas.`,
      `从节点跟不上：检查其 CPU、磁盘（AOF fsync、swap）以及 ${link.upstream} 与 ${link.replica} 之间的带宽；使用 pipeline 批量写入；在追上之前把读流量移走。若 ${link.upstream} 带有很多从节点，可考虑树形级联架构。`,
    );
  return remedy(
    `Watch the trend; if it does not shrink, check ${link.replica}’s CPU/disk and the network to ${link.upstream}. Keep latency-sensitive reads on the master meanwhile.`,
    `观察趋势；若差距不缩小，检查 ${link.replica} 的 CPU/磁盘以及到 ${link.upstream} 的网络。在此期间对延迟敏感的读请求走主节点。`,
  );
}

export const replicationLag: Rule = (input) => {
  const out: FindingCandidate[] = [];
  const s = input.settings;
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  for (const link of input.topology.links) {
    if (link.linkStatus !== 'up') continue;
    const gap = link.offsetGapBytes;
    const lag = link.lagSeconds;
    const upstream = byId.get(link.upstream);
    const writeRate = upstream?.metrics?.replOffsetRate ?? null;
    // At most one history read per link per cycle (the trend window also holds the sustain
    // window), and none for a link in step without lag: most links of a large tree.
    let read: Array<{ t: number; v: number }> | undefined;
    const history = () => (read ??= series(input, link.replica, 'offsetGapBytes', input.now - TREND_WINDOW_MS));
    // A 0-byte gap sustains as 0 (or not yet covered): a finding only when 0 B is itself the threshold.
    const sustainedGap = gap === null ? null : gap === 0 && s.gapWarningBytes > 0 ? 0 : sustained(history(), input.now, gap);
    const severity = worstSeverity(
      levelOf(gapBeyondInFlight(sustainedGap, writeRate, s), s.gapWarningBytes, s.gapCriticalBytes),
      levelOf(lag, s.lagWarningSeconds, s.lagCriticalSeconds),
    );
    if (!severity) continue;

    const points = history();
    const trend = trendOf(gap ?? 0, gap === null ? null : slopePerSecond(points));
    const replica = byId.get(link.replica);
    const replicaCpu = replica?.metrics?.cpuPct ?? null;
    const busyCpu = replicaCpu !== null && replicaCpu >= CPU_BUSY_PCT ? replicaCpu : null;
    const facts: LagFacts = { link, gap, lag, writeRate, points, trend, upstream, replica, busyCpu };
    const parts = lagParts(facts, s);
    const [trendEn, trendZh] = trendText(trend, gap);

    out.push({
      key: findingKey({ kind: 'replication_lag', subject: link.replica }),
      kind: 'replication_lag',
      severity,
      // Lag that a sync in progress (a resync loop, a stuck transfer) or a dead upstream causes.
      rootKeys: [
        findingKey({ kind: 'full_resync_storm', subject: link.upstream }),
        findingKey({ kind: 'sync_stuck', subject: link.replica }),
        findingKey({ kind: 'node_unreachable', subject: link.upstream }),
      ],
      nodeId: link.replica,
      link: { upstream: link.upstream, replica: link.replica },
      title: bi(
        `${link.replica} lags ${gap !== null ? fmtBytes(gap) : `${lag} s`} behind ${link.upstream}`,
        `${link.replica} 落后 ${link.upstream} ${gap !== null ? fmtBytes(gap) : `${lag} 秒`}`,
      ),
      detail: bi(
        `${parts.en.join('; ')}. Reads on it may return stale data.${trendEn}`,
        `${parts.zh.join('；')}。从该节点读取可能拿到旧数据。${trendZh}`,
      ),
      evidence: lagEvidence(facts, s),
      remedy: lagRemedy(facts),
    });
  }
  return out;
};
