// What the monitor tells the rest of the server: its events and the cycle's report.
import type { NodeSample, Topology, TopologyDelta, TopologyEvent } from '../../lib/contracts';

export interface CycleReport {
  topology: Topology;
  /** Since the topology before this cycle's (a fast-lane announcement may lie between). */
  delta: TopologyDelta;
  /** Topology events since the previous cycle report, the fast lane's included. */
  events: TopologyEvent[];
  samples: NodeSample[];
  durationMs: number;
}

/** Another way to know nodes (e.g. Redis Cluster membership) and what it adds to the topology. */
export interface DiscoverySource {
  nodeIds(): string[];
  decorate(topology: Topology): Topology;
}

export type CycleStep = (report: CycleReport) => Promise<void>;

export interface MonitorEvents {
  cycle: [CycleReport];
  /**
   * The current topology changed (a full cycle, or a lost node shown unreachable before the
   * cycle ends), with the change since the one before. Synchronous, in order: listeners see
   * every topology once, before any later one.
   */
  topology: [Topology, TopologyDelta];
  'topology-event': [TopologyEvent];
}
