// Internal shapes of the action engine. Plans hold closures, so they are rebuilt (live) right
// before a run and compared with what the user confirmed; only their public form is stored.
import type {
  ActionEffect,
  ActionRun,
  Bilingual,
  NodeError,
  PreflightCheck,
  SentinelGroup,
  Topology,
} from '../../lib/contracts';
import type { NodeCredentials, Thresholds } from '../config';
import type { LiveRedis } from './live-redis';

export interface LiveNode {
  id: string;
  reachable: boolean;
  error?: NodeError;
  role?: 'master' | 'replica';
  version?: string;
  upstream?: string;
  linkStatus?: 'up' | 'down' | 'sync';
  masterOffset: number;
  replicaOffset?: number;
  replid?: string;
  syncFull: number;
  syncPartialOk?: number;
  keys: number;
  usedMemory: number;
  replicas: Array<{ id: string; state: string; offset: number; lag?: number }>;
  syncInProgress?: boolean;
  syncReadBytes?: number;
  syncTotalBytes?: number;
  failoverState?: string;
  configFile?: string;
  loading?: boolean;
  /** Memory and persistence figures config.apply's risk model reads (0 when unknown). */
  memory?: {
    notCountedForEvict: number;
    datasetBytes: number;
    expiringKeys: number;
    backlogBytes: number;
    lastBgsaveSeconds: number;
  };
}

export interface ActionTimeouts {
  connectMs: number;
  commandMs: number;
  /** Waiting for a link to come up, a full sync included. */
  syncMs: number;
  /** A replica not yet syncing (or up) this long after being pointed somewhere never will be. */
  handshakeMs: number;
  /** Waiting for offsets to converge after the link is up. */
  convergeMs: number;
  /** FAILOVER's own TIMEOUT argument. */
  failoverMs: number;
  pollMs: number;
}

export interface ProgressNote {
  phase: 'step' | 'sync' | 'verify' | 'rollback';
  message: Bilingual;
  sync?: { readBytes: number; totalBytes: number | null; percent: number | null };
}

export interface RunContext {
  live: LiveRedis;
  timeouts: ActionTimeouts;
  progress(note: ProgressNote): void;
  /** Aborted when the server stops: waits end at once and the run is recorded as failed. */
  signal?: AbortSignal;
}

export interface Step {
  nodeId: string;
  /** Display form, secrets masked: what the plan shows and the audit records. */
  command: string;
  why: Bilingual;
  timeoutMs: number;
  /** Sends the command (or waits); resolves to a one-line result, rejects on failure. */
  run(ctx: RunContext): Promise<string>;
  /** A wait step changes nothing on the nodes. */
  isWait?: boolean;
}

export interface BuiltPlan {
  steps: Step[];
  preflight: PreflightCheck[];
  warnings: Bilingual[];
  /** config.apply: each setting's computed effect on the node. */
  effects?: ActionEffect[];
  /** Escalates confirmation (admin, reason, typed id), even for a non-destructive action id. */
  destructive: boolean;
  /** Nodes whose state is reported when the run ends. */
  involved: string[];
  verify(ctx: RunContext): Promise<PreflightCheck[]>;
  /** Undo what the steps changed; only config changes can be undone without losing data. */
  rollback?(ctx: RunContext): Promise<string>;
  revert?: { settings: Record<string, string>; rewrite: boolean };
}

export interface BuildContext {
  live: LiveRedis;
  topology: Topology;
  canonical(id: string): string;
  credentialsFor(id: string): NodeCredentials;
  thresholds: Thresholds;
  timeouts: ActionTimeouts;
  findRun(id: string): ActionRun | null;
  /** Replication stream rate (bytes/s) the monitor measured for the node; null when unknown. */
  replOffsetRate(id: string): number | null;
  /** diagnosis.backlogOutageSeconds: the outage the backlog must cover. */
  outageSeconds: number;
  /** Present when Sentinels are configured: repairs go through Sentinel, never against it. */
  sentinel?: SentinelGate;
}

/** What repairs need of the Sentinel service (server/sentinel). */
export interface SentinelGate {
  /** The group whose Sentinel master, or listed replica, is this node. */
  groupOf(nodeId: string): SentinelGroup | undefined;
  /** The group as of now (re-read while waiting). */
  group(name: string): SentinelGroup | undefined;
  /** A command on a reachable Sentinel of the group (SENTINEL FAILOVER <name>). */
  command(group: string, ...args: string[]): Promise<{ sentinelId: string; reply: unknown }>;
  /** A command on one Sentinel (SENTINEL SET / RESET go to each Sentinel in turn). */
  commandOn(sentinelId: string, ...args: string[]): Promise<unknown>;
}
