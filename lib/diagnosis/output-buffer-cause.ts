// output_buffer_limit as the cause of a resync loop, from INFO alone. A replica's output buffer
// holds the replication stream from the start of the snapshot until the replica has the RDB; when
// the stream rate times the snapshot's duration passes the replica class of
// `client-output-buffer-limit`, every full sync is cut off before it ends. This holds on every
// poll while the writes go on, unlike the buffer peak, which INFO samples (`clientsCron`, every
// 100 ms) and keeps for a few seconds only: a buffer that fills and is cut between two samples
// never shows. A peak seen at the limit is extra, direct evidence.
import type { Evidence } from '../contracts';
import type { DiagnosisInput, NodeView } from './diagnosis-input';
import {
  configEvidence,
  fmtBytes,
  fmtDuration,
  infoField,
  metricEvidence,
  noteEvidence,
  series,
} from './rule-kit';
import { replicaBufferLimit } from './rules/output-buffer-limit';
import type { CauseVerdict } from './causes';

/** The stream rate is the mean over this much recent history (a full sync's span, not one poll). */
const RATE_WINDOW_MS = 10_000;

/** Seconds the node's snapshot takes: the running BGSAVE so far, or the last one. 0 when unknown. */
function snapshotSeconds(view: NodeView): { seconds: number; field: string } {
  const p = view.info?.sections.persistence;
  const current = p?.rdb_bgsave_in_progress === '1' ? Number(p.rdb_current_bgsave_time_sec) : -1;
  const last = Number(p?.rdb_last_bgsave_time_sec);
  if (current > 0 && !(last >= current))
    return { seconds: current, field: 'rdb_current_bgsave_time_sec' };
  return { seconds: last > 0 ? last : 0, field: 'rdb_last_bgsave_time_sec' };
}

/** Why a resync loop on `view` is its replicas' output buffer limit, or null when INFO does not show it. */
export function outputBufferCause(input: DiagnosisInput, view: NodeView): CauseVerdict | null {
  const raw = view.config?.['client-output-buffer-limit'];
  const limit = replicaBufferLimit(raw);
  if (raw === undefined || !limit) return null;
  // Redis 7 raises a replica hard limit below the backlog to the backlog size (networking.c).
  const backlog = view.info?.replication.repl_backlog_size ?? 0;
  const major = Number(/^(\d+)\./.exec(view.info?.sections.server?.redis_version ?? '')?.[1] ?? 0);
  const hard = limit.hard > 0 && major >= 7 && limit.hard < backlog ? backlog : limit.hard;

  const rates = series(input, view.id, 'replOffsetRate', input.now - RATE_WINDOW_MS).map(
    (p) => p.v,
  );
  const rate = rates.length
    ? rates.reduce((a, b) => a + b, 0) / rates.length
    : (view.metrics?.replOffsetRate ?? null);
  const snap = snapshotSeconds(view);
  const buffered = rate !== null && rate > 0 ? rate * snap.seconds : 0;
  const hardHit = hard > 0 && buffered > hard;
  const softHit =
    limit.soft > 0 &&
    snap.seconds > limit.seconds &&
    (rate ?? 0) * (snap.seconds - limit.seconds) > limit.soft;

  const peak = Number(view.info?.sections.clients?.client_recent_max_output_buffer);
  const smallest = Math.min(...[hard, limit.soft].filter((x) => x > 0));
  // At the limit itself: any replica that streams references a 16 KB block (a ~20 KB "buffer"
  // while healthy), and normal clients count too, so a fraction of a small limit proves nothing.
  const peakHit = Number.isFinite(peak) && Number.isFinite(smallest) && peak >= smallest;
  if (!hardHit && !softHit && !peakHit) return null;

  const evidence: Evidence[] = [];
  if (hardHit || softHit) {
    const s = fmtDuration(snap.seconds);
    const limitText = hardHit
      ? { en: `hard limit of ${fmtBytes(hard)}`, zh: `硬限制 ${fmtBytes(hard)}` }
      : {
          en: `soft limit of ${fmtBytes(limit.soft)} for ${limit.seconds} s`,
          zh: `软限制 ${fmtBytes(limit.soft)}（持续 ${limit.seconds} 秒）`,
        };
    evidence.push(
      metricEvidence(view.id, 'replOffsetRate', Math.round(rate ?? 0), undefined, 'B/s'),
      ...[infoField(view, 'persistence', snap.field)].filter((e): e is Evidence => e !== undefined),
      noteEvidence(
        `At ${fmtBytes(rate ?? 0)}/s of replication stream, a replica's output buffer holds ${fmtBytes(buffered)} by the end of a ${s.en} snapshot of ${view.id}, past the replica ${limitText.en}: each full sync is cut off before it completes and the replica starts over.`,
        `按 ${fmtBytes(rate ?? 0)}/s 的复制流速度，${view.id} 生成一次 ${s.zh} 的快照期间从节点输出缓冲区会积累 ${fmtBytes(buffered)}，超过从节点的${limitText.zh}：每次全量同步都会在完成前被断开，从节点只能重新开始。`,
      ),
    );
  }
  if (peakHit) {
    evidence.push(
      {
        type: 'field',
        nodeId: view.id,
        section: 'clients',
        field: 'client_recent_max_output_buffer',
        value: String(peak),
      },
      noteEvidence(
        `A client output buffer on ${view.id} reached ${fmtBytes(peak)} against a replica limit of ${fmtBytes(smallest)}, while full syncs repeat without refused PSYNCs: replicas are cut off mid-transfer and start over.`,
        `${view.id} 上的客户端输出缓冲区达到 ${fmtBytes(peak)}，而从节点限制为 ${fmtBytes(smallest)}，同时全量同步反复发生却没有被拒绝的 PSYNC：从节点在传输中被断开并重新开始。`,
      ),
    );
  }
  evidence.push(configEvidence(view.id, 'client-output-buffer-limit', raw));
  return { cause: 'output_buffer_limit', confidence: 'likely', evidence };
}
