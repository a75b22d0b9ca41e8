// The fast lane: a node whose connection closed is polled again on its own and, when it does not
// answer, shown unreachable at once, without waiting for the full cycle in flight (about a second
// at 1,000 nodes) and the one after it. Nodes that answer are left to the full cycle.
//
// Consistency: the partial topology is derived from the observations the last publish used, with
// only the failed nodes' entries replaced. Deriving from the registry mid-cycle would mix this
// cycle's INFO of some nodes with the last one's of others (offset gaps between them would be
// wrong). Observations are fresh objects per publish and a record's `info`/`metrics` are replaced
// per poll, never mutated, so the kept list stays what was published.
import type { Topology, TopologyDelta, TopologyEvent } from '../../lib/contracts';
import type { NodeObservation } from '../../lib/topology/derive-topology';
import { diffTopology, isEmptyDelta } from '../../lib/topology/diff-topology';
import { logger } from '../logger';
import type { PollResult } from '../redis/node-client';
import { observationOf, type NodeRegistry } from './node-registry';

const log = logger('monitor');

export interface FastLaneDeps {
  registry: NodeRegistry;
  isRunning(): boolean;
  /** One node's fast-section poll, within the cycle's deadline; never rejects. */
  poll(id: string): Promise<PollResult>;
  /** deriveTopology plus what the discovery sources and other services add, as a publish does. */
  derive(observations: NodeObservation[], now: number): Topology;
  /** The topology last announced (the diff's base). */
  current(): Topology | null;
  /** Makes `topology` the current one and announces it and its events. */
  announce(topology: Topology, delta: TopologyDelta, events: TopologyEvent[]): void;
  nextEventId(at: number): string;
}

export class FastLane {
  private readonly lost = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  /** What the last announced topology was derived from (null before the first publish). */
  private published: NodeObservation[] | null = null;
  /** Set while a full publish is between reading the registry and announcing its topology. */
  private held: Promise<void> | null = null;

  constructor(
    private readonly deps: FastLaneDeps,
    /** Lets the other connections of a dying process (or a batch of kills) land in one pass. */
    private readonly delayMs: number,
  ) {}

  /** A node's established connection closed. */
  nodeLost(id: string): void {
    this.lost.add(id);
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.pass || !this.lost.size || !this.deps.isRunning()) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const ids = [...this.lost];
      this.lost.clear();
      this.pass = this.run(ids)
        .catch((err: unknown) => log.error({ err }, 'fast re-poll failed; the full cycle will show the nodes'))
        .finally(() => {
          this.pass = null;
          this.arm();
        });
    }, this.delayMs);
  }

  /**
   * A full publish reads the registry, yields, then announces: no fast pass may announce in
   * between, or the publish would replace a newer topology with an older one. Returns the
   * release, to call once the publish's topology is current (with the observations it was
   * derived from), or with nothing when the publish failed.
   */
  hold(): (observations?: NodeObservation[]) => void {
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));
    this.held = held;
    return (observations) => {
      if (observations) this.published = observations;
      if (this.held === held) this.held = null;
      open();
    };
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lost.clear();
    await this.pass;
  }

  private async run(ids: string[]): Promise<void> {
    const results = await Promise.all(ids.map(async (id) => [id, await this.deps.poll(id)] as const));
    const failed = results.filter(([, r]) => !r.ok);
    if (!failed.length) return;
    // The registry and the published list change only when no full publish is half done.
    while (this.held) await this.held;
    if (!this.deps.isRunning()) return;
    this.apply(failed);
  }

  /** Synchronous: the failures into the registry and, when anything changed, out as a topology. */
  private apply(failed: ReadonlyArray<readonly [string, PollResult]>): void {
    const { registry } = this.deps;
    const replaced = new Map<string, NodeObservation>();
    for (const [id, result] of failed) {
      const rec = registry.records.get(id);
      // Gone meanwhile, or answered a full-cycle poll after this one failed: the newer word stands.
      if (!rec || (rec.reachable && (rec.infoAt ?? 0) > result.at)) continue;
      registry.applyResult(id, result, { started: result.at, rereads: new Set(), referenced: new Set(), polled: new Set() });
      replaced.set(id, observationOf(rec));
      log.debug({ node: id, code: result.ok ? undefined : result.error.code }, 'lost node does not answer; shown unreachable now');
    }
    const base = this.published;
    // Before the first publish, or a node the last one did not show: the next full cycle shows it.
    if (!base || !base.some((o) => replaced.has(o.id))) return;
    const observations = base.map((o) => replaced.get(o.id) ?? o);
    const now = Date.now();
    const topology = this.deps.derive(observations, now);
    const { delta, events } = diffTopology(this.deps.current(), topology, () => this.deps.nextEventId(now));
    // Already shown unreachable (the full cycle got there first): nothing is news.
    if (!events.length && isEmptyDelta(delta)) return;
    this.published = observations;
    this.deps.announce(topology, delta, events);
  }
}
