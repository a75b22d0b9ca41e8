// config_risk: replication settings that are legal but set a trap, each citing where the advice
// comes from. Needs CONFIG GET; silent without it. A warning is one finding per node and rule id;
// info (a Redis default the runbook merely tunes) is ONE suggestion per rule across the topology
// ("tcp-keepalive 300 s on 4 nodes"), never one per node.
//   repl_timeout_vs_ping   repl-timeout ≤ repl-ping-replica-period: replicas time out between
//                          two PINGs on an idle master (redis.conf: must be greater; ref §6).
//   tcp_keepalive_off      tcp-keepalive 0: a silently dead peer is only noticed by repl-timeout.
//   tcp_keepalive_high     above the seed's 60 s (§3.2 table; Redis default 300): info, or
//                          warning above the default.
//   backlog_default_1mb    the 1 MB default backlog on a master with replicas (seed §3.2/§4.3:
//                          16–64 MB); info, skipped when backlog_too_small already measures it.
//   diskless_sync_disabled repl-diskless-sync no on a 7.0+ master with replicas: every full sync
//                          writes the RDB to disk first (doubles disk I/O; default yes since 7.0).
import type { Evidence, Severity } from '../../contracts';
import type { DiagnosisInput, FindingCandidate, NodeView } from '../diagnosis-input';
import {
  bi,
  configEvidence,
  MB,
  noteEvidence,
  parseSize,
  remedy,
  replicaCount,
  type Rule,
} from '../rule-kit';
import { backlogTooSmall } from './backlog-too-small';
import { findingKey, TOPOLOGY_SUBJECT } from '../finding-key';

const SEED_KEEPALIVE = 60;
const REDIS_DEFAULT_KEEPALIVE = 300;

interface RiskText {
  title: [string, string];
  detail: [string, string];
  fix: [string, string];
}

interface Risk {
  rule: string;
  severity: Severity;
  /**
   * Written only when shown: an info risk of 1,000 nodes becomes one suggestion worded from its
   * first member, and the diagnosis runs every poll.
   */
  text: () => RiskText;
  settings?: Record<string, string>;
  config: string[];
}

/** What a node's risks are judged on: its config, id, and place in replication. */
interface RiskSubject {
  c: Record<string, string>;
  id: string;
  feeds: boolean;
  isReplica: boolean;
}

function timeoutRisk({ c, id, feeds, isReplica }: RiskSubject): Risk[] {
  const risks: Risk[] = [];
  const timeout = Number(c['repl-timeout']);
  const ping = Number(c['repl-ping-replica-period']);
  if (
    Number.isFinite(timeout) &&
    Number.isFinite(ping) &&
    timeout <= ping &&
    (feeds || isReplica)
  ) {
    const want = String(Math.max(60, ping * 6));
    risks.push({
      rule: 'repl_timeout_vs_ping',
      severity: 'warning',
      text: () => ({
        title: [
          `repl-timeout ${timeout} s is not above the ${ping} s ping period on ${id}`,
          `${id} 的 repl-timeout ${timeout} 秒不大于 ${ping} 秒的 PING 周期`,
        ],
        detail: [
          `With no writes the master sends only a PING every ${ping} s, so a replica with repl-timeout ${timeout} s declares the link dead between two PINGs and reconnects over and over. redis.conf requires repl-timeout to be larger than repl-ping-replica-period.`,
          `没有写入时主节点每 ${ping} 秒才发送一次 PING，repl-timeout 为 ${timeout} 秒的从节点会在两次 PING 之间判定链路断开并反复重连。redis.conf 要求 repl-timeout 大于 repl-ping-replica-period。`,
        ],
        fix: [
          `Set repl-timeout to ${want} on ${id} (30–120 s is usual; Redis default 60).`,
          `将 ${id} 的 repl-timeout 设为 ${want}（通常 30–120 秒；Redis 默认 60）。`,
        ],
      }),
      settings: { 'repl-timeout': want },
      config: ['repl-timeout', 'repl-ping-replica-period'],
    });
  }
  return risks;
}

function keepaliveRisk({ c, id }: RiskSubject): Risk[] {
  const risks: Risk[] = [];
  const keepalive = Number(c['tcp-keepalive']);
  if (c['tcp-keepalive'] !== undefined && Number.isFinite(keepalive)) {
    if (keepalive === 0) {
      risks.push({
        rule: 'tcp_keepalive_off',
        severity: 'warning',
        text: () => ({
          title: [`TCP keepalive is off on ${id}`, `${id} 关闭了 TCP keepalive`],
          detail: [
            `tcp-keepalive 0: a peer that vanished without closing the connection (host crash, NAT or firewall drop) is noticed only when repl-timeout (default 60 s) fires, and idle client connections pile up.`,
            `tcp-keepalive 为 0：对端未关闭连接就消失（主机崩溃、NAT 或防火墙丢弃）时，只能等 repl-timeout（默认 60 秒）触发才会发现，空闲客户端连接也会堆积。`,
          ],
          fix: [
            `Set tcp-keepalive ${SEED_KEEPALIVE} on ${id}.`,
            `将 ${id} 的 tcp-keepalive 设为 ${SEED_KEEPALIVE}。`,
          ],
        }),
        settings: { 'tcp-keepalive': String(SEED_KEEPALIVE) },
        config: ['tcp-keepalive'],
      });
    } else if (keepalive > SEED_KEEPALIVE) {
      risks.push({
        rule: 'tcp_keepalive_high',
        severity: keepalive > REDIS_DEFAULT_KEEPALIVE ? 'warning' : 'info',
        text: () => ({
          title: [
            `tcp-keepalive ${keepalive} s on ${id}`,
            `${id} 的 tcp-keepalive 为 ${keepalive} 秒`,
          ],
          detail: [
            `Dead TCP peers are detected after about ${keepalive} s plus probes. ${SEED_KEEPALIVE} s is recommended to find broken replication connections sooner (Redis default ${REDIS_DEFAULT_KEEPALIVE}).`,
            `失效的 TCP 对端要约 ${keepalive} 秒加探测时间才能被发现。建议设为 ${SEED_KEEPALIVE} 秒以更快发现断开的复制连接（Redis 默认 ${REDIS_DEFAULT_KEEPALIVE}）。`,
          ],
          fix: [
            `Set tcp-keepalive ${SEED_KEEPALIVE} on ${id}.`,
            `将 ${id} 的 tcp-keepalive 设为 ${SEED_KEEPALIVE}。`,
          ],
        }),
        settings: { 'tcp-keepalive': String(SEED_KEEPALIVE) },
        config: ['tcp-keepalive'],
      });
    }
  }
  return risks;
}

function backlogRisk({ c, id, feeds }: RiskSubject, smallBacklog: Set<string>): Risk[] {
  const risks: Risk[] = [];
  const backlog = parseSize(c['repl-backlog-size']);
  if (backlog === MB && feeds && !smallBacklog.has(id)) {
    risks.push({
      rule: 'backlog_default_1mb',
      severity: 'info',
      text: () => ({
        title: [`${id} runs with the default 1 MB backlog`, `${id} 使用默认 1 MB 复制积压缓冲区`],
        detail: [
          `A 1 MB backlog bridges only short disconnections under steady writes; 16–64 MB is usual (with 1 MB, a 30 s outage under load already forces a full resync). The measured rate does not make it too small yet.`,
          `1 MB 的积压缓冲区在持续写入下只能覆盖很短的断线；通常设为 16–64 MB（1MB 时，负载下网络中断 30 秒就会触发全量复制）。按当前测得的写入速率尚未不足。`,
        ],
        fix: [
          `Consider repl-backlog-size 16mb on ${id} (16 MB of memory on each node holding a backlog).`,
          `可考虑将 ${id} 的 repl-backlog-size 设为 16mb（每个持有积压缓冲区的节点占用 16 MB 内存）。`,
        ],
      }),
      settings: { 'repl-backlog-size': '16mb' },
      config: ['repl-backlog-size'],
    });
  }
  return risks;
}

function disklessRisk({ c, id, feeds }: RiskSubject, view: NodeView): Risk[] {
  const risks: Risk[] = [];
  const major = Number(
    /^(\d+)\./.exec(view.info?.sections.server?.redis_version ?? '')?.[1] ?? NaN,
  );
  if (c['repl-diskless-sync'] === 'no' && feeds && major >= 7) {
    risks.push({
      rule: 'diskless_sync_disabled',
      severity: 'info',
      text: () => ({
        title: [`Disk-based full sync on ${id}`, `${id} 使用基于磁盘的全量同步`],
        detail: [
          `repl-diskless-sync no: each full sync first writes the RDB to ${id}'s disk, then reads it back to send it. On slow disks that doubles the sync time and the I/O load; Redis 7 defaults to diskless.`,
          `repl-diskless-sync no：每次全量同步先把 RDB 写到 ${id} 的磁盘再读出发送。磁盘较慢时同步时间和 I/O 负载都会翻倍；Redis 7 默认使用无盘同步。`,
        ],
        fix: [
          `Set repl-diskless-sync yes on ${id} unless the network is the bottleneck.`,
          `除非网络是瓶颈，否则将 ${id} 的 repl-diskless-sync 设为 yes。`,
        ],
      }),
      settings: { 'repl-diskless-sync': 'yes' },
      config: ['repl-diskless-sync'],
    });
  }
  return risks;
}

function risksOf(
  input: DiagnosisInput,
  view: NodeView,
  config: Record<string, string>,
  smallBacklog: Set<string>,
): Risk[] {
  const subject: RiskSubject = {
    c: config,
    id: view.id,
    feeds: replicaCount(input, view) > 0,
    isReplica: view.info?.replication.role === 'replica',
  };
  return [
    ...timeoutRisk(subject),
    ...keepaliveRisk(subject),
    ...backlogRisk(subject, smallBacklog),
    ...disklessRisk(subject, view),
  ];
}

/** Title of the one suggestion that gathers an info rule's nodes. */
const GROUP_TITLE: Record<string, (n: number, values: string) => [string, string]> = {
  tcp_keepalive_high: (n, v) => [`tcp-keepalive ${v} s on ${n} node${n > 1 ? 's' : ''}`, `${n} 个节点的 tcp-keepalive 为 ${v} 秒`],
  backlog_default_1mb: (n) => [`${n} node${n > 1 ? 's run' : ' runs'} with the default 1 MB backlog`, `${n} 个节点使用默认 1 MB 复制积压缓冲区`],
  diskless_sync_disabled: (n) => [`Disk-based full sync on ${n} node${n > 1 ? 's' : ''}`, `${n} 个节点使用基于磁盘的全量同步`],
};
/** Nodes named in a suggestion's text and evidence (the rest are counted). */
const LISTED = 20;

interface Member {
  view: NodeView;
  risk: Risk;
}

/** The settings a risk names, as the node reports them (skipping ones it does not). */
const riskEvidence = ({ view, risk }: Member): Evidence[] =>
  risk.config.flatMap((name) => {
    const value = view.config?.[name];
    return value === undefined ? [] : [configEvidence(view.id, name, value)];
  });

function suggestion(rule: string, members: [Member, ...Member[]]): FindingCandidate {
  const [first] = members;
  const ids = members.map((m) => m.view.id).sort();
  const values = [...new Set(members.flatMap((m) => m.risk.config.map((name) => m.view.config?.[name] ?? '')))].filter(Boolean).join('/');
  const text = first.risk.text();
  const [en, zh] = (GROUP_TITLE[rule] ?? ((n) => [`${text.title[0]} (${n} nodes)`, `${text.title[1]}（${n} 个节点）`]))(ids.length, values);
  const shown = ids.slice(0, LISTED).join(', ');
  const more = ids.length > LISTED ? ` (+${ids.length - LISTED})` : '';
  const settings = first.risk.settings;
  return {
    key: findingKey({ kind: 'config_risk', variant: rule, subject: TOPOLOGY_SUBJECT }),
    kind: 'config_risk',
    severity: 'info',
    rule,
    title: bi(en, zh),
    detail: bi(`${text.detail[0]} Nodes: ${shown}${more}.`, `${text.detail[1]} 节点：${shown}${more}。`),
    evidence: [
      ...members.slice(0, LISTED).flatMap(riskEvidence),
      noteEvidence(`Rule ${rule}: a suggestion, not a fault (Redis works as configured).`, `规则 ${rule}：建议而非故障（Redis 按当前配置可正常工作）。`),
    ],
    remedy: remedy(
      `${settings ? `Consider ${Object.entries(settings).map(([k, v]) => `${k} ${v}`).join(', ')} on ${shown}${more}` : text.fix[0]} — from each node’s page (CONFIG SET, then CONFIG REWRITE to keep it).`,
      `${settings ? `可考虑在 ${shown}${more} 上设置 ${Object.entries(settings).map(([k, v]) => `${k} ${v}`).join('、')}` : text.fix[1]}——在各节点页面操作（CONFIG SET 后执行 CONFIG REWRITE 持久化）。`,
    ),
  };
}

export const configRisk: Rule = (input) => {
  const smallBacklog = new Set(backlogTooSmall(input).flatMap((f) => (f.nodeId ? [f.nodeId] : [])));
  const out: FindingCandidate[] = [];
  const suggestions = new Map<string, [Member, ...Member[]]>();
  for (const view of input.nodes) {
    if (!view.reachable || !view.config) continue;
    const c = view.config;
    for (const r of risksOf(input, view, c, smallBacklog)) {
      if (r.severity === 'info') {
        const same = suggestions.get(r.rule);
        if (same) same.push({ view, risk: r });
        else suggestions.set(r.rule, [{ view, risk: r }]);
        continue;
      }
      const text = r.text();
      out.push({
        key: findingKey({ kind: 'config_risk', variant: r.rule, subject: view.id }),
        kind: 'config_risk',
        severity: r.severity,
        nodeId: view.id,
        rule: r.rule,
        title: bi(...text.title),
        detail: bi(...text.detail),
        evidence: [
          ...riskEvidence({ view, risk: r }),
          noteEvidence(`Rule ${r.rule}`, `规则 ${r.rule}`),
        ],
        remedy: remedy(
          text.fix[0],
          text.fix[1],
          r.settings ? 'config.apply' : undefined,
          r.settings ? { settings: r.settings } : undefined,
        ),
      });
    }
  }
  for (const [rule, members] of suggestions) out.push(suggestion(rule, members));
  return out;
};
