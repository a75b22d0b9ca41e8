// Runs the diagnosis rules after every poll cycle: builds the input from the monitor, applies
// hysteresis with the finding tracker, and hands changes to the incident service. Findings from
// elsewhere (consistency checks, canaries) join through `report()`.
import type { Finding } from '../../lib/contracts';
import { diagnose } from '../../lib/diagnosis/diagnose';
import type { DiagnosisSettings, FindingCandidate, LogEvidenceLine } from '../../lib/diagnosis/diagnosis-input';
import { FindingTracker } from '../../lib/diagnosis/finding-tracker';
import { rootOf } from '../../lib/diagnosis/grouping';
import type { Config } from '../config';
import type { FindingChange, IncidentService } from '../incidents/incident-service';
import { logger } from '../logger';
import type { CycleReport, Monitor } from '../monitor/monitor';
import type { IncidentStore } from '../store/incident-store';

const log = logger('diagnosis');
/** Open findings' latest evidence is written back this often (cycles), not on every poll. */
const PERSIST_EVERY = 10;

export type LogEvidenceSource = (sinceMs: number) => LogEvidenceLine[];

export class DiagnosisService {
  private readonly tracker: FindingTracker;
  private readonly settings: DiagnosisSettings;
  private readonly external = new Map<string, { candidate: FindingCandidate; until: number }>();
  private cycles = 0;
  private logSource: LogEvidenceSource = () => [];
  private readonly onCycle = (r: CycleReport) => this.run(r);

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

  start(): void {
    this.monitor.on('cycle', this.onCycle);
  }

  stop(): void {
    this.monitor.off('cycle', this.onCycle);
  }

  /** Log lines become evidence once log ingestion is wired. */
  useLogs(source: LogEvidenceSource): void {
    this.logSource = source;
  }

  /** A finding candidate from outside the poll (a data comparison, a canary), kept for `ttlMs`. */
  report(candidate: FindingCandidate, ttlMs: number): void {
    this.external.set(candidate.key, { candidate, until: Date.now() + ttlMs });
  }

  clearReport(key: string): void {
    this.external.delete(key);
  }

  openFindings(): Finding[] {
    return this.tracker.open();
  }

  private run(report: CycleReport): void {
    const now = report.topology.generatedAt;
    let candidates: FindingCandidate[];
    try {
      candidates = diagnose({
        now,
        topology: report.topology,
        nodes: this.monitor.nodeViews(),
        events: this.monitor.eventsSince(now - this.settings.resyncWindowMs),
        history: (id, metric, since) => this.monitor.historyOf(id, metric, since) ?? [],
        logs: this.logSource(now - this.settings.resyncWindowMs),
        settings: this.settings,
      });
    } catch (err) {
      // One broken rule must not stop monitoring; the rest of the cycle already went out.
      log.error({ err }, 'diagnosis failed this cycle');
      return;
    }
    for (const [key, e] of this.external) {
      if (e.until < now) this.external.delete(key);
      else candidates.push(e.candidate);
    }
    const update = this.tracker.update(candidates, now);
    const keys = new Map(this.tracker.tracked().map((t) => [t.finding.id, t.key]));
    const change = (f: Finding): FindingChange => ({
      finding: f,
      key: keys.get(f.id) ?? `${f.kind}:${f.nodeId ?? ''}`,
      rootNodeId: this.tracker.rootNodeIdOf(f.id) ?? rootOf(f, report.topology),
    });
    try {
      this.incidents.apply(
        { opened: update.opened.map(change), updated: update.updated.map(change), resolved: update.resolved.map(change) },
        report.topology,
        now,
      );
      if (++this.cycles % PERSIST_EVERY === 0) this.incidents.refreshOpen(update.open.map(change));
    } catch (err) {
      log.error({ err }, 'could not record findings');
    }
  }
}
