// Check results as diagnosis candidates: a compare with differences becomes data_inconsistency
// (remedy: the guarded replica.resync), a replica that never saw the canary becomes a lag finding.
// The tracker/incident side decides when they open, update and resolve.
import { DIFF_CLASSES, type CanaryRun, type CheckRun, type CompareRun, type Evidence } from '../contracts';
import type { FindingCandidate } from '../diagnosis/diagnosis-input';
import { findingKey, type FindingKey } from '../diagnosis/finding-key';
import { bi, metricEvidence, noteEvidence, remedy } from '../diagnosis/rule-kit';
import { renderTextRef } from '../i18n/text-ref';

/** The data_inconsistency finding of one replica (a clean re-run clears it by this key). */
export const inconsistencyKey = (replica: string): FindingKey =>
  findingKey({ kind: 'data_inconsistency', subject: replica });

/** The canary_not_seen finding of one replica (every finished canary clears these first). */
export const canaryKey = (replica: string): FindingKey =>
  findingKey({ kind: 'replication_lag', variant: 'canary', subject: replica });

/** A differing replica stays a finding for a day unless a clean compare clears it sooner. */
export const INCONSISTENCY_TTL_MS = 24 * 3600_000;
/** A missed canary is news for ten minutes; the next canary run confirms or clears it. */
export const CANARY_TTL_MS = 10 * 60_000;


/** What a finished check says to the diagnosis: candidates to hold (for ttlMs) and keys to drop. */
export interface CheckVerdict {
  report: Array<{ candidate: FindingCandidate; ttlMs: number }>;
  clear: string[];
}

/**
 * A finished check is a verdict: differences open data_inconsistency, a clean re-run clears it;
 * every replica a canary reached clears its canary finding, one it missed opens it.
 */
export function checkVerdict(run: CheckRun): CheckVerdict {
  if (run.state !== 'done') return { report: [], clear: [] };
  if (run.kind === 'compare') {
    const c = inconsistencyCandidate(run);
    return c ? { report: [{ candidate: c, ttlMs: INCONSISTENCY_TTL_MS }], clear: [] } : { report: [], clear: [inconsistencyKey(run.params.replica)] };
  }
  const report = canaryCandidates(run).map((candidate) => ({ candidate, ttlMs: CANARY_TTL_MS }));
  const missed = new Set(report.map((r) => r.candidate.key));
  return { report, clear: run.report.replicas.map((r) => canaryKey(r.replica)).filter((k) => !missed.has(k)) };
}

const LABEL_ZH: Record<(typeof DIFF_CLASSES)[number], string> = {
  missingOnReplica: '从节点缺失',
  extraOnReplica: '从节点多出',
  typeMismatch: '类型不同',
  valueMismatch: '值不同',
  ttlMismatch: 'TTL 不同',
};

/** null when the run found nothing (or did not finish: a partial count is no verdict). */
export function inconsistencyCandidate(run: CompareRun): FindingCandidate | null {
  const { report, params } = run;
  const total = DIFF_CLASSES.reduce((n, c) => n + (report.counts[c] ?? 0), 0);
  if (run.state !== 'done' || total === 0) return null;
  const onlyTtl = total === (report.counts.ttlMismatch ?? 0);
  const present = DIFF_CLASSES.filter((c) => (report.counts[c] ?? 0) > 0);
  const evidence: Evidence[] = present.map((c) => metricEvidence(params.replica, `consistency.${c}`, report.counts[c] ?? 0, 0, 'keys'));
  const firstKeys = present.flatMap((c) => (report.examples[c] ?? []).slice(0, 2).map((e) => ({ c, e }))).slice(0, 6);
  const sample = firstKeys.map(({ c, e }) => `${c}: db${e.db} "${e.key}" (${e.detail})`);
  const sampleZh = firstKeys.map(({ c, e }) => `${LABEL_ZH[c]}：db${e.db} "${e.key}"（${(e.detailText && renderTextRef(e.detailText, 'zh-CN')) ?? e.detail}）`);
  evidence.push(
    noteEvidence(
      `Check ${run.id} (${params.mode}, ${report.keysCompared} keys read on the master, ${report.keysCheckedOnReplica} on the replica, ${report.rounds} lag-aware re-check rounds). Full report: GET /api/checks/${run.id}. First keys: ${sample.join('; ')}`,
      `检查 ${run.id}（${params.mode === 'full' ? '全量' : '抽样'}，主节点读取 ${report.keysCompared} 个键，从节点读取 ${report.keysCheckedOnReplica} 个键，按复制偏移重检 ${report.rounds} 轮）。完整报告：GET /api/checks/${run.id}。示例：${sampleZh.join('；')}`,
    ),
  );
  const en = present.map((c) => `${report.counts[c]} ${c}`).join(', ');
  const zh = present.map((c) => `${LABEL_ZH[c]} ${report.counts[c]}`).join('，');
  return {
    key: inconsistencyKey(params.replica),
    kind: 'data_inconsistency',
    severity: onlyTtl ? 'warning' : 'critical',
    nodeId: params.replica,
    link: { upstream: params.master, replica: params.replica },
    title: bi(`Replica ${params.replica} differs from its master`, `从节点 ${params.replica} 与主节点数据不一致`),
    detail: bi(
      `A ${params.mode} comparison against ${params.master} found ${total} differing keys (${en}) that persisted after the replica had caught up with the master's offset, so they are not writes in flight.`,
      `与 ${params.master} 的${params.mode === 'full' ? '全量' : '抽样'}比对发现 ${total} 个不一致的键（${zh}），在从节点追上主节点复制偏移后仍然存在，因此不是传输中的写入。`,
    ),
    evidence,
    remedy: remedy(
      `Re-sync ${params.replica} from ${params.master} with the guarded resync (re-point it; a full sync replaces its data). Do not RESTORE or FLUSHALL into a read-only replica: it rejects both (READONLY). If the replica is writable, find and stop the writer first.`,
      `使用受保护的重同步操作让 ${params.replica} 从 ${params.master} 重新全量同步（重新指向主节点，全量同步会替换其数据）。不要对只读从节点执行 RESTORE 或 FLUSHALL：两者都会被拒绝（READONLY）。如果从节点可写，先找到并停止写入方。`,
      'replica.resync',
      { replica: params.replica, master: params.master, checkId: run.id },
    ),
  };
}

/** One candidate per replica that never saw the canary before the timeout. */
export function canaryCandidates(run: CanaryRun): FindingCandidate[] {
  if (run.state !== 'done') return [];
  return run.report.replicas
    .filter((r) => !r.seen)
    .map((r) => ({
      key: canaryKey(r.replica),
      // A replica that is down or cut off cannot see the canary: that is the problem, not lag.
      rootKeys: [
        findingKey({ kind: 'node_unreachable', subject: r.replica }),
        findingKey({ kind: 'link_down', subject: r.replica }),
        findingKey({ kind: 'sync_stuck', subject: r.replica }),
      ],
      kind: 'replication_lag' as const,
      rule: 'canary_not_seen',
      severity: 'critical' as const,
      nodeId: r.replica,
      link: { upstream: r.upstream, replica: r.replica },
      title: bi(`A write on ${r.master} never reached ${r.replica}`, `${r.master} 上的写入未到达 ${r.replica}`),
      detail: bi(
        `Canary check ${run.id} wrote a key on ${r.master}; ${r.replica} (depth ${r.depth}, via ${r.upstream}) did not show it within ${run.report.timeoutMs} ms${r.error ? ` (${r.error})` : ''}.`,
        `金丝雀检查 ${run.id} 在 ${r.master} 写入了一个键；${r.replica}（第 ${r.depth} 层，经由 ${r.upstream}）在 ${run.report.timeoutMs} 毫秒内没有读到它${r.error ? `（${r.error}）` : ''}。`,
      ),
      evidence: [metricEvidence(r.replica, 'canary.propagationMs', null, run.report.timeoutMs, 'ms')],
      remedy: remedy(
        `Check the link ${r.upstream} → ${r.replica} (master_link_status, the replica's log) and re-run the canary.`,
        `检查 ${r.upstream} → ${r.replica} 的复制链路（master_link_status、从节点日志），然后重新运行金丝雀检查。`,
      ),
    }));
}
