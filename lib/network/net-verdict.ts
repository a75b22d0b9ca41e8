// Seed §3.3's troubleshooting flow as a pure function: the five steps of a target, one verdict
// per target, and what a node's and its upstream's results mean together. The server does the I/O.
import type { NetCheckResult, NetStep, NetTargetResult } from '../contracts';
import { authStep, bi, dnsStep, pingStep, redisStep, rttOf, tcpStep } from './net-steps';
import type { ProbeOutcome } from './probe-outcome';

export type { ProbeFailure, ProbeOutcome } from './probe-outcome';
export { RTT_ABNORMAL_MS, RTT_NORMAL_MS } from './net-steps';

const skipped = (id: NetStep['id']): NetStep => ({
  id,
  state: 'skipped',
  ms: null,
  detail: bi('Not reached: an earlier step failed.', '未执行：前面的步骤已失败。'),
});

/** One target's steps (all five, in order) and its verdict. */
export function interpretProbe(o: ProbeOutcome, nodeId?: string): NetTargetResult {
  const built: Array<NetStep | null> = [
    dnsStep(o),
    tcpStep(o),
    authStep(o),
    pingStep(o),
    redisStep(o),
  ];
  const ids: NetStep['id'][] = ['dns', 'tcp', 'auth', 'ping', 'redis'];
  const steps = ids.map((id, i) => built[i] ?? skipped(id));
  const failed = steps.find((s) => s.state === 'failed');
  const warned = steps.find((s) => s.state === 'warning');
  const address = `${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`;
  const verdict = failed
    ? bi(`${address}: ${failed.detail.en}`, `${address}：${failed.detail.zh}`)
    : warned
      ? bi(
          `${address} answers, but: ${warned.detail.en}`,
          `${address} 有响应，但：${warned.detail.zh}`,
        )
      : bi(
          `${address} is reachable from the dashboard: DNS, TCP, authentication and PING are fine.`,
          `从看板可以访问 ${address}：DNS、TCP、认证和 PING 均正常。`,
        );
  return {
    address,
    ...(nodeId ? { nodeId } : {}),
    state: failed ? 'failed' : warned ? 'warning' : 'ok',
    steps,
    verdict,
    rttMs: rttOf(o),
  };
}

/**
 * What the node's and its upstream's results mean together. The checks run from the dashboard's
 * host, so a path that works from here can still be blocked between the replica and its master.
 */
export function summarize(
  node: NetTargetResult,
  upstream: NetTargetResult | undefined,
  linkStatus: string | undefined,
): NetCheckResult['summary'] {
  if (node.state === 'failed') return node.verdict;
  if (!upstream) return node.verdict;
  if (upstream.state === 'failed')
    return bi(
      `The replica's master, at the address the replica dials, fails from the dashboard too — ${upstream.verdict.en}`,
      `从看板访问从节点所连的主节点地址同样失败——${upstream.verdict.zh}`,
    );
  if (linkStatus && linkStatus !== 'up')
    return bi(
      `The dashboard reaches both the replica and ${upstream.address} (the address the replica dials), yet the replica's link is ${linkStatus}. Look between the replica's host and the master: a firewall rule for the replica's IP, routing, or the master's bind; or at the replica's masterauth (a link_down finding with cause auth_failed says so). Run the commands above on the replica's host.`,
      `看板可以访问从节点和 ${upstream.address}（从节点连接的地址），但从节点链路为 ${linkStatus}。请检查从节点主机与主节点之间：针对从节点 IP 的防火墙规则、路由或主节点的 bind；或从节点的 masterauth（原因为 auth_failed 的 link_down 问题会指出）。请在从节点主机上执行上面的命令。`,
    );
  return bi(
    `The replica and ${upstream.address} (the address it dials for its master) are both reachable from the dashboard${upstream.rttMs ? `; master round trip ${upstream.rttMs.avg} ms` : ''}.`,
    `从看板可以访问从节点和 ${upstream.address}（它连接主节点所用的地址）${upstream.rttMs ? `；主节点往返时间 ${upstream.rttMs.avg} 毫秒` : ''}。`,
  );
}
