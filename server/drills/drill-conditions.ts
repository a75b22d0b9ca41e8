// Conditions a drill waits for and verifies. Findings and links are judged the way the
// dashboard shows them (monitor + incidents); counters and data are read from Redis directly.
import type { Topology } from '../../lib/contracts';
import type { ConditionSpec, DrillScenario } from '../../lib/drills/scenario-types';
import { describeExpected } from '../../lib/drills/scorecard';
import type { Sandbox, SandboxSentinels } from '../sandbox';
import { DrillFaults } from './drill-faults';
import type { DrillObserver } from './drill-observer';
import { resolveTargets, type DrillTargets } from './drill-sandbox';
import { sentinelCheck } from './sentinel-conditions';
import { canaryCount, infoField, infoNumber, sleep } from './redis-steps';
import { errorText } from '../error-text';
import type { TextRef } from '../../lib/contracts/text-ref';
import { textRef } from '../../lib/i18n/text-ref';

const POLL_MS = 200;

export interface CheckResult {
  ok: boolean;
  /** English, for the logs, the CLI and the step's `detail`. */
  detail: string;
  /** The same in the reader's language; absent where the detail is Redis' own words or figures. */
  detailText?: TextRef;
}

/** Sync counters of the replica's upstream when the last remove/repair ran. */
export interface SyncMark {
  full: number;
  partialOk: number;
}

export interface ConditionContext {
  sb: Sandbox;
  targets: DrillTargets;
  observer: DrillObserver;
  faults: DrillFaults;
  /** When the first fault went in (findings before it do not count). */
  faultAt: () => number;
  syncMark: () => SyncMark | undefined;
  /** What the dashboard shows now (Sentinel conditions judge the monitor's view). */
  topology: () => Topology;
}

export async function readSyncMark(
  ctx: Pick<ConditionContext, 'sb' | 'targets'>,
): Promise<SyncMark | undefined> {
  const upstream = ctx.targets.replica.upstream ?? ctx.targets.master.name;
  try {
    const client = await ctx.sb.client(upstream);
    return {
      full: (await infoNumber(client, 'stats', 'sync_full')) ?? 0,
      partialOk: (await infoNumber(client, 'stats', 'sync_partial_ok')) ?? 0,
    };
  } catch {
    return undefined; // the upstream is down right now (master restart): nothing to compare
  }
}

/** What a drill drives: a master with replicas, or a Redis Cluster (server/drills/cluster-drill.ts). */
export interface DrillWorld {
  faults: Pick<DrillFaults, 'inject' | 'remove' | 'repair' | 'write' | 'cleanup'>;
  /** Node ids whose replica links must all be up, in this topology (a failover changes them). */
  replicaIds(topology: Topology): readonly string[];
  check(spec: ConditionSpec, observer: DrillObserver, faultAt: () => number): Promise<CheckResult>;
  /** Before a remove/repair step: what a later `resync` check compares with. */
  markSync(): Promise<void>;
}

/** A master with replicas: the scenario's roles on a Sandbox. */
export function replicationWorld(
  sb: Sandbox,
  scenario: DrillScenario,
  opts: { topology: () => Topology; sentinels?: SandboxSentinels },
): DrillWorld {
  const targets = resolveTargets(sb, scenario);
  const faults = new DrillFaults(sb, targets, opts.sentinels);
  let syncMark: SyncMark | undefined;
  // With Sentinel the master moves: every node but Sentinel's current master must replicate.
  const replicaIds = scenario.sandbox.sentinels
    ? (t: Topology) => {
        const master = t.groups?.[0]?.masterId ?? targets.master.id;
        return sb.nodes.map((n) => n.id).filter((id) => id !== master);
      }
    : () => targets.replicas.map((r) => r.id);
  return {
    faults,
    replicaIds,
    check: (spec, observer, faultAt) =>
      check(spec, {
        sb,
        targets,
        observer,
        faults,
        faultAt,
        syncMark: () => syncMark,
        topology: opts.topology,
      }),
    markSync: async () => void (syncMark = await readSyncMark({ sb, targets })),
  };
}

/** Conditions judged from what the dashboard says, whatever the sandbox; undefined for others. */
export async function commonCheck(
  spec: ConditionSpec,
  observer: DrillObserver,
  faultAt: () => number,
): Promise<CheckResult | undefined> {
  switch (spec.type) {
    case 'finding': {
      const f = observer.hasFinding(spec.finding.kind, spec.finding.cause, faultAt());
      const finding = describeExpected(spec.finding);
      if (!f)
        return {
          ok: false,
          detail: `${finding} not open`,
          detailText: textRef('condText.findingNotOpen', { finding }),
        };
      return {
        ok: true,
        detail: `${finding} open${f.nodeId ? ` on ${f.nodeId}` : ''}`,
        detailText: f.nodeId
          ? textRef('condText.findingOpenOn', { finding, node: f.nodeId })
          : textRef('condText.findingOpen', { finding }),
      };
    }
    case 'links_up': {
      const down = observer.linksDown();
      return down.length
        ? {
            ok: false,
            detail: `links not up: ${down.join(', ')}`,
            detailText: textRef('drillText.linksNotUp', { nodes: down.join(', ') }),
          }
        : { ok: true, detail: 'every link up', detailText: textRef('condText.linksUp') };
    }
    case 'sleep':
      await sleep(spec.ms);
      return { ok: true, detail: `${spec.ms} ms` };
    default:
      return undefined;
  }
}

async function check(spec: ConditionSpec, ctx: ConditionContext): Promise<CheckResult> {
  const { sb, targets } = ctx;
  const common = await commonCheck(spec, ctx.observer, ctx.faultAt);
  if (common) return common;
  switch (spec.type) {
    case 'backlog_trimmed': {
      const upstream = targets.replica.upstream ?? targets.master.name;
      const histlen = await infoNumber(
        await sb.client(upstream),
        'replication',
        'repl_backlog_histlen',
      );
      return {
        ok: histlen !== null && histlen < spec.belowBytes,
        detail: `repl_backlog_histlen ${histlen ?? '?'} B`,
      };
    }
    case 'resync': {
      const mark = ctx.syncMark();
      const now = await readSyncMark(ctx);
      const link = await infoField(
        await sb.client(targets.replica.name),
        'replication',
        'master_link_status',
      );
      if (!mark || !now)
        return {
          ok: false,
          detail: 'sync counters not readable',
          detailText: textRef('condText.syncUnreadable'),
        };
      const full = now.full - mark.full;
      const partial = now.partialOk - mark.partialOk;
      const detail = `sync_full +${full}, sync_partial_ok +${partial}, link ${link ?? '?'}`;
      const isDone = link === 'up' && (spec.mode === 'full' ? full > 0 : partial > 0 && full === 0);
      return { ok: isDone, detail };
    }
    case 'canary': {
      const n = ctx.faults.canaryKeys;
      const nodes = spec.on === 'all' ? [targets.master, ...targets.replicas] : [targets.replica];
      const counts = await Promise.all(
        nodes.map(
          async (node) => [node.name, await canaryCount(await sb.client(node.name), n)] as const,
        ),
      );
      const short = counts.filter(([, c]) => c < n);
      return {
        ok: n > 0 && short.length === 0,
        detail: short.length
          ? short.map(([name, c]) => `${name} has ${c}/${n}`).join(', ')
          : `${nodes.length} nodes hold ${n}/${n}`,
        detailText: short.length
          ? textRef('textRef.list', {
              items: short.map(([name, c]) =>
                textRef('condText.canaryShort', { node: name, count: c, total: n }),
              ),
            })
          : textRef('condText.canaryAll', { nodes: nodes.length, total: n }),
      };
    }
    case 'divergence_gone': {
      const key = ctx.faults.divergentKey;
      if (!key)
        return {
          ok: false,
          detail: 'no divergent key was written',
          detailText: textRef('condText.noDivergentKey'),
        };
      const exists = await (await sb.client(targets.replica.name)).exists(key);
      return {
        ok: exists === 0,
        detail: exists ? `${key} still on ${targets.replica.name}` : `${key} gone`,
        detailText: exists
          ? textRef('condText.keyStillOn', { key, node: targets.replica.name })
          : textRef('condText.keyGone', { key }),
      };
    }
    case 'sentinel_switched':
    case 'sentinel_tree':
    case 'sentinel_quorum':
      return sentinelCheck(spec, ctx);
    default:
      return {
        ok: false,
        detail: `${spec.type} needs a Redis Cluster sandbox`,
        detailText: textRef('condText.needsCluster', { type: spec.type }),
      };
  }
}

/** Polls `spec` until it holds or `timeoutMs` passes; a Redis error counts as "not yet". */
export async function waitCondition(
  check: () => Promise<CheckResult>,
  timeoutMs: number,
  isAborted: () => boolean,
): Promise<CheckResult> {
  const deadline = Date.now() + timeoutMs;
  let last: CheckResult = {
    ok: false,
    detail: 'not checked',
    detailText: textRef('condText.notChecked'),
  };
  for (;;) {
    try {
      last = await check();
    } catch (err) {
      last = { ok: false, detail: errorText(err) };
    }
    if (last.ok || isAborted() || Date.now() >= deadline) return last;
    await sleep(POLL_MS);
  }
}
