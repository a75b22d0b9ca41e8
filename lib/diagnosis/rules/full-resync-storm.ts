// full_resync_storm: repeated full syncs within settings.resyncWindowMs on one source node.
// Counted as rates, never absolute counters (sync_partial_err rises once per new replica,
// reference §10.4): master-side `syncFullDelta` history minus the full syncs a new replica or a
// master restart legitimately costs, or replica-side restarts (link going back into `sync`,
// "Full resync from master" log lines), whichever is larger.
import type { Cause, Evidence } from '../../contracts';
import type { DiagnosisInput, FindingCandidate, NodeView } from '../diagnosis-input';
import {
  bi,
  findingHead,
  eventEvidence,
  fmtBytes,
  fmtDuration,
  lineCount,
  logEvidence,
  MB,
  noteEvidence,
  pollIntervalMs,
  recentKindEvents,
  recentNodeEvents,
  recentLogs,
  remedy,
  replicaLinks,
  series,
  type Rule,
} from '../rule-kit';
import { recommendedBacklog } from './backlog-too-small';
import { stormCause } from '../causes';

const REPLICA_FULL_SYNC = /Full resync from master/;
/**
 * How far from an attach (new replica, re-pointed replica) its own full sync shows on the source:
 * the source counts it at PSYNC, when the replica also shows up in its INFO (at least 3 polls).
 */
const ATTACH_SYNC_MS = 2_000;

export const fullResyncStorm: Rule = (input) => {
  const out: FindingCandidate[] = [];
  for (const view of input.nodes) {
    // A loop is in the history of the window: a poll of the source that times out (a busy or
    // restarting node) does not end it, or the finding would resolve and reopen with each blip.
    if (!view.info) continue;
    const replicas = replicaLinks(input, view.id).map((l) => l.replica);
    // Every node, every poll: the window's first point and its full syncs, not its 600 zeros.
    const deltas = series(input, view.id, 'syncFullDelta', undefined, { dropZeros: true });
    const masterCount = deltas.reduce((n, p) => n + p.v, 0);
    if (masterCount === 0 && replicas.length === 0) continue;

    // Full syncs that are expected: a replica attached to this node for the first time, and
    // every replica once after this node restarted or changed its replication ID. An attach
    // explains a full sync only when one happened around it: a replica the dashboard merely
    // discovered (at its own start) synced long before, outside this history.
    const near = Math.max(ATTACH_SYNC_MS, 3 * (pollIntervalMs(input, view.id) ?? 0));
    const syncedNear = (t: number) => deltas.some((p) => p.v > 0 && Math.abs(p.t - t) <= near);
    const replicaSet = new Set(replicas);
    const attachEvents = [
      ...recentKindEvents(input, 'upstream_changed', (e) => e.to === view.id && syncedNear(e.at)),
      ...[...replicaSet].flatMap((id) => recentNodeEvents(input, id, (e) => e.kind === 'node_added' && syncedNear(e.at))),
    ];
    const resetEvents = recentNodeEvents(input, view.id, (e) => e.kind === 'run_id_changed' || e.kind === 'replid_changed');
    const expected =
      attachEvents.length + (resetEvents.length ? resetEvents.length * replicas.length : 0);
    const unexplained = Math.max(0, masterCount - expected);

    // Replica side: transfers that restarted, seen as the link coming back up into `sync`.
    let replicaCount = 0;
    const replicaEvidence: Evidence[] = [];
    for (const id of replicas) {
      const restarts = recentNodeEvents(input, id, (e) => e.kind === 'link_up' && e.to === 'sync');
      const logged = recentLogs(input, id, (l) => REPLICA_FULL_SYNC.test(l.message));
      const n = Math.max(restarts.length, lineCount(logged));
      if (n === 0) continue;
      // A replica's first full sync in the window is how every replica starts (and how one
      // started before the dashboard did shows up in the backfilled log); only repeats count.
      replicaCount += n - 1;
      replicaEvidence.push(
        ...restarts.slice(-3).map(eventEvidence),
        ...logged.slice(-2).map(logEvidence),
      );
    }
    // One repeat means the same replica fully synced twice: that is already a loop.
    const count = Math.max(unexplained, replicaCount > 0 ? replicaCount + 1 : 0);
    if (count < input.settings.resyncStormCount) continue;

    out.push(
      stormFinding(input, view, {
        count,
        masterCount,
        expected,
        deltas,
        replicas,
        attached: attachEvents.length,
        restarted: resetEvents.length > 0,
        replicaEvidence,
      }),
    );
  }
  return out;
};

interface StormFacts {
  /** Full syncs counted against the threshold (master side or replica side, the larger). */
  count: number;
  masterCount: number;
  expected: number;
  deltas: Array<{ t: number; v: number }>;
  replicas: string[];
  attached: number;
  restarted: boolean;
  replicaEvidence: Evidence[];
}

function stormFinding(input: DiagnosisInput, view: NodeView, facts: StormFacts): FindingCandidate {
  const { count, masterCount, expected, deltas, replicas } = facts;
  // Cause: from INFO (refused PSYNCs vs the backlog, restarted replicas, buffer peaks), proven
  // or overridden by what the logs of this node and its replicas say.
  const verdict = stormCause(input, view, replicas, facts.attached, facts.restarted, count);
  const cause = verdict.cause;
  const evidence: Evidence[] = [];
  const full = view.metrics?.syncFull;
  const first = deltas[0];
  if (first) {
    evidence.push({
      type: 'delta',
      nodeId: view.id,
      field: 'sync_full',
      from: (full ?? masterCount) - masterCount,
      to: full ?? masterCount,
      windowMs: input.now - first.t,
    });
  }
  if (expected) {
    evidence.push(
      noteEvidence(
        `${expected} of them are expected (new replicas or a restart of ${view.id}) and not counted.`,
        `其中 ${expected} 次属于正常情况（新从节点或 ${view.id} 重启），未计入。`,
      ),
    );
  }
  evidence.push(...verdict.evidence, ...facts.replicaEvidence);

  const win = fmtDuration(input.settings.resyncWindowMs / 1000);
  return {
    ...findingHead('full_resync_storm', view.id, 'critical'),
    nodeId: view.id,
    cause,
    ...(verdict.confidence ? { confidence: verdict.confidence } : {}),
    ...(verdict.ruledOut ? { causeRuledOut: verdict.ruledOut } : {}),
    title: bi(
      `${count} full resyncs from ${view.id} in ${win.en}`,
      `${view.id} 在 ${win.zh} 内发生 ${count} 次全量同步`,
    ),
    detail: bi(
      `Each full resync forks ${view.id} for an RDB snapshot, ships the whole dataset and leaves the replica stale or loading meanwhile. ${count} in ${win.en} is a loop, not a one-off.` +
        (cause === 'unknown'
          ? ' Neither INFO nor a log line names the cause yet.'
          : verdict.confidence === 'proven'
            ? ` Cause: ${cause.replaceAll('_', ' ')} (proven by the log).`
            : ` Cause: ${cause.replaceAll('_', ' ')} (likely, from INFO; a log line would prove it).`),
      `每次全量同步都会让 ${view.id} fork 生成 RDB 快照、传输整个数据集，期间从节点数据陈旧或处于加载中。${win.zh} 内 ${count} 次说明是循环而非偶发。` +
        (cause === 'unknown'
          ? 'INFO 与日志均尚未指明原因。'
          : verdict.confidence === 'proven'
            ? `原因：${cause}（日志已证实）。`
            : `原因：${cause}（根据 INFO 判断很可能如此；日志行可进一步证实）。`),
    ),
    evidence,
    remedy: remedyFor(cause, view),
  };
}

function remedyFor(cause: Cause, view: NodeView) {
  if (cause === 'backlog_exhausted') {
    const rate = view.metrics?.replOffsetRate ?? 0;
    const current = view.info?.replication.repl_backlog_size ?? MB;
    // At least double what failed; more when the write rate asks for it.
    const mb = Math.max(Math.ceil((current * 2) / MB), recommendedBacklog(rate, 60));
    return remedy(
      `Replicas come back after the backlog has moved past them ("Unable to partial resync … for lack of backlog"). Raise repl-backlog-size on ${view.id} from ${fmtBytes(current)} to ${mb} MB (16–64 MB is usual) and find why replicas disconnect for that long.`,
      `从节点重连时积压缓冲区已覆盖不到它们的偏移量（"Unable to partial resync … for lack of backlog"）。把 ${view.id} 的 repl-backlog-size 从 ${fmtBytes(current)} 调大到 ${mb} MB（通常 16–64 MB），并排查从节点为何断开这么久。`,
      'config.apply',
      { settings: { 'repl-backlog-size': `${mb}mb` } },
    );
  }
  if (cause === 'output_buffer_limit') {
    return remedy(
      `${view.id} drops replicas whose output buffer passes \`client-output-buffer-limit replica\` while the RDB is sent, and they start over. Raise it (for example replica 512mb 128mb 60) or speed the slow replica/network up.`,
      `${view.id} 在发送 RDB 期间因从节点输出缓冲区超过 client-output-buffer-limit replica 而断开它们，随后又重新全量同步。调大该限制（例如 replica 512mb 128mb 60），或提升慢从节点/网络的速度。`,
      'config.apply',
      { settings: { 'client-output-buffer-limit': 'replica 512mb 128mb 60' } },
    );
  }
  if (cause === 'replica_restarted') {
    return remedy(
      'A replica keeps restarting and asks for a full copy each time (PSYNC ? -1). Find why it restarts (OOM killer, crash, supervisor) and give it RDB persistence so a restart can resume with a partial resync.',
      '有从节点反复重启，每次都请求全量复制（PSYNC ? -1）。排查重启原因（OOM killer、崩溃、进程管理器），并为它开启 RDB 持久化，使重启后可以增量续传。',
    );
  }
  return remedy(
    `Read ${view.id}’s log around each "Starting BGSAVE for SYNC": "for lack of backlog" → raise repl-backlog-size; "overcoming of output buffer limits" → raise client-output-buffer-limit replica; "Timeout receiving bulk data" on the replica → raise repl-timeout or fix network/disk.`,
    `查看 ${view.id} 日志中每次 "Starting BGSAVE for SYNC" 前后：出现 "for lack of backlog" → 调大 repl-backlog-size；出现 "overcoming of output buffer limits" → 调大 client-output-buffer-limit replica；从节点出现 "Timeout receiving bulk data" → 调大 repl-timeout 或修复网络/磁盘。`,
  );
}
