// Public shapes of the sandbox API; kept apart so callers can import types without the runtime.

export type Persistence = 'rdb' | 'aof' | 'none';

/** One node of the topology to start. A node without `upstream` starts as a master. */
export interface ShapeEntry {
  name: string;
  upstream?: string;
}

/** Where a replica should connect to reach its upstream (a fault proxy may stand in between). */
export interface UpstreamAddress {
  host: string;
  port: number;
}

export interface SandboxOptions {
  /** Default: `m` master, `r1` and `r2` replicas of m, `r1a` replica of r1. */
  shape?: ShapeEntry[];
  /** Default: a fresh `replicaops-sandbox-XXXX` under os.tmpdir(), removed on stop(). */
  rootDir?: string;
  /** Default: removed on stop() if the sandbox created rootDir, kept if the caller chose it. */
  keepFiles?: boolean;
  /** Default and only sensible value: 127.0.0.1 (the nodes run with protected-mode off). */
  host?: string;
  /** Persistence of the nodes without upstream. Default 'rdb'. Replicas always use 'rdb'. */
  masterPersistence?: Persistence;
  /** redis.conf directives for every node, applied after the sandbox defaults. */
  commonConfig?: Record<string, string>;
  /** redis.conf directives per node name, applied last (they win). */
  extraConfig?: Record<string, Record<string, string>>;
  /** Sets requirepass and masterauth on every node. */
  password?: string;
  /** Start a gentle write load on the first master once the topology is up. */
  writeLoad?: { opsPerSec: number };
  /** Default true: resolve only once every replica is linked and listed online upstream. */
  waitForSync?: boolean;
  /** At most this many redis-server processes starting at once (default: a whole tree level). */
  spawnConcurrency?: number;
  /** How long one redis-server may take to answer its first PING. Default 10 000 ms. */
  spawnTimeoutMs?: number;
  /** Budget for the whole start-up, sync included. Default 30 000 ms. */
  timeoutMs?: number;
  /** Path of the redis-server binary; the caller reads REDIS_SERVER_BIN, the sandbox does not. */
  redisServerBin?: string;
  /**
   * Put a FaultProxy between each replica and its upstream (`sandbox.proxy(replica)`), for
   * link faults: partition, latency, bandwidth. Proxies have ports of their own, so they stay
   * across restart(). Ignored for a link that `linkVia` answers.
   */
  faultProxy?: boolean;
  /**
   * Hook for the fault proxy: return the address a replica should put in `replicaof`
   * instead of its upstream's own. Called once per replica, before it is spawned; answering
   * nothing leaves the link to `faultProxy` (or direct).
   */
  linkVia?: (link: { replica: string; upstream: SandboxNode }) => Promise<UpstreamAddress | undefined>;
}

export interface SandboxNode {
  readonly name: string;
  /** `host:port`, the same id the monitor uses. */
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly upstream?: string;
  /** The address written in `replicaof` (differs from the upstream's when a proxy sits between). */
  readonly replicaOf?: UpstreamAddress;
  readonly dir: string;
  readonly logFile: string;
  readonly configFile: string;
  /** PID of the live process; undefined while the node is down. */
  readonly pid?: number;
  readonly running: boolean;
  readonly paused: boolean;
}

export interface RestartOptions {
  /** Delete the node's RDB/AOF before starting: it comes back empty. */
  wipe?: boolean;
}
