// Link faults through the sandbox's fault proxy (start it with `faultProxy: true`).
import type { PartitionMode } from '../fault-proxy';
import type { Sandbox } from '../sandbox';
import { once, type InjectedFault } from './fault-types';
import { assertSandbox } from './guard';
import { upstreamOf } from './redis-ops';

/**
 * Cuts `replica` off its upstream. `drop`: the replica sees the link close at once and its
 * reconnects are refused (reference §4 F6). `blackhole`: nothing is noticed until
 * repl-timeout on either side (F4 from the replica, F5 from the master).
 */
export async function partitionLink(
  sb: Sandbox,
  replica: string,
  mode: PartitionMode = 'drop',
): Promise<InjectedFault> {
  assertSandbox(sb);
  const proxy = sb.proxy(replica);
  await proxy.partition(mode);
  return {
    kind: 'partition',
    nodes: [replica, upstreamOf(sb, replica).name],
    detail: { mode },
    undo: once(() => proxy.heal()),
  };
}

/**
 * Adds `ms` one-way delay to the link. The replica falls behind in real time by about `ms`
 * (the offset gap grows with the write rate × delay); INFO `lag` moves only once ACKs are
 * more than a second late, because it counts whole seconds since the last REPLCONF ACK.
 */
export async function slowLink(sb: Sandbox, replica: string, ms: number): Promise<InjectedFault> {
  assertSandbox(sb);
  const proxy = sb.proxy(replica);
  proxy.latency(ms);
  return {
    kind: 'latency',
    nodes: [replica, upstreamOf(sb, replica).name],
    detail: { latencyMs: ms },
    undo: once(async () => proxy.latency(0)),
  };
}

/** Caps the link at `bytesPerSec` each way; a write rate above it makes the replica lag. */
export async function throttleLink(
  sb: Sandbox,
  replica: string,
  bytesPerSec: number,
): Promise<InjectedFault> {
  assertSandbox(sb);
  const proxy = sb.proxy(replica);
  proxy.bandwidth(bytesPerSec);
  return {
    kind: 'bandwidth',
    nodes: [replica, upstreamOf(sb, replica).name],
    detail: { bytesPerSec },
    undo: once(async () => proxy.bandwidth(null)),
  };
}

/**
 * Proxy address → id of the upstream node it stands in for. A replica behind a proxy reports
 * the proxy as its master (`master_host:master_port`); the monitor's alias map needs this so
 * the link is drawn to the real upstream instead of to an unknown node.
 */
export function proxyAliases(sb: Sandbox): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const node of sb.nodes) {
    if (node.upstream === undefined || !sb.hasProxy(node.name)) continue;
    const proxy = sb.proxy(node.name);
    aliases.set(`${proxy.host}:${proxy.port}`, sb.node(node.upstream).id);
  }
  return aliases;
}
