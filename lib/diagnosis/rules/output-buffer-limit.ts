// output_buffer_limit: a source node dropped a replica for overcoming its output buffer limit
// (log line with flags=S, reference §2.H / F3), or its `client-output-buffer-limit replica` hard
// limit is below the backlog, so a replica can be cut off before the backlog is of any use.
// Redis 7.0+ silently raises such a hard limit to the backlog size (networking.c:3860-3869), so
// there the config case is only `info`; before 7.0 it is a real `warning`.
import type { Bilingual, Evidence } from '../../contracts';
import type { FindingCandidate, LogEvidenceLine, NodeView } from '../diagnosis-input';
import {
  bi,
  configEvidence,
  fmtBytes,
  lineCount,
  logEvidence,
  MB,
  parseSize,
  recentLogs,
  remedy,
  replicaCount,
  type Rule,
} from '../rule-kit';
import { findingKey } from '../finding-key';

const OBUF_LINE = /overcoming of output buffer limits/;
const REPLICA_FLAGS = /\bflags=[A-Za-z]*S/;

/** `normal 0 0 0 slave 268435456 67108864 60 pubsub …` → the replica class, in bytes. */
export function replicaBufferLimit(
  raw: string | undefined,
): { hard: number; soft: number; seconds: number } | undefined {
  if (!raw) return undefined;
  const t = raw.trim().split(/\s+/);
  for (let i = 0; i + 3 < t.length; i += 4) {
    if (t[i] !== 'slave' && t[i] !== 'replica') continue;
    const hard = parseSize(t[i + 1]);
    const soft = parseSize(t[i + 2]);
    const seconds = Number(t[i + 3]);
    if (hard === undefined || soft === undefined || !Number.isFinite(seconds)) return undefined;
    return { hard, soft, seconds };
  }
  return undefined;
}

function majorVersion(raw: string | undefined): number | null {
  const m = raw ? /^(\d+)\./.exec(raw) : null;
  return m ? Number(m[1]) : null;
}

type BufferLimit = NonNullable<ReturnType<typeof replicaBufferLimit>>;

/** Title and detail: the drops the log shows, else the hard limit below the backlog. */
function describe(
  view: NodeView,
  lines: LogEvidenceLine[],
  limit: BufferLimit | undefined,
  backlog: number | undefined,
): { title: Bilingual; detail: Bilingual } {
  if (lines.length || !limit) {
    const n = lineCount(lines);
    return {
      title: bi(
        `${view.id} dropped replicas for output buffer overflow (${n}×)`,
        `${view.id} 因输出缓冲区溢出断开从节点（${n} 次）`,
      ),
      detail: bi(
        `${view.id} closed replica connections that overcame \`client-output-buffer-limit replica\` (${limit ? `hard ${fmtBytes(limit.hard)}, soft ${fmtBytes(limit.soft)} for ${limit.seconds} s` : 'limit unknown'}). A replica that is slow to read, or that receives a large RDB while writes pile up, is cut off and usually comes back to a full resync.`,
        `${view.id} 关闭了超过 client-output-buffer-limit replica 限制的从节点连接（${limit ? `硬限制 ${fmtBytes(limit.hard)}，软限制 ${fmtBytes(limit.soft)} 持续 ${limit.seconds} 秒` : '限制未知'}）。读取慢的从节点，或在接收大 RDB 期间写入堆积的从节点会被断开，通常随后触发全量同步。`,
      ),
    };
  }
  const version = view.info?.sections.server?.redis_version;
  const autoRaised = (majorVersion(version) ?? 0) >= 7;
  return {
    title: bi(
      `Replica output buffer limit of ${view.id} is below its backlog`,
      `${view.id} 的从节点输出缓冲区限制小于复制积压缓冲区`,
    ),
    detail: bi(
      `client-output-buffer-limit replica hard limit is ${fmtBytes(limit.hard)} but repl-backlog-size is ${fmtBytes(backlog ?? 0)}: a replica catching up from the backlog can be disconnected before it gets there.` +
        (autoRaised
          ? ` Redis ${version} raises the effective hard limit to the backlog size by itself, so this is a config inconsistency rather than an active risk.`
          : ''),
      `client-output-buffer-limit replica 的硬限制为 ${fmtBytes(limit.hard)}，而 repl-backlog-size 为 ${fmtBytes(backlog ?? 0)}：从积压缓冲区追数据的从节点可能在追上之前就被断开。` +
        (autoRaised
          ? `Redis ${version} 会自动把实际硬限制提升到积压缓冲区大小，因此这只是配置不一致，而非实际风险。`
          : ''),
    ),
  };
}

function evidenceOf(
  view: NodeView,
  lines: LogEvidenceLine[],
  backlog: number | undefined,
  undersized: boolean,
): Evidence[] {
  const version = view.info?.sections.server?.redis_version;
  const evidence: Evidence[] = lines.slice(-3).map(logEvidence);
  const cfg = view.config?.['client-output-buffer-limit'];
  if (cfg !== undefined)
    evidence.push(configEvidence(view.id, 'client-output-buffer-limit', cfg));
  if (backlog !== undefined)
    evidence.push(configEvidence(view.id, 'repl-backlog-size', String(backlog)));
  if (undersized && version)
    evidence.push({
      type: 'field',
      nodeId: view.id,
      section: 'server',
      field: 'redis_version',
      value: version,
    });
  return evidence;
}

export const outputBufferLimit: Rule = (input) => {
  const out: FindingCandidate[] = [];
  for (const view of input.nodes) {
    if (!view.reachable) continue;
    const lines = recentLogs(
      input,
      view.id,
      (l) =>
        l.causeHint === 'output_buffer_limit' ||
        (OBUF_LINE.test(l.message) && REPLICA_FLAGS.test(l.message)),
    );
    const limit = replicaBufferLimit(view.config?.['client-output-buffer-limit']);
    const backlog =
      parseSize(view.config?.['repl-backlog-size']) ?? view.info?.replication.repl_backlog_size;
    const undersized =
      limit !== undefined &&
      limit.hard > 0 &&
      backlog !== undefined &&
      limit.hard < backlog &&
      replicaCount(input, view) > 0;
    if (!lines.length && !undersized) continue;

    const autoRaised = (majorVersion(view.info?.sections.server?.redis_version) ?? 0) >= 7;
    const backlogMb = Math.ceil((backlog ?? MB) / MB);
    const hardMb = Math.max(512, 2 * backlogMb);
    const softMb = Math.max(128, backlogMb);
    const fix = `replica ${hardMb}mb ${softMb}mb 60`;

    out.push({
      key: findingKey({ kind: 'output_buffer_limit', subject: view.id }),
      // What it explains, when that is open: the resync loop on this node.
      rootKeys: [findingKey({ kind: 'full_resync_storm', subject: view.id })],
      kind: 'output_buffer_limit',
      severity: lines.length || !autoRaised ? 'warning' : 'info',
      nodeId: view.id,
      ...(lines.length ? { cause: 'output_buffer_limit' as const } : {}),
      ...describe(view, lines, limit, backlog),
      evidence: evidenceOf(view, lines, backlog, undersized),
      remedy: remedy(
        `Set client-output-buffer-limit to "${fix}" on ${view.id} (replica 512mb 128mb 60 is a common choice; the hard limit should be well above repl-backlog-size). If one replica is simply slow, fix its network or disk too: a bigger buffer only buys time.`,
        `将 ${view.id} 的 client-output-buffer-limit 设为 "${fix}"（常用 replica 512mb 128mb 60；硬限制应明显大于 repl-backlog-size）。如果是某个从节点本身慢，也要修复其网络或磁盘：更大的缓冲区只能争取时间。`,
        'config.apply',
        { settings: { 'client-output-buffer-limit': fix } },
      ),
    });
  }
  return out;
};
