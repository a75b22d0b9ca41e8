// Small Redis operations the fault injectors share, over the sandbox's own clients.
import type { Redis } from 'ioredis';
import { infoFields } from '../redis-probe';
import type { Sandbox } from '../sandbox';
import type { SandboxNode } from '../types';

const FILL_PREFIX = 'replicaops:fault:fill:';
const FILL_KEYS = 4;

export async function info(
  sb: Sandbox,
  name: string,
  section = 'replication',
): Promise<Map<string, string>> {
  return infoFields(await (await sb.client(name)).info(section));
}

export async function configGet(client: Redis, key: string): Promise<string> {
  const reply = (await client.call('CONFIG', 'GET', key)) as string[];
  return reply[1] ?? '';
}

export async function configSet(client: Redis, key: string, value: string): Promise<void> {
  await client.call('CONFIG', 'SET', key, value);
}

/** The node a replica replicates from, by name; throws for a master. */
export function upstreamOf(sb: Sandbox, replica: string): SandboxNode {
  const node = sb.node(replica);
  if (node.upstream === undefined) throw new Error(`"${replica}" is a master, not a replica`);
  return sb.node(node.upstream);
}

/** The first node of the shape without an upstream. */
export function firstMaster(sb: Sandbox): SandboxNode {
  const master = sb.nodes.find((n) => n.upstream === undefined);
  if (!master) throw new Error('the sandbox has no master');
  return master;
}

/** Whether `upstream`'s INFO lists `replica` as a connected replica (any state). */
export function listsReplica(fields: Map<string, string>, replica: SandboxNode): boolean {
  return [...fields].some(([k, v]) => /^slave\d+$/.test(k) && v.includes(`port=${replica.port},`));
}

/**
 * Writes about `bytes` into the replication stream as a few large SETs over a handful of
 * keys, so the stream grows by `bytes` while the dataset stays small (a later full sync of
 * it stays quick).
 */
export async function fillStream(
  client: Redis,
  bytes: number,
  valueBytes = 64 * 1024,
): Promise<void> {
  const value = 'f'.repeat(valueBytes);
  const pipeline = client.pipeline();
  for (let i = 0, written = 0; written < bytes; i++, written += valueBytes)
    pipeline.set(`${FILL_PREFIX}${i % FILL_KEYS}`, value);
  const failed = ((await pipeline.exec()) ?? []).find(([err]) => err)?.[0];
  if (failed) throw failed;
}

/** The master at the top of `name`'s chain: where writes for its stream must go. */
export function rootOf(sb: Sandbox, name: string): SandboxNode {
  let node = sb.node(name);
  for (let hops = 0; node.upstream !== undefined; hops++) {
    if (hops > sb.nodes.length) throw new Error(`replication cycle above "${name}"`);
    node = sb.node(node.upstream);
  }
  return node;
}
