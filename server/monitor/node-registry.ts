// What the monitor knows of each node across cycles: records, address aliases, discovery of
// neighbours, and the memory of nodes that died. No I/O; the monitor drives it.
import { parseInfo } from '../../lib/info/info-parser';
import type { ParsedInfo } from '../../lib/info/info-types';
import { withRoleOffsets, type RoleReading } from '../../lib/info/role-reply';
import { replicaEntryId, upstreamOf, type NodeObservation } from '../../lib/topology/derive-topology';
import { deriveNodeMetrics, previousCounters, roleMetrics } from '../../lib/topology/node-metrics';
import { logger } from '../logger';
import type { PollResult } from '../redis/node-client';
import { parseNodeId } from '../redis/redis-url';
import type { NodeRecord } from './node-record';
import { carrySlowSections, situationChanged, SLOW_SECTIONS } from './poll-tiers';

const log = logger('monitor');

/** What one cycle has seen so far, shared by the results of its waves. */
export interface CycleState {
  started: number;
  /** Nodes already read a second time this cycle (after a restart). */
  rereads: Set<string>;
  /** Every address some node named (upstream or replica). */
  referenced: Set<string>;
  polled: Set<string>;
}

export class NodeRegistry {
  readonly records = new Map<string, NodeRecord>();
  /** Other addresses of a node (same run_id) → the id the topology reports. */
  private readonly aliases = new Map<string, string>();

  /** Called when a record goes away (alias merged, forgotten, removed): release its resources. */
  constructor(private readonly onDrop: (id: string) => void) {}

  canonical = (id: string): string => this.aliases.get(id) ?? id;

  /** Declare `from` another address of `to` (e.g. a fault proxy a replica connects through). */
  alias(from: string, to: string): void {
    if (from === to) return;
    this.aliases.set(from, to);
    if (this.records.has(from)) this.drop(from, `alias of ${to}`);
  }

  get(id: string): NodeRecord | undefined {
    return this.records.get(this.canonical(id));
  }

  ensure(id: string, now: number, extra: Partial<NodeRecord> = {}): NodeRecord {
    let r = this.records.get(id);
    if (!r) {
      const { host, port } = parseNodeId(id);
      r = {
        id,
        host,
        port,
        reachable: false,
        role: 'unknown',
        discoveredOnly: true,
        isSeed: false,
        firstSeenAt: now,
        lastKnownAt: now,
        sectionAt: {},
        refreshAll: true,
      };
      this.records.set(id, r);
    }
    Object.assign(r, extra);
    return r;
  }

  /**
   * This poll's INFO into the record. Slow-tier sections it did not carry are kept from the
   * previous poll of the same process, with their own read time in `sectionAt`. Returns true
   * when the node restarted since its last poll and this poll did not read every slow section
   * (a new process: the earlier readings are dropped): the caller reads it in full now,
   * with `again` set (deltas stay measured from the previous cycle's INFO).
   */
  applyInfo(rec: NodeRecord, text: string, at: number, latencyMs: number, again = false): boolean {
    const fresh = parseInfo(text, rec.info);
    const readNow = Object.keys(fresh.sections);
    const before = rec.info;
    const runId = fresh.sections.server?.run_id;
    const sameProcess = runId !== undefined && before?.sections.server?.run_id === runId;
    const info = carrySlowSections(fresh, before);
    const prevCpuAt = sameProcess ? rec.sectionAt.cpu : undefined;
    rec.sectionAt = sameProcess ? { ...rec.sectionAt } : {};
    for (const name of readNow) rec.sectionAt[name] = at;
    rec.refreshAll = situationChanged(before, info);
    if (before && before.replication.master_replid !== info.replication.master_replid) this.refreshReplicasOf(info);
    if (!again) {
      this.keepCounters(rec, before);
      rec.prevInfoAt = rec.infoAt;
    }
    answered(rec, info, at, latencyMs);
    rec.role = info.replication.role;
    rec.upstream = upstreamOf(info, this.canonical);
    const dt = rec.prevInfoAt ? at - rec.prevInfoAt : null;
    // CPU % is the counter's rise between two reads of the cpu section, however far apart.
    const cpuRead = readNow.includes('cpu');
    const previous = rec.metrics;
    rec.metrics = deriveNodeMetrics(info, rec.prevInfo, dt, cpuRead && prevCpuAt ? at - prevCpuAt : null);
    if (!cpuRead) rec.metrics.cpuPct = previous?.cpuPct ?? null;
    // Only a new process: a server that never reports a section must not cost a re-read a poll.
    return before !== undefined && !sameProcess && SLOW_SECTIONS.some((s) => info.sections[s] === undefined);
  }

  /**
   * A new replication ID upstream (a promotion, a full sync) reaches its replicas over a quick
   * reconnect that a replica polled with ROLE may not show: they read INFO on their next poll.
   */
  private refreshReplicasOf(info: ParsedInfo): void {
    for (const e of info.replication.replicas) {
      const replica = e.port > 0 ? this.records.get(replicaEntryId(e, this.canonical)) : undefined;
      if (replica) replica.refreshAll = true;
    }
  }

  /**
   * The counters of the reading before this one, for deltas. A quiet node's ROLE that moved
   * nothing leaves its reading the same object, poll after poll: its counters are not copied again.
   */
  private keepCounters(rec: NodeRecord, before: ParsedInfo | undefined): void {
    if (before !== undefined && rec.prevInfoOf === before) return;
    rec.prevInfo = before && previousCounters(before);
    rec.prevInfoOf = before;
  }

  /**
   * A quiet node's ROLE into the record: its last INFO with this poll's offsets
   * (lib/info/role-reply.ts). The sections keep their read times in `sectionAt`; only the
   * offsets, the sample time and the rates derived from them are this poll's.
   */
  applyRole(rec: NodeRecord, role: RoleReading, at: number, latencyMs: number): void {
    const before = rec.info;
    if (!before) {
      // ROLE is only asked of a node with an INFO; should the record have lost it, read INFO.
      rec.refreshAll = true;
      return;
    }
    this.keepCounters(rec, before);
    rec.prevInfoAt = rec.infoAt;
    const info = withRoleOffsets(before, role);
    answered(rec, info, at, latencyMs);
    rec.metrics = roleMetrics(rec.metrics, before, info, rec.prevInfoAt ? at - rec.prevInfoAt : null);
  }

  neighbours(rec: NodeRecord): string[] {
    if (!rec.info) return [];
    const out = rec.info.replication.replicas.filter((e) => e.port > 0).map((e) => replicaEntryId(e, this.canonical));
    if (rec.upstream) out.push(rec.upstream);
    return out;
  }

  /** One node reached by two addresses (seed hostname vs reported IP): keep the reported one. */
  dedupeByRunId(referenced: Set<string>): void {
    const byRunId = new Map<string, NodeRecord[]>();
    for (const r of this.records.values()) {
      const runId = r.reachable ? r.info?.sections.server?.run_id : undefined;
      if (!runId) continue;
      const group = byRunId.get(runId);
      if (group) group.push(r);
      else byRunId.set(runId, [r]);
    }
    for (const group of byRunId.values()) {
      if (group.length < 2) continue;
      const keep = group.find((r) => referenced.has(r.id)) ?? group.find((r) => !r.isSeed) ?? group[0]!;
      for (const r of group) {
        if (r === keep) continue;
        log.info({ alias: r.id, node: keep.id }, 'one node reached by two addresses; keeping the reported one');
        this.aliases.set(r.id, keep.id);
        keep.isSeed ||= r.isSeed;
        this.records.delete(r.id);
        this.onDrop(r.id);
      }
    }
    // Re-resolve upstreams that pointed at an alias.
    for (const r of this.records.values()) if (r.upstream) r.upstream = this.canonical(r.upstream);
  }

  /** A replica we cannot reach still hangs under the upstream that lists it. */
  attachReportedReplicas(now: number): void {
    for (const up of this.records.values()) {
      if (!up.reachable || !up.info) continue;
      for (const e of up.info.replication.replicas) {
        if (e.port <= 0) continue;
        const rec = this.records.get(replicaEntryId(e, this.canonical));
        if (rec && !rec.reachable) {
          rec.upstream = up.id;
          if (rec.role === 'unknown') rec.role = 'replica';
          rec.lastKnownAt = now;
        }
      }
    }
  }

  forget(now: number, limit: number): void {
    for (const r of [...this.records.values()]) {
      if (!r.reachable && !r.isSeed && now - r.lastKnownAt > limit) this.drop(r.id, 'forgotten after silence');
    }
  }

  drop(id: string, why: string): void {
    log.info({ node: id, why }, 'node removed from the tree');
    this.records.delete(id);
    this.onDrop(id);
  }

  /**
   * One poll's result into the node's record. Returns the ids to poll next in this cycle: the
   * node itself when it restarted (its slow sections, one more round trip), and neighbours it
   * names that are not known yet.
   */
  applyResult(id: string, result: PollResult, cycle: CycleState): string[] {
    // Removed (by the operator, or merged as an alias) while its poll was out: it stays gone.
    const rec = this.records.get(id);
    if (!rec) return [];
    if (!result.ok) {
      rec.reachable = false;
      rec.error = result.error;
      // Whatever it was doing before, read all of it once it answers again.
      rec.refreshAll = true;
      return [];
    }
    const next: string[] = [];
    const { rereads, referenced, polled, started } = cycle;
    // A new process of the node (restarted between two polls): its slow sections are read
    // in the same cycle, one more round trip for this node only, rather than judged absent.
    if (result.role) this.applyRole(rec, result.role, result.at, result.latencyMs);
    else if (this.applyInfo(rec, result.info, result.at, result.latencyMs, rereads.has(id)) && !rereads.has(id)) {
      rereads.add(id);
      next.push(id);
    }
    if (result.config || result.configError) {
      rec.config = result.config ?? rec.config;
      rec.configError = result.configError;
      rec.configAt = result.at;
    }
    // A refused CLUSTER INFO keeps the last reading, with its own (older) read time.
    if (result.clusterInfo || rec.info?.sections.cluster?.cluster_enabled !== '1') {
      rec.clusterInfo = result.clusterInfo;
      rec.clusterInfoAt = result.clusterInfo ? result.at : undefined;
    }
    for (const ref of this.neighbours(rec)) {
      referenced.add(ref);
      const known = this.records.get(this.canonical(ref));
      if (known) known.lastKnownAt = started;
      if (!polled.has(this.canonical(ref)) && !known) next.push(ref);
    }
    return next;
  }

  /** What deriveTopology reads of each node: fresh objects, so a kept list stays as it was. */
  observations(): NodeObservation[] {
    return [...this.records.values()].map(observationOf);
  }
}

/** The node answered a poll (INFO or ROLE) at `at`: its reading and its liveness, in one place. */
function answered(rec: NodeRecord, info: ParsedInfo, at: number, latencyMs: number): void {
  rec.info = info;
  rec.infoAt = at;
  rec.reachable = true;
  rec.error = undefined;
  rec.discoveredOnly = false;
  rec.lastSeenAt = at;
  rec.lastKnownAt = at;
  rec.latencyMs = latencyMs;
}

/** What deriveTopology reads of one node. */
export function observationOf(r: NodeRecord): NodeObservation {
  return {
    id: r.id,
    host: r.host,
    port: r.port,
    reachable: r.reachable,
    error: r.error,
    info: r.info,
    metrics: r.reachable ? r.metrics : undefined,
    lastSeenAt: r.lastSeenAt,
    upstream: r.upstream,
    role: r.role,
    discoveredOnly: r.discoveredOnly,
    sampledAt: r.reachable ? r.infoAt : undefined,
  };
}
