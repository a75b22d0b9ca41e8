// Config faults: a password change the replicas do not know, and a writable replica.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Sandbox } from '../sandbox';
import { once, type InjectedFault } from './fault-types';
import { assertSandbox } from './guard';
import { configGet, configSet, firstMaster } from './redis-ops';

export interface PasswordFault extends InjectedFault {
  /** The operator's other fix: give the replicas the new password (`masterauth`). */
  adoptOnReplicas(): Promise<void>;
}

/**
 * `CONFIG SET requirepass` on the master, then drops its replica links: live connections
 * stay authenticated, so replicas only fail when they reconnect (here: at once).
 * With a stale masterauth they log `Unable to AUTH to MASTER: -WRONGPASS` once a second;
 * with none they loop on NOAUTH at ~1,600 cycles/s (reference §4 F7, a log flood).
 * undo() restores the old requirepass, and the old masterauth if adoptOnReplicas() ran.
 * While it is on, the sandbox's own probes of the master (waitForSync) fail: its password
 * is the old one.
 */
export async function changeMasterPassword(
  sb: Sandbox,
  options: { node?: string; password?: string } = {},
): Promise<PasswordFault> {
  assertSandbox(sb);
  const master = sb.node(options.node ?? firstMaster(sb).name);
  const replicas = sb.nodes.filter((n) => n.upstream === master.name).map((n) => n.name);
  const next = options.password ?? `drill-${randomBytes(6).toString('hex')}`;
  const client = await sb.client(master.name);
  const previous = await configGet(client, 'requirepass');
  const previousAuth = new Map<string, string>();
  for (const r of replicas) previousAuth.set(r, await configGet(await sb.client(r), 'masterauth'));
  await configSet(client, 'requirepass', next);
  await client.call('CLIENT', 'KILL', 'TYPE', 'replica');
  let isAdopted = false;
  return {
    kind: 'password_change',
    nodes: [master.name, ...replicas],
    detail: { replicasWithStaleAuth: replicas.length },
    async adoptOnReplicas() {
      for (const r of replicas) await configSet(await sb.client(r), 'masterauth', next);
      isAdopted = true;
    },
    undo: once(async () => {
      // A fresh connection with the new password: the cached client may have reconnected
      // with the old one meanwhile and be locked out.
      const admin = new Redis({
        host: master.host,
        port: master.port,
        password: next,
        lazyConnect: true,
      });
      try {
        await admin.connect();
        await configSet(admin, 'requirepass', previous);
      } finally {
        admin.disconnect();
      }
      if (isAdopted)
        for (const r of replicas)
          await configSet(await sb.client(r), 'masterauth', previousAuth.get(r) ?? '');
    }),
  };
}

/**
 * Makes a replica writable and writes a key its master does not have: the replica now
 * diverges, and the write is not even passed on to its own replicas (Redis ≥ 4.0). A later
 * partial resync keeps the stray key; only a full resync removes it. So undo() replaces the
 * replica with a fresh one (restart with wipe; its redis.conf is read-only again), the way
 * the runbook re-syncs a replica instead of writing into it.
 */
export async function writableReplica(
  sb: Sandbox,
  replica: string,
  options: { key?: string; value?: string } = {},
): Promise<InjectedFault> {
  assertSandbox(sb);
  if (sb.node(replica).upstream === undefined)
    throw new Error(`"${replica}" is a master, not a replica`);
  const key = options.key ?? 'replicaops:drill:divergent';
  const client = await sb.client(replica);
  await configSet(client, 'replica-read-only', 'no');
  await client.set(key, options.value ?? `written on ${replica} at ${new Date().toISOString()}`);
  return {
    kind: 'writable_replica',
    nodes: [replica],
    detail: { key },
    undo: once(() => sb.restart(replica, { wipe: true })),
  };
}
