// Process faults on sandbox nodes: crash, freeze, replace. Only PIDs the sandbox launched.
import type { Sandbox } from '../sandbox';
import { once, type InjectedFault } from './fault-types';
import { assertSandbox } from './guard';
import { firstMaster } from './redis-ops';

export interface KillMasterOptions {
  /** Default the first master of the shape. */
  node?: string;
  /** SIGKILL (default) loses what was not yet saved; SIGTERM saves first when persistence is on. */
  signal?: 'SIGKILL' | 'SIGTERM';
  /**
   * The undo restarts it with its RDB/AOF deleted: it comes back empty with a new replid and
   * its replicas full-sync the empty dataset (reference §4 F10). A master started with
   * `masterPersistence: 'none'` comes back empty anyway.
   */
  wipe?: boolean;
}

/** Kills the master; its replicas see "Connection refused" (F6) until undo() restarts it. */
export async function killMaster(
  sb: Sandbox,
  options: KillMasterOptions = {},
): Promise<InjectedFault> {
  assertSandbox(sb);
  const name = options.node ?? firstMaster(sb).name;
  if (sb.node(name).upstream !== undefined) throw new Error(`"${name}" is a replica, not a master`);
  const wipe = options.wipe ?? false;
  await sb.kill(name, options.signal ?? 'SIGKILL');
  return {
    kind: 'kill_master',
    nodes: [name],
    detail: { signal: options.signal ?? 'SIGKILL', wipe },
    undo: once(() => sb.restart(name, { wipe })),
  };
}

/**
 * Freezes a node (SIGSTOP). A frozen master: its replicas time out after repl-timeout (F4).
 * A frozen replica: the master drops it after repl-timeout (F5), and it partially resyncs
 * after undo() if the backlog still covers it.
 */
export async function pauseNode(sb: Sandbox, name: string): Promise<InjectedFault> {
  assertSandbox(sb);
  sb.pause(name);
  return {
    kind: 'pause_node',
    nodes: [name],
    detail: {},
    undo: once(async () => {
      if (sb.node(name).paused) sb.resume(name);
    }),
  };
}

/**
 * Kills a replica and starts a fresh, empty one in its place (same port and config, files
 * deleted): it cannot partially resync, so its upstream counts one more full sync.
 * Nothing to undo; the replacement syncs on its own.
 */
export async function replaceReplica(sb: Sandbox, name: string): Promise<InjectedFault> {
  assertSandbox(sb);
  if (sb.node(name).upstream === undefined) throw new Error(`"${name}" is a master, not a replica`);
  await sb.restart(name, { wipe: true });
  return { kind: 'replace_replica', nodes: [name], detail: {} };
}
