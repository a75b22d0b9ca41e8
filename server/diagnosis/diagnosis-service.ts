// Runs the diagnosis rules after every poll cycle: builds the input from the monitor, applies
// hysteresis with the finding tracker, and hands changes to the incident service. Findings from
// elsewhere (consistency checks, canaries) join through `report()`.
import { diagnoseInSteps } from '../../lib/diagnosis/diagnose';
import type { DiagnosisSettings, FindingCandidate, LogEvidenceLine } from '../../lib/diagnosis/diagnosis-input';
import type { FindingKey } from '../../lib/diagnosis/finding-key';
import { FindingTracker, type FindingSnapshot } from '../../lib/diagnosis/finding-tracker';
import { rootOf } from '../../lib/diagnosis/grouping';
import type { Config } from '../config';
import type { FindingChange, IncidentService } from '../incidents/incident-service';
import { logger } from '../logger';
import type { CycleReport, Monitor } from '../monitor/monitor';
import type { IncidentStore } from '../store/incident-store';
import { yieldToLoop } from '../monitor/slices';

const log = logger('diagnosis');
/** Open findings' latest evidence is written back this often (cycles), not on every poll. */
const PERSIST_EVERY = 10;

export type LogEvidenceSource = (sinceMs: number) => LogEvidenceLine[];

export class DiagnosisService {
  private readonly tracker: FindingTracker;
  private readonly settings: DiagnosisSettings;
  private readonly external = new Map<FindingKey, { candidate: FindingCandidate; until: number }>();
  private cycles = 0;
  private logSource: LogEvidenceSource = () => [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    config: Config,
    private readonly monitor: Monitor,
    private readonly incidents: IncidentService,
    private readonly store: IncidentStore,
  ) {
    const d = config.diagnosis;
    this.settings = { ...config.thresholds, ...d };
    let seq = 0;
    this.tracker = new FindingTracker(
      {
        openAfter: d.openAfterPolls,
        closeAfter: d.closeAfterPolls,
        newId: () => `f-${Date.now().toString(36)}-${(++seq).toString(36)}`,
      },
      store.openFindingsWithKeys(),
    );
  }

  /** Runs within each cycle, before its 'cycle' listeners (the socket feed) hear of it. */
  start(): void {
    this.unsubscribe ??= this.monitor.addCycleStep((r) => this.run(r));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Log lines become evidence once log ingestion is wired. */
  useLogs(source: LogEvidenceSource): void {
    this.logSource = source;
  }

  /** A finding candidate from outside the poll (a data comparison, a canary), kept for `ttlMs`. */
  report(candidate: FindingCandidate, ttlMs: number): void {
    this.external.set(candidate.key, { candidate, until: Date.now() + ttlMs });
  }

  clearReport(key: FindingKey): void {
    this.external.delete(key);
  }

  private async run(report: CycleReport): Promise<void> {
    const now = report.topology.generatedAt;
    let candidates: FindingCandidate[];
    try {
      // One rule per event-loop task: at 1,000 nodes the whole set in one piece held the loop.
      candidates = await diagnoseInSteps({
        now,
        topology: report.topology,
        nodes: this.monitor.nodeViews(),
        events: this.monitor.eventsSince(now - this.settings.resyncWindowMs),
        history: (id, metric, since, opts) => this.monitor.historyOf(id, metric, since, opts) ?? [],
        logs: this.logSource(now - this.settings.resyncWindowMs),
        settings: this.settings,
      }, yieldToLoop);
    } catch (err) {
      // One broken rule must not stop monitoring; the rest of the cycle already went out.
      log.error({ err }, 'diagnosis failed this cycle');
      return;
    }
    for (const [key, e] of this.external) {
      if (e.until < now) this.external.delete(key);
      else candidates.push(e.candidate);
    }
    // Keys of resolved findings are gone from the tracker: take them before the update.
    const before = new Map(this.tracker.tracked().map((t) => [t.finding.id, t]));
    const update = this.tracker.update(candidates, now);
    const tracked = new Map(this.tracker.tracked().map((t) => [t.finding.id, t]));
    const change = (f: FindingSnapshot): FindingChange[] => {
      const t = tracked.get(f.id) ?? before.get(f.id);
      if (!t) return [];
      return [{ finding: f, key: t.key, rootNodeId: t.rootNodeId ?? rootOf(f, report.topology) }];
    };
    try {
      const filed = this.incidents.apply(
        { opened: update.opened.flatMap(change), updated: update.updated.flatMap(change), resolved: update.resolved.flatMap(change) },
        report.topology,
        now,
        this.monitor.eventsSince(now - this.settings.resyncWindowMs),
      );
      for (const [findingId, incidentId] of filed) this.tracker.linkIncident(findingId, incidentId);
      if (++this.cycles % PERSIST_EVERY === 0) this.incidents.refreshOpen(this.tracker.open().flatMap(change));
    } catch (err) {
      log.error({ err }, 'could not record findings');
    }
  }
}
