// The vocabulary scenarios are written in: pure data the runner interprets, so a new drill is a
// new object, not new code. Node roles, not names: the runner maps them onto whatever sandbox
// it drives (a fresh one, or the demo's own).
import type { Bilingual, FindingKind } from '../contracts';
import type { DrillScenarioId, ExpectedFinding } from '../contracts/drills';

/** `replica`: the replica under test (behind the fault proxy when the scenario needs one). */
export type NodeRole = 'master' | 'replica';

export type FaultSpec =
  | { type: 'partition'; mode: 'drop' | 'blackhole' }
  | { type: 'latency'; ms: number }
  | { type: 'kill_master'; signal: 'SIGKILL' | 'SIGTERM'; wipe: boolean }
  | { type: 'kill_replica' }
  | { type: 'password_change' }
  | { type: 'backlog_overflow'; fillBytes: number }
  | { type: 'output_buffer_loop' }
  | { type: 'writable_replica' }
  /** save "" and appendonly no on the master: what makes a restart wipe the replicas. */
  | { type: 'persistence_off' }
  // Redis Cluster (a cluster sandbox): `primary` is a primary with a replica, `replica` its replica.
  | { type: 'cluster_kill_primary' }
  | { type: 'cluster_kill_replica' }
  /** The replica's link to its primary held down (it cannot AUTH), the replica itself up. */
  | { type: 'cluster_hold_replica' }
  /** SIGKILL `count` of the sandbox's Sentinels (the last ones); undone by restarting them. */
  | { type: 'kill_sentinels'; count: number };
export type FaultType = FaultSpec['type'];

/** Conditions a `wait` step waits for and a `verify` step scores. */
export type ConditionSpec =
  | { type: 'finding'; finding: ExpectedFinding }
  /** Every replica link of the sandbox up, as the dashboard sees it. */
  | { type: 'links_up' }
  /** The replica's upstream trimmed its backlog below this (Redis 7 trims per cron tick). */
  | { type: 'backlog_trimmed'; belowBytes: number }
  /** Since the last remove/repair step, the upstream counted a full or a partial resync. */
  | { type: 'resync'; mode: 'full' | 'partial' }
  /** Every node (or only the replica under test) holds all the canary keys. */
  | { type: 'canary'; on: 'all' | 'replica' }
  /** The key written into the writable replica is gone (it re-synced from its master). */
  | { type: 'divergence_gone' }
  | { type: 'sleep'; ms: number }
  /** The killed primary flagged FAIL (a majority of primaries agreed) and node_failed open on it. */
  | { type: 'cluster_node_failed' }
  /** The dashboard shows the replica promoted: primary of the killed primary's shard. */
  | { type: 'cluster_failover' }
  /** The dashboard reads cluster_state ok and every assigned slot ok. */
  | { type: 'cluster_ok' }
  /** The replica is still a replica and the cluster still fails, for `ms` (checked to its end). */
  | { type: 'cluster_no_failover'; ms: number }
  /** Sentinel announced +switch-master away from the killed master, and names a new one. */
  | { type: 'sentinel_switched' }
  /** The dashboard shows Sentinel's new master as master and every other live node under it. */
  | { type: 'sentinel_tree' }
  /** SENTINEL CKQUORUM of the group, as the dashboard last read it, is (not) OK. */
  | { type: 'sentinel_quorum'; ok: boolean };

export type WriteSpec =
  | { type: 'canary'; keys: number }
  /** DUMP the master's keys in memory: the "last backup" a restore step puts back. */
  | { type: 'backup'; maxKeys: number }
  /** Make what was written durable: wait out AOF's everysec fsync, or SAVE when RDB only. */
  | { type: 'checkpoint' };

/** The operator's fix; the runner does it itself unless a guided drill leaves it to them. */
export type RepairSpec =
  | { type: 'adopt_password' }
  | { type: 'replace_replica' }
  | { type: 'restore_backup' }
  /** What full_resync_storm's remedy applies: a backlog that covers the outage. */
  | { type: 'grow_backlog'; bytes: number }
  /** Re-sync the writable replica from scratch (restart read-only, empty). */
  | { type: 'resync_replica' };

interface StepBase {
  label: Bilingual;
  /** The detection clock starts when this step ends (default: the first inject). */
  startsDetectClock?: boolean;
  /**
   * The repair point: recovery is timed from here, and a guided drill pauses before it for
   * the operator. Exactly one step per scenario has it.
   */
  isRecoveryPoint?: boolean;
}

export type StepDef = StepBase &
  (
    | { kind: 'inject'; fault: FaultSpec }
    | { kind: 'wait'; until: ConditionSpec; timeoutMs: number }
    | { kind: 'write'; write: WriteSpec }
    /** Undo the latest active fault of `fault` type, or every active fault (newest first). */
    | { kind: 'remove'; fault?: FaultType }
    | { kind: 'repair'; repair: RepairSpec }
    | { kind: 'verify'; check: ConditionSpec; timeoutMs: number; what: Bilingual }
  );

/**
 * Warnings about the setup (config, capacity), not about a fault: on a shared sandbox they come
 * and go with the write rate (backlog_too_small) or were there before. Unless a scenario
 * expects one, they never hold up "recovered"; they are still listed as "also opened".
 */
export const SETUP_KINDS: readonly FindingKind[] = [
  'backlog_too_small',
  'config_risk',
  'memory_pressure',
];

export interface SandboxNeeds {
  /** Master persistence of a fresh sandbox. */
  masterPersistence: 'rdb' | 'aof' | 'none';
  /** Gentle write load (ops/s) on the master of a fresh sandbox; 0 for none. */
  writeOpsPerSec: number;
  /** The replica under test replicates through the fault proxy. */
  needsProxy: boolean;
  /** redis.conf directives for every node of a fresh sandbox, over the drill defaults. */
  config?: Record<string, string>;
  /** A Redis Cluster sandbox instead of a master with replicas (`npm run demo -- --cluster`). */
  cluster?: { shards: number; replicasPerShard: number };
  /** Real Sentinels watching the master; the dashboard is given a sentinel:// seed. */
  sentinels?: { count: number; quorum: number; downAfterMs: number; failoverTimeoutMs: number };
}

export interface DrillScenario {
  id: DrillScenarioId;
  title: Bilingual;
  description: Bilingual;
  guidedHint: Bilingual;
  /** Which family of fault the drill rehearses (a short label; the UI does not show it). */
  source: string;
  sandbox: SandboxNeeds;
  steps: StepDef[];
  /** Findings that must open after the fault, each with its cause when it matters. */
  expect: ExpectedFinding[];
  /** Side effects that may open without failing the drill (e.g. the lag after a resync). */
  tolerate: FindingKind[];
  /**
   * Kinds that may still be open when recovery is judged: full_resync_storm counts syncs over
   * diagnosis.resyncWindowMs (10 min), so it outlives a repair by design.
   */
  mayStayOpen: FindingKind[];
  maxDetectMs: number;
  maxRecoverMs: number;
}
