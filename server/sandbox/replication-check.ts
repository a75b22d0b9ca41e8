// "Is this replica in sync?" as the sandbox means it: linked up, and listed online upstream.
import { infoFields, probe } from './redis-probe';
import type { SandboxNode } from './types';

/** Why `replica` is not in sync with `upstream` yet, or undefined when it is. */
export async function syncProblem(
  replica: SandboxNode,
  upstream: SandboxNode,
  password: string | undefined,
): Promise<string | undefined> {
  if (!replica.running) return `${replica.name} is not running`;
  if (!upstream.running) return `${replica.name}: upstream ${upstream.name} is not running`;
  const expected = replica.replicaOf ?? upstream;
  const own = infoFields(await probe({ ...replica, password }, ['INFO', 'replication']));
  const where = `${own.get('master_host')}:${own.get('master_port')}`;
  if (where !== `${expected.host}:${expected.port}`) {
    return `${replica.name} replicates from ${where}, expected ${expected.host}:${expected.port}`;
  }
  if (own.get('master_link_status') !== 'up') {
    return `${replica.name}: master_link_status:${own.get('master_link_status') ?? '?'}`;
  }
  const up = infoFields(await probe({ ...upstream, password }, ['INFO', 'replication']));
  // slaveN:ip=127.0.0.1,port=6380,state=online,offset=...,lag=0 — the port is the replica's
  // announced listening port, so this holds even when a proxy carries the link.
  const listed = [...up]
    .filter(([k]) => /^slave\d+$/.test(k))
    .some(([, v]) => v.includes(`port=${replica.port},`) && v.includes('state=online'));
  return listed ? undefined : `${upstream.name} does not list ${replica.name} as online yet`;
}
