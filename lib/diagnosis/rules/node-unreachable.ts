// node_unreachable: the dashboard cannot poll a node. The cause comes from the connection error
// the monitor kept (refused / timeout / auth), which already tells the operator where to look.
import type { Cause, NodeErrorCode } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import {
  bi,
  findingHead,
  eventEvidence,
  fmtDuration,
  noteEvidence,
  recentEvents,
  remedy,
  type Rule,
} from '../rule-kit';
import { findingKey } from '../finding-key';

const ADVICE: Record<
  'connection_refused' | 'timeout' | 'auth_failed' | 'unknown',
  { en: string; zh: string }
> = {
  connection_refused: {
    en: 'Nothing accepts connections on {id}: check that redis-server runs (systemctl status / ps), that it listens on that port and address (`bind`, `port` in redis.conf) and that no firewall rejects the port (the network check on its node page tells DNS, TCP and auth failures apart).',
    zh: '{id} 上没有进程接受连接：确认 redis-server 在运行（systemctl status / ps），确认它监听该端口和地址（redis.conf 的 bind、port），并检查防火墙是否拒绝该端口（其节点页面的网络检查可区分 DNS、TCP 与认证故障）。',
  },
  timeout: {
    en: '{id} does not answer in time: the host may be down or frozen, the network may drop packets, or the server is blocked by a long command or a fork. Ping the host, then `redis-cli -h … -p … ping` from the dashboard host — the network check on its node page does both.',
    zh: '{id} 未及时响应：主机可能宕机或卡死、网络丢包，或服务器被长命令/fork 阻塞。先 ping 主机，再从看板所在主机执行 `redis-cli -h … -p … ping`——其节点页面的网络检查会完成这两步。',
  },
  auth_failed: {
    en: 'The dashboard’s credentials for {id} are rejected (requirepass or ACL changed). Update the node’s password/user in the ReplicaOps config; replicas using the same password in `masterauth` will fail next too.',
    zh: '{id} 拒绝了看板使用的凭据（requirepass 或 ACL 已更改）。请在 ReplicaOps 配置中更新该节点的密码/用户；若从节点的 masterauth 使用同一密码，它们下次重连也会失败。',
  },
  unknown: {
    en: 'Check that {id} runs and is reachable from the dashboard host; the error message above is what the client saw.',
    zh: '确认 {id} 在运行且看板所在主机能访问它；上面的错误信息是客户端看到的原因。',
  },
};

/** Not a cause id of its own (the cause stays `unknown`), but advice of its own. */
const NOT_REDIS = {
  en: 'Something other than Redis answers on {id} (an HTTP server, a proxy or another service): check the address and port in the topology config; the network check on its node page shows what answers.',
  zh: '{id} 上响应的不是 Redis（HTTP 服务、代理或其他服务）：检查拓扑配置中的地址和端口；其节点页面的网络检查会显示是什么在响应。',
};

/** Logged in, but the ACL user may not run what a poll needs. */
const NOPERM = {
  en: 'The dashboard’s ACL user logs in to {id} but may not run what a poll needs. Grant it at least `+info +ping +config|get +client|setname` (read-only monitoring; docs/configuration.md lists what the repairs need).',
  zh: '看板使用的 ACL 用户可以登录 {id}，但无权执行轮询所需的命令。至少授予 `+info +ping +config|get +client|setname`（只读监控；修复操作所需权限见 docs/configuration.md）。',
};

const CAUSE_OF: Partial<Record<NodeErrorCode, keyof typeof ADVICE & Cause>> = {
  refused: 'connection_refused',
  timeout: 'timeout',
  auth_failed: 'auth_failed',
};

export const nodeUnreachable: Rule = (input) => {
  const out: FindingCandidate[] = [];
  const topoNodes = new Map(input.topology.nodes.map((n) => [n.id, n]));
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  for (const view of input.nodes) {
    if (view.reachable) continue;
    const code = view.error?.code ?? 'unknown';
    // A node that answers but is still loading its dataset is busy, not gone.
    const isLoading = code === 'loading';
    const cause = CAUSE_OF[code] ?? 'unknown';
    const lastSeenAt = topoNodes.get(view.id)?.lastSeenAt;
    const since = lastSeenAt ? fmtDuration((input.now - lastSeenAt) / 1000) : null;
    const msg = view.error?.message ?? 'no answer';
    const roleEn = view.role === 'master' ? 'master' : view.role === 'replica' ? 'replica' : 'node';
    const roleZh = view.role === 'master' ? '主节点' : view.role === 'replica' ? '从节点' : '节点';
    const advice = code === 'protocol' ? NOT_REDIS : /NOPERM/.test(view.error?.message ?? '') ? NOPERM : ADVICE[cause];
    const evidence = [
      noteEvidence(`Connection error (${code}): ${msg}`, `连接错误（${code}）：${msg}`),
      ...recentEvents(input, (e) => e.nodeId === view.id && e.kind === 'node_unreachable')
        .slice(-1)
        .map(eventEvidence),
    ];
    out.push({
      ...findingHead('node_unreachable', view.id, isLoading ? 'warning' : 'critical'),
      nodeId: view.id,
      cause,
      // The connection error is the dashboard's own probe of the node: that is proof.
      ...(cause !== 'unknown' ? { confidence: 'proven' as const } : {}),
      // A node gone together with its upstream (a host or rack down) folds under the upstream.
      ...(view.upstream && !byId.get(view.upstream)?.reachable && byId.has(view.upstream)
        ? { rootKeys: [findingKey({ kind: 'node_unreachable', subject: view.upstream })] }
        : {}),
      title: bi(`${roleEn} ${view.id} is unreachable`, `${roleZh} ${view.id} 无法访问`),
      detail: bi(
        `The dashboard cannot poll ${view.id}: ${msg} (${code}). ` +
          (since ? `Last answer ${since.en} ago.` : 'It has never answered the dashboard.') +
          (view.role === 'master' ? ' Its replicas cannot sync while it is down.' : ''),
        `看板无法轮询 ${view.id}：${msg}（${code}）。` +
          (since ? `上次响应在 ${since.zh} 前。` : '它从未响应过看板。') +
          (view.role === 'master' ? '它宕机期间其从节点无法同步。' : ''),
      ),
      evidence,
      remedy: isLoading
        ? remedy(
            `${view.id} is loading its dataset (-LOADING); wait for it to finish, then it answers again.`,
            `${view.id} 正在加载数据集（-LOADING），等待加载完成后即可恢复响应。`,
          )
        : remedy(advice.en.replaceAll('{id}', view.id), advice.zh.replaceAll('{id}', view.id)),
    });
  }
  return out;
};
