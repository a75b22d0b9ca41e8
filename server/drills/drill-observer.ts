// What the dashboard said while a drill ran: findings as they opened (timed when announced,
// which is what an operator sees), the incidents they joined (tagged `drill`, with the drill's
// steps on their timelines), and whether the topology is healthy now.
import type { Finding, Topology, TimelineEntryType } from '../../lib/contracts';
import type { FindingRef, HealthProblem, ObservedFinding } from '../../lib/drills/scorecard';
import { SETUP_KINDS, type DrillScenario } from '../../lib/drills/scenario-types';
import type { IncidentService } from '../incidents/incident-service';
import type { CycleReport, Monitor } from '../monitor/monitor';
import type { NewTimelineEntry } from '../store/incident-store';

export const DRILL_TAG = 'drill';

type StepEntry = Omit<NewTimelineEntry, 'incidentId'>;

export class DrillObserver {
  readonly findings: ObservedFinding[] = [];
  readonly incidentIds: string[] = [];
  private readonly steps: StepEntry[] = [];
  private healthySince: number | null = null;
  private readonly onOpened = (f: Finding) => this.record(f, false);
  private readonly onUpdated = (f: Finding) => this.recordUpdate(f);
  private readonly onCycle = (r: CycleReport) => this.judge(r.topology);

  constructor(
    private readonly incidents: IncidentService,
    private readonly monitor: Monitor,
    private readonly scenario: DrillScenario,
    /** Node ids whose replica links must all be up, in a topology (a failover changes them). */
    private readonly replicaIds: (topology: Topology) => readonly string[],
    private readonly onIncident: (id: string) => void = () => undefined,
  ) {}

  start(): void {
    for (const f of this.incidents.findings('open', 1000)) this.record(f, true);
    this.incidents.on('finding-opened', this.onOpened);
    this.incidents.on('finding-updated', this.onUpdated);
    this.monitor.on('cycle', this.onCycle);
    this.judge(this.monitor.snapshot().topology);
  }

  stop(): void {
    this.incidents.off('finding-opened', this.onOpened);
    this.incidents.off('finding-updated', this.onUpdated);
    this.monitor.off('cycle', this.onCycle);
  }

  private record(f: Finding, wasOpenBefore: boolean): void {
    const o: ObservedFinding = {
      id: f.id,
      kind: f.kind,
      severity: f.severity,
      openedAt: wasOpenBefore ? f.openedAt : Date.now(),
      wasOpenBefore,
    };
    if (f.cause) o.cause = f.cause;
    if (f.nodeId) o.nodeId = f.nodeId;
    this.findings.push(o);
    // Incidents already open before the drill are not the drill's.
    if (!wasOpenBefore && f.incidentId) this.adopt(f.incidentId);
  }

  /**
   * A finding's cause or severity can change after it opened (link_down first blames a dead
   * upstream, then the log proves "connection refused"): each version is an observation, timed
   * when announced, so an expected cause is timed from when the dashboard first said it.
   */
  private recordUpdate(f: Finding): void {
    const last = this.findings.filter((o) => o.id === f.id).at(-1);
    if (!last || (last.cause === f.cause && last.severity === f.severity)) return;
    this.record(f, false);
  }

  /** Tags a new drill incident and writes the steps so far on its timeline. */
  private adopt(incidentId: string): void {
    if (this.incidentIds.includes(incidentId)) return;
    this.incidentIds.push(incidentId);
    this.incidents.tagIncidents([incidentId], DRILL_TAG);
    for (const s of this.steps) this.incidents.addEntry({ ...s, incidentId });
    this.onIncident(incidentId);
  }

  /** One timeline line per drill step, on every drill incident (now and later ones). */
  note(
    type: Extract<TimelineEntryType, 'action' | 'note'>,
    summary: string,
    summaryZh: string,
    data: Record<string, unknown>,
    actor: string,
  ): void {
    const entry: StepEntry = { at: Date.now(), type, actor, summary, summaryZh, data };
    this.steps.push(entry);
    for (const id of this.incidentIds) this.incidents.addEntry({ ...entry, incidentId: id });
  }

  /** Whether a finding matching kind (+ cause) opened since `since`, or is open now. */
  hasFinding(
    kind: Finding['kind'],
    cause: Finding['cause'] | undefined,
    since: number,
  ): ObservedFinding | undefined {
    const hit = (f: { kind: string; cause?: string }) =>
      f.kind === kind && (cause === undefined || f.cause === cause);
    const opened = this.findings.find((f) => hit(f) && !f.wasOpenBefore && f.openedAt >= since);
    if (opened) return opened;
    const open = this.incidents.findings('open', 1000).find(hit);
    return open ? this.findings.find((f) => f.id === open.id && hit(f)) : undefined;
  }

  /** Replicas whose link to their upstream is not up. */
  linksDown(topology: Topology = this.monitor.snapshot().topology): string[] {
    return this.replicaIds(topology).filter((id) => {
      const link = topology.links.find((l) => l.replica === id);
      return !link || link.linkStatus !== 'up';
    });
  }

  /**
   * Warning/critical findings open now, minus those the scenario lets outlive the repair and
   * those open before the drill that it is not about (a shared sandbox may carry old ones).
   */
  openProblems(): Finding[] {
    const expected = new Set(this.scenario.expect.map((e) => e.kind));
    const before = new Set(
      this.findings.filter((f) => f.wasOpenBefore && !expected.has(f.kind)).map((f) => f.id),
    );
    return this.incidents
      .findings('open', 1000)
      .filter(
        (f) =>
          f.severity !== 'info' &&
          !this.scenario.mayStayOpen.includes(f.kind) &&
          !(SETUP_KINDS.includes(f.kind) && !expected.has(f.kind)) &&
          !before.has(f.id),
      );
  }

  /** Why the topology is not healthy now, as ids; undefined when it is. */
  healthProblemParts(topology: Topology = this.monitor.snapshot().topology): HealthProblem | undefined {
    const linksDown = this.linksDown(topology);
    const open: FindingRef[] = this.openProblems().map((f) => ({
      kind: f.kind,
      severity: f.severity,
      ...(f.cause ? { cause: f.cause } : {}),
      ...(f.nodeId ? { nodeId: f.nodeId } : {}),
    }));
    return linksDown.length || open.length ? { linksDown, open } : undefined;
  }

  private judge(topology: Topology): void {
    const problem = this.healthProblemParts(topology);
    if (problem !== undefined) {
      this.healthySince = null;
      this.lastProblemParts = problem;
    } else this.healthySince ??= Date.now();
  }

  /** The last thing that kept the topology unhealthy (what recovery waited on). */
  lastProblemParts: HealthProblem | undefined;

  get lastProblem(): string | undefined {
    return problemLine(this.lastProblemParts);
  }

  /** Since when the topology has been healthy without a break; null = it is not now. */
  get healthyFrom(): number | null {
    return this.healthySince;
  }
}

/** A health problem in one English line (the scorecard's `detail`, the logs). */
export function problemLine(p: HealthProblem | undefined): string | undefined {
  if (!p) return undefined;
  const open = p.open.map(
    (f) => `${f.kind}${f.cause ? ` (${f.cause})` : ''} ${f.severity}${f.nodeId ? ` on ${f.nodeId}` : ''}`,
  );
  const parts = [
    ...(p.linksDown.length ? [`links not up: ${p.linksDown.join(', ')}`] : []),
    ...(open.length ? [`open: ${open.join(', ')}`] : []),
  ];
  return parts.length ? parts.join('; ') : undefined;
}
