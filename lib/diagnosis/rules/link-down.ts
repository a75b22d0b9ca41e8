// link_down: a replica's link to its upstream is down, seen from the replica itself
// (master_link_status:down with no sync running) or, when the replica cannot be polled, from the
// upstream's own slaveN list no longer naming it. A link in full sync is progress, not an outage
// (sync_stuck watches it).
import type { Cause, Confidence, Evidence, Link, NodeErrorCode, Remedy } from '../../contracts';
import { linkCause } from '../causes';
import { findingKey as key, type FindingKey } from '../finding-key';
import type { DiagnosisInput, FindingCandidate, NodeView } from '../diagnosis-input';
import {
  bi,
  eventEvidence,
  fmtDuration,
  infoFields,
  noteEvidence,
  recentEvents,
  remedy,
  type Rule,
} from '../rule-kit';
import { isOwnLinkDown, rootUpstream } from '../upstream-chain';

type RemedyFor = (replica: string, upstream: string) => Remedy;
const REMEDY: Partial<Record<Cause, RemedyFor>> & { unknown: RemedyFor } = {
  upstream_down: (r, u) =>
    remedy(
      `Bring ${u} back first; ${r} reconnects by itself within a second and resyncs (partially if the backlog still covers the gap). If ${u} cannot come back soon, promote its most up-to-date replica and re-point the others to it.`,
      `先恢复 ${u}；${r} 会在一秒内自动重连并重新同步（若积压缓冲区仍覆盖缺口则为增量同步）。如果 ${u} 短时间内无法恢复，请提升其数据最新的从节点为主节点，并把其他从节点指向它。`,
      'replica.promote',
    ),
  auth_failed: (r, u) =>
    remedy(
      `${u} rejects ${r}’s credentials: set \`masterauth\` (and \`masteruser\` with ACLs, which needs +psync +replconf) on ${r} to what ${u} expects. Note “Master replied to PING” in the log does not prove auth is OK.`,
      `${u} 拒绝了 ${r} 的认证：在 ${r} 上把 masterauth（使用 ACL 时还有 masteruser，且该用户需要 +psync +replconf 权限）设为 ${u} 要求的值。注意日志中的 “Master replied to PING” 并不代表认证成功。`,
      'config.apply',
    ),
  connection_refused: (r, u) =>
    remedy(
      `${u} refuses ${r}’s connection: check that redis-server runs on ${u}, that \`bind\` includes the address ${r} dials, and that no firewall blocks the port (ping → port → redis-cli; ${r}’s node page runs these checks against the address it dials).`,
      `${u} 拒绝了 ${r} 的连接：确认 ${u} 上 redis-server 在运行、bind 包含 ${r} 连接的地址、防火墙未拦截该端口（ping → 端口 → redis-cli；${r} 的节点页面可对其连接的地址运行这些检查）。`,
    ),
  timeout: (r, u) =>
    remedy(
      `The link from ${r} to ${u} times out (repl-timeout): check packet loss and latency between them (ping -c 100), a frozen or overloaded ${u}, and whether repl-timeout is too low for this network (60–120 s is usual). Once fixed, reconnect the replica.`,
      `${r} 到 ${u} 的链路超时（repl-timeout）：检查两者之间的丢包和延迟（ping -c 100）、${u} 是否卡死或过载，以及 repl-timeout 对该网络是否过小（通常 60–120 秒）。修复后重连从节点。`,
      'replica.reconnect',
    ),
  unknown: (r, u) =>
    remedy(
      `Check the path from ${r} to ${u} step by step (ping, port, redis-cli with the replica’s credentials — the network check on ${r}’s node page does this from the dashboard’s host) and read ${r}’s log for the line that follows “Connecting to MASTER”. Then reconnect the replica.`,
      `逐步检查 ${r} 到 ${u} 的连通性（ping、端口、用从节点凭据执行 redis-cli——${r} 节点页面的网络检查会从看板主机执行这些步骤），并查看 ${r} 日志中 “Connecting to MASTER” 之后的行。然后重连从节点。`,
      'replica.reconnect',
    ),
};

/** The dead upstream was a replica itself: re-point below it, to the node it replicated from. */
const bypassRemedy =
  (above: string): RemedyFor =>
  (r, u) => ({
    ...remedy(
      `${u} — a replica in the middle of the chain — is down, so ${r} receives no writes at all. Point ${r} at ${above} (what ${u} replicated from) so it catches up now; once ${u} is back you can chain ${r} under it again. The re-attach resyncs ${r} (partially if ${above}’s backlog allows).`,
      `链路中间的从节点 ${u} 已宕机，${r} 完全收不到写入。把 ${r} 指向 ${above}（${u} 的上游）以便立即追上；${u} 恢复后可再把 ${r} 挂回其下。重新挂载会让 ${r} 重新同步（若 ${above} 的积压缓冲区允许则为增量同步）。`,
      'replica.reattach',
    ),
    params: { upstream: above },
  });

const REPLICA_DOWN: RemedyFor = (r, u) =>
  remedy(
    `Bring ${r} back (systemctl status / ps on its host, its log for why it stopped); it reconnects to ${u} and resyncs by itself, partially if ${u}’s backlog still covers the time it was away. If it is gone for good, replace it and remove it from the tree.`,
    `恢复 ${r}（在其主机上检查 systemctl status / ps，并查看日志了解停止原因）；它会自动重连 ${u} 并重新同步，若 ${u} 的积压缓冲区仍覆盖其离线期间则为增量同步。若它已永久下线，请替换它并从拓扑中移除。`,
  );

/** The dashboard's own probe of a node that does not answer, as a cause of its link being down. */
const PROBE_CAUSE: Partial<Record<NodeErrorCode, Cause>> = {
  refused: 'connection_refused',
  timeout: 'timeout',
  auth_failed: 'auth_failed',
};

/** Who can see the link down: the replica itself, or (when it cannot be polled) its upstream. */
function witnessOf(link: Link, replica: NodeView, upstream: NodeView | undefined): Witness | null {
  const r = replica.reachable ? replica.info?.replication : undefined;
  if (r) {
    if (r.role !== 'replica' || r.master_link_status !== 'down' || r.master_sync_in_progress)
      return null;
    return 'replica';
  }
  // Without the replica, only a reachable upstream can witness the link; `sync` states are
  // a transfer in progress, not an outage.
  if (!upstream?.reachable || !upstream.info || link.upstreamState) return null;
  return 'upstream';
}

type Witness = 'replica' | 'upstream';

interface LinkVerdict {
  cause: Cause;
  confidence?: Confidence;
  rootNodeId?: string;
  rootKeys?: FindingKey[];
  /** A dead middle node of a chain: its replicas get nothing until they replicate from above it. */
  bypass?: string;
  evidence: Evidence[];
}

function verdictOf(
  input: DiagnosisInput,
  byId: Map<string, NodeView>,
  link: Link,
  seenFrom: Witness,
  replica: NodeView,
  upstream: NodeView | undefined,
): LinkVerdict {
  if (seenFrom === 'upstream') {
    // The replica itself is down: its own node_unreachable is the root, this link a consequence.
    const cause = PROBE_CAUSE[replica.error?.code ?? 'unknown'] ?? 'unknown';
    return {
      cause,
      ...(cause !== 'unknown' ? { confidence: 'proven' as const } : {}),
      rootKeys: [key({ kind: 'node_unreachable', subject: link.replica })],
      evidence: [],
    };
  }
  if (upstream && !upstream.reachable) {
    const above = input.topology.links.find((l) => l.replica === link.upstream)?.upstream;
    const aboveUp = above !== undefined && above !== link.replica && byId.get(above)?.reachable === true;
    const rootNodeId = rootUpstream(input.topology, link.upstream);
    return {
      cause: 'upstream_down',
      confidence: 'proven',
      ...(aboveUp ? { bypass: above } : {}),
      rootNodeId,
      rootKeys: [key({ kind: 'node_unreachable', subject: rootNodeId }), key({ kind: 'node_unreachable', subject: link.upstream })],
      evidence: [
        ...recentEvents(
          input,
          (e) => e.nodeId === link.upstream && e.kind === 'node_unreachable',
        ).map(eventEvidence),
      ],
    };
  }
  if (isOwnLinkDown(input.topology, link.upstream)) {
    // Chained replica (reference F12): the middle node answers -NOMASTERLINK while its own
    // link is down, so the root is further up.
    const rootNodeId = rootUpstream(input.topology, link.upstream);
    return {
      cause: 'upstream_down',
      confidence: 'proven',
      rootNodeId,
      rootKeys: [
        key({ kind: 'node_unreachable', subject: rootNodeId }),
        key({ kind: 'link_down', subject: link.upstream }),
        key({ kind: 'sync_stuck', subject: link.upstream }),
      ],
      evidence: upstream
        ? infoFields(upstream, 'replication', ['master_link_status', 'master_host', 'master_port'])
        : [],
    };
  }
  const verdict = linkCause(input, link, upstream);
  return {
    cause: verdict.cause,
    ...(verdict.confidence ? { confidence: verdict.confidence } : {}),
    evidence: [...verdict.evidence],
  };
}

/** What the witness shows of the link (leading evidence) and how long it has been down. */
function witnessEvidence(
  link: Link,
  seenFrom: Witness,
  replica: NodeView,
  upstream: NodeView | undefined,
): { evidence: Evidence[]; duration: [string, string] } {
  if (seenFrom === 'upstream') {
    const listed = upstream?.info?.replication.connected_slaves ?? 0;
    return {
      evidence: [
        noteEvidence(
          `${link.upstream} does not list ${link.replica} among its ${listed} connected replicas, and the dashboard cannot reach ${link.replica}.`,
          `${link.upstream} 的 ${listed} 个已连接从节点中没有 ${link.replica}，且看板无法访问 ${link.replica}。`,
        ),
        ...(upstream ? infoFields(upstream, 'replication', ['connected_slaves']) : []),
      ],
      duration: ['', ''],
    };
  }
  const evidence = infoFields(replica, 'replication', [
    'master_link_status',
    'master_host',
    'master_port',
    'master_link_down_since_seconds',
    'master_last_io_seconds_ago',
    // Redis 8+: how many times it has tried since the link was lost (absent before).
    'master_current_sync_attempts',
  ]);
  const downSince = replica.info?.replication.master_link_down_since_seconds;
  if (downSince === -1) {
    return {
      evidence,
      duration: [
        ' It has never been up since it became a replica (typical of wrong credentials or a wrong address).',
        '自从成为从节点以来链路从未建立过（常见于认证错误或地址错误）。',
      ],
    };
  }
  if (downSince === undefined) return { evidence, duration: ['', ''] };
  const d = fmtDuration(downSince);
  return { evidence, duration: [` Down for ${d.en}.`, `已断开 ${d.zh}。`] };
}

/** The cause sentence and the remedy for what the verdict found. */
function explanation(
  link: Link,
  seenFrom: Witness,
  verdict: LinkVerdict,
  upName: string,
): { why: [string, string]; fix: RemedyFor } {
  // The replica itself does not answer: nothing on its side can say why its link is down, but
  // the operator's next step is plain — bring the replica back (its own node_unreachable says why).
  if (seenFrom === 'upstream') {
    return {
      why: [
        ` The dashboard cannot reach ${link.replica} either: the replica itself is down or cut off (see its node_unreachable finding).`,
        `看板也无法访问 ${link.replica}：从节点本身宕机或被隔离（见其 node_unreachable 问题）。`,
      ],
      fix: REPLICA_DOWN,
    };
  }
  const why: Partial<Record<Cause, [string, string]>> = {
    upstream_down: [` Cause: upstream ${upName} is down.`, `原因：上游 ${upName} 已宕机。`],
    auth_failed: [' Cause: authentication with the upstream fails.', '原因：与上游认证失败。'],
    connection_refused: [' Cause: the upstream refuses the connection.', '原因：上游拒绝连接。'],
    timeout: [' Cause: the link times out.', '原因：链路超时。'],
  };
  const fix = verdict.bypass ? bypassRemedy(verdict.bypass) : (REMEDY[verdict.cause] ?? REMEDY.unknown);
  return { why: why[verdict.cause] ?? ['', ''], fix };
}

export const linkDown: Rule = (input) => {
  const out: FindingCandidate[] = [];
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  for (const link of input.topology.links) {
    const replica = byId.get(link.replica);
    const upstream = byId.get(link.upstream);
    if (!replica) continue;
    const seenFrom = witnessOf(link, replica, upstream);
    if (!seenFrom) continue;

    const verdict = verdictOf(input, byId, link, seenFrom, replica, upstream);
    const seen = witnessEvidence(link, seenFrom, replica, upstream);
    const evidence: Evidence[] = [
      ...seen.evidence,
      ...verdict.evidence,
      ...recentEvents(input, (e) => e.nodeId === link.replica && e.kind === 'link_down')
        .slice(-1)
        .map(eventEvidence),
    ];
    const { cause, confidence, rootNodeId, rootKeys } = verdict;
    const upName = rootNodeId ?? link.upstream;
    const { why, fix } = explanation(link, seenFrom, verdict, upName);
    out.push({
      key: key({ kind: 'link_down', subject: link.replica }),
      kind: 'link_down',
      severity: 'critical',
      nodeId: link.replica,
      link: { upstream: link.upstream, replica: link.replica },
      cause,
      ...(confidence ? { confidence } : {}),
      ...(rootNodeId ? { rootNodeId } : {}),
      ...(rootKeys ? { rootKeys } : {}),
      title: bi(
        `Replication link ${link.replica} ← ${link.upstream} is down`,
        `复制链路 ${link.replica} ← ${link.upstream} 已断开`,
      ),
      detail: bi(
        `${link.replica} receives no data from ${link.upstream}; reads on it return stale data.${seen.duration[0]}${why[0]}`,
        `${link.replica} 收不到来自 ${link.upstream} 的数据，读取到的是旧数据。${seen.duration[1]}${why[1]}`,
      ),
      evidence,
      remedy: fix(link.replica, upName),
    });
  }
  return out;
};
