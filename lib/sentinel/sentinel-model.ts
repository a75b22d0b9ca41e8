// Each Sentinel's answers of one poll → `/api/topology`'s `sentinels` and `groups`. Pure.
import type { Sentinel, SentinelFailover, SentinelGroup } from '../contracts';
import { nodeIdOf } from './node-id';
import type { InstanceRecord, MasterRecord } from './sentinel-replies';

export interface SentinelObservation {
  id: string;
  host: string;
  port: number;
  reachable: boolean;
  error?: string;
  tilt?: boolean;
  source: 'seed' | 'discovered';
  /** Masters it watches (the configured names only); the last known ones when unreachable. */
  masters: MasterRecord[];
  replicas: Record<string, InstanceRecord[]>;
  /** SENTINEL SENTINELS: the other Sentinels it knows for each name. */
  peers: Record<string, InstanceRecord[]>;
  ckquorum: Record<string, { ok: boolean; message: string }>;
}

export interface SentinelModel {
  sentinels: Sentinel[];
  groups: SentinelGroup[];
}

type Canonical = (id: string) => string;

const masterIdOf = (m: MasterRecord, canonical: Canonical) => canonical(nodeIdOf(m.host, m.port));

/** The answer most reachable Sentinels give; the first one on a tie. */
function majorityOf(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/**
 * The group's master: the newest configuration wins, as among Sentinels themselves (a failover
 * raises `config-epoch`, and the others adopt the greater epoch from the winner's hello
 * messages, seconds later); among views of that epoch, or without epochs, the majority.
 */
function groupMaster(views: { masterId: string; record: MasterRecord }[]): string | null {
  const epochs = views.flatMap((v) => (v.record.configEpoch === undefined ? [] : [v.record.configEpoch]));
  if (!epochs.length) return majorityOf(views.map((v) => v.masterId));
  const newest = Math.max(...epochs);
  return majorityOf(views.filter((v) => v.record.configEpoch === newest).map((v) => v.masterId));
}

export function buildSentinelModel(
  observations: SentinelObservation[],
  canonical: Canonical,
  failovers: ReadonlyMap<string, SentinelFailover> = new Map(),
): SentinelModel {
  const sentinels: Sentinel[] = observations.map((o) => ({
    id: o.id,
    host: o.host,
    port: o.port,
    reachable: o.reachable,
    ...(o.error ? { error: o.error } : {}),
    tilt: o.tilt ?? false,
    source: o.source,
    masters: o.masters.map((m) => ({
      name: m.name,
      masterId: masterIdOf(m, canonical),
      flags: m.flags,
      quorum: m.quorum,
      numOtherSentinels: m.numOtherSentinels,
      numSlaves: m.numSlaves,
      ...(m.failoverState ? { failoverState: m.failoverState } : {}),
      downAfterMs: m.downAfterMs,
      failoverTimeoutMs: m.failoverTimeoutMs,
      parallelSyncs: m.parallelSyncs,
    })),
  }));
  const names = [...new Set(observations.flatMap((o) => o.masters.map((m) => m.name)))].sort();
  const groups = names.map((name) => groupOf(name, observations, canonical, failovers.get(name)));
  return { sentinels, groups };
}

function groupOf(
  name: string,
  observations: SentinelObservation[],
  canonical: Canonical,
  failover: SentinelFailover | undefined,
): SentinelGroup {
  const watching = observations.filter((o) => o.masters.some((m) => m.name === name));
  const reachable = watching.filter((o) => o.reachable);
  const ids = new Set(watching.map((o) => o.id));
  for (const o of reachable)
    for (const p of o.peers[name] ?? []) ids.add(canonical(nodeIdOf(p.host, p.port)));
  const views = reachable.flatMap((o) => {
    const m = o.masters.find((x) => x.name === name);
    return m ? [{ sentinelId: o.id, masterId: masterIdOf(m, canonical), record: m }] : [];
  });
  const first = reachable[0];
  const firstRecord = views[0]?.record ?? watching[0]?.masters.find((m) => m.name === name);
  const ckquorum = first?.ckquorum[name] ?? {
    ok: false,
    message: reachable.length ? 'CKQUORUM not answered yet' : 'no Sentinel of this group is reachable',
  };
  return {
    name,
    masterId: groupMaster(views),
    quorum: firstRecord?.quorum ?? null,
    sentinelIds: [...ids].sort(),
    ckquorum,
    tilt: reachable.some((o) => o.tilt === true),
    reachableSentinelIds: reachable.map((o) => o.id).sort(),
    masterViews: views.map(({ sentinelId, masterId }) => ({ sentinelId, masterId })),
    replicas: (first?.replicas[name] ?? []).map((r) => ({
      id: canonical(nodeIdOf(r.host, r.port)),
      flags: r.flags,
      priority: r.priority,
      masterLinkStatus: r.masterLinkStatus,
    })),
    downAfterMs: firstRecord?.downAfterMs,
    failoverTimeoutMs: firstRecord?.failoverTimeoutMs,
    parallelSyncs: firstRecord?.parallelSyncs,
    ...(failover ? { failover } : {}),
  };
}
