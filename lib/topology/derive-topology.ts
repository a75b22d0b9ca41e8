// From what the monitor knows of each node to the tree the UI draws: nodes with status, and one
// link per replica→upstream edge with its state, lag and byte gap. Pure.
import type { Link, LinkStatus, NodeError, NodeMetrics, Role, Status, Topology, TopologyNode } from '../contracts';
import type { ParsedInfo, ReplicaEntry } from '../info/info-types';
import { linkHealth, memoryHealth, worst, type StatusThresholds } from './status';

export interface NodeObservation {
  id: string;
  host: string;
  port: number;
  reachable: boolean;
  error?: NodeError;
  /** Latest INFO that parsed (this cycle's when reachable, else the last one seen). */
  info?: ParsedInfo;
  metrics?: NodeMetrics;
  lastSeenAt?: number;
  /** Last known upstream id (canonical), kept when the node dies so its edge stays drawn. */
  upstream?: string;
  /** Last known role, likewise. */
  role: Role;
  /** Known only from a neighbour's report; never answered us. */
  discoveredOnly: boolean;
  /** When this cycle's INFO reply arrived (ms): corrects the gap for sampling skew. */
  sampledAt?: number;
}

/** `slaveN` entry → canonical node id, through the alias map (one node, several addresses). */
export function replicaEntryId(entry: ReplicaEntry, canonical: (id: string) => string): string {
  const host = entry.ip.includes(':') ? `[${entry.ip}]` : entry.ip;
  return canonical(`${host}:${entry.port}`);
}

export function upstreamOf(info: ParsedInfo, canonical: (id: string) => string): string | undefined {
  const r = info.replication;
  if (r.role !== 'replica' || !r.master_host || !r.master_port) return undefined;
  const host = r.master_host.includes(':') ? `[${r.master_host}]` : r.master_host;
  return canonical(`${host}:${r.master_port}`);
}

function linkStatusFromReplica(info: ParsedInfo): LinkStatus {
  const r = info.replication;
  if (r.master_link_status === 'up') return 'up';
  return r.master_sync_in_progress ? 'sync' : 'down';
}

function linkStatusFromUpstreamEntry(entry: ReplicaEntry | undefined): LinkStatus {
  if (!entry) return 'down';
  return entry.state === 'online' ? 'up' : 'sync';
}

function syncProgress(info: ParsedInfo): Link['sync'] {
  const r = info.replication;
  if (!r.master_sync_in_progress) return null;
  const total = r.master_sync_total_bytes ?? -1;
  const read = r.master_sync_read_bytes ?? 0;
  // -1: size not known yet; 0: diskless (EOF-marked) stream. Either way only bytes read are real.
  const known = total > 0;
  return { readBytes: read, totalBytes: known ? total : null, percent: known ? Math.min(100, (read / total) * 100) : null };
}

/**
 * Both offsets are read in the same cycle but not at the same instant. Under writes at R bytes/s,
 * an upstream answering Δt later than its replica looks R·Δt further ahead than it is (and a
 * replica answering later looks ahead of its upstream); subtract that so a busy master and a
 * loaded dashboard do not invent lag.
 */
function skewBytes(upstream: NodeObservation | undefined, replica: NodeObservation): number {
  const rate = upstream?.metrics?.replOffsetRate;
  if (!rate || upstream?.sampledAt === undefined || replica.sampledAt === undefined) return 0;
  return (rate * (upstream.sampledAt - replica.sampledAt)) / 1000;
}

/** The upstream's `slaveN` entry naming this replica (the first one, as Redis lists them). */
type EntryLookup = (upstream: NodeObservation, replicaId: string) => ReplicaEntry | undefined;

/**
 * EntryLookup over each upstream's entries indexed once per derivation: finding every replica's
 * entry by a scan of its upstream's list was quadratic (a 99-replica node: 4,900 address
 * strings a poll for its links alone).
 */
function entryLookup(canonical: (id: string) => string): EntryLookup {
  const indexes = new Map<NodeObservation, Map<string, ReplicaEntry>>();
  return (upstream, replicaId) => {
    let index = indexes.get(upstream);
    if (!index) {
      index = new Map();
      for (const e of upstream.info?.replication.replicas ?? []) {
        const id = replicaEntryId(e, canonical);
        if (!index.has(id)) index.set(id, e);
      }
      indexes.set(upstream, index);
    }
    return index.get(replicaId);
  };
}

function buildLink(
  replica: NodeObservation,
  upstreamId: string,
  upstream: NodeObservation | undefined,
  entryOf: EntryLookup,
  t: StatusThresholds,
): Link {
  const entry = upstream?.reachable ? entryOf(upstream, replica.id) : undefined;
  const replicaInfo = replica.reachable ? replica.info : undefined;
  const upstreamOffset = upstream?.reachable ? upstream.info?.replication.master_repl_offset : undefined;

  let linkStatus: LinkStatus;
  let offsetGapBytes: number | null = null;
  if (replicaInfo) {
    linkStatus = linkStatusFromReplica(replicaInfo);
    const own = replicaInfo.replication.slave_repl_offset;
    const sameHistory = replicaInfo.replication.master_replid === upstream?.info?.replication.master_replid;
    if (linkStatus === 'up' && own !== undefined && upstreamOffset !== undefined && sameHistory) {
      // Bytes are whole: the skew estimate is not, and the API promises a byte count.
      offsetGapBytes = Math.max(0, Math.round(upstreamOffset - own - skewBytes(upstream, replica)));
    }
  } else {
    // We cannot ask the replica; the upstream's own list is the next best witness.
    linkStatus = linkStatusFromUpstreamEntry(entry);
    if (entry && linkStatus === 'up' && upstreamOffset !== undefined) {
      offsetGapBytes = Math.max(0, upstreamOffset - entry.offset);
    }
  }
  const lagSeconds = entry && entry.state === 'online' ? entry.lag : null;
  const r = replicaInfo?.replication;
  return {
    upstream: upstreamId,
    replica: replica.id,
    linkStatus,
    offsetGapBytes,
    lagSeconds,
    status: linkHealth(linkStatus, lagSeconds, offsetGapBytes, t, upstream?.metrics?.replOffsetRate),
    lastIoSecondsAgo: r?.master_last_io_seconds_ago ?? null,
    downSinceSeconds: r?.master_link_down_since_seconds ?? null,
    sync: replicaInfo ? syncProgress(replicaInfo) : null,
    upstreamState: entry?.state ?? null,
  };
}

function nodeOut(o: NodeObservation, ownLink: Link | undefined, t: StatusThresholds): TopologyNode {
  const info = o.info;
  const r = info?.replication;
  let status: Status;
  if (!o.reachable) status = o.discoveredOnly || o.lastSeenAt ? 'critical' : 'unknown';
  else {
    const loading = info?.sections.persistence?.loading === '1' ? 'warning' : 'ok';
    status = worst(ownLink?.status ?? 'ok', memoryHealth(o.metrics?.memoryPct ?? null, t), loading);
  }
  const node: TopologyNode = {
    id: o.id,
    host: o.host,
    port: o.port,
    role: o.role,
    reachable: o.reachable,
    status,
    discoveredOnly: o.discoveredOnly,
  };
  if (o.error) node.error = o.error;
  if (info?.sections.server?.run_id) node.runId = info.sections.server.run_id;
  if (r?.master_replid) node.replId = r.master_replid;
  if (r?.master_repl_offset !== undefined) node.offset = r.master_repl_offset;
  if (o.upstream) node.upstream = o.upstream;
  if (info?.sections.server?.redis_version) node.version = info.sections.server.redis_version;
  if (o.lastSeenAt) node.lastSeenAt = o.lastSeenAt;
  if (o.metrics) {
    if (o.metrics.keys !== null) node.keys = o.metrics.keys;
    node.memoryPct = o.metrics.memoryPct;
    if (o.metrics.usedMemoryBytes !== null) node.usedMemoryBytes = o.metrics.usedMemoryBytes;
    if (o.metrics.rssBytes != null) node.rssBytes = o.metrics.rssBytes;
    if (o.metrics.opsPerSec !== null) node.opsPerSec = o.metrics.opsPerSec;
  }
  return node;
}

// One collator for every comparison: `localeCompare(b, 'en', { numeric: true })` builds a new
// one per call, which made sorting 1,000 nodes cost tens of milliseconds every poll.
const byAddress = new Intl.Collator('en', { numeric: true }).compare;

export function deriveTopology(
  observations: NodeObservation[],
  canonical: (id: string) => string,
  thresholds: StatusThresholds,
  now: number,
): Topology {
  const byId = new Map(observations.map((o) => [o.id, o]));
  const links: Link[] = [];
  const linkOf = new Map<string, Link>();
  const entryOf = entryLookup(canonical);
  for (const o of observations) {
    if (!o.upstream || o.upstream === o.id) continue;
    const link = buildLink(o, o.upstream, byId.get(o.upstream), entryOf, thresholds);
    links.push(link);
    linkOf.set(o.id, link);
  }
  // Redis reports every link of a cycle as up, but no write reaches any member: red, not green.
  const inCycle = cycleMembers(observations);
  for (const link of links) if (inCycle.has(link.replica)) link.status = 'critical';
  const nodes = observations.map((o) => {
    const node = nodeOut(o, linkOf.get(o.id), thresholds);
    if (inCycle.has(o.id)) node.status = 'critical';
    return node;
  });
  nodes.sort((a, b) => byAddress(a.id, b.id));
  links.sort((a, b) => byAddress(a.replica, b.replica));
  return { generatedAt: now, nodes, links };
}

/** Nodes on a replication cycle: following reachable replicas' upstreams comes back around. */
export function cycleMembers(observations: NodeObservation[]): Set<string> {
  const byId = new Map(observations.map((o) => [o.id, o]));
  const upstreamOf = (id: string): string | undefined => {
    const o = byId.get(id);
    return o?.reachable && o.role === 'replica' ? o.upstream : undefined;
  };
  const members = new Set<string>();
  const settled = new Set<string>();
  for (const start of observations) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | undefined = start.id;
    while (cur !== undefined && !onPath.has(cur) && !settled.has(cur)) {
      onPath.add(cur);
      path.push(cur);
      cur = upstreamOf(cur);
    }
    if (cur !== undefined && onPath.has(cur)) for (const id of path.slice(path.indexOf(cur))) members.add(id);
    for (const id of path) settled.add(id);
  }
  return members;
}
