// Gathers a period's data from the stores (rollups, incidents, checks, drills, Redis logs) and
// the live topology, and hands it to the pure report builder.
import type { CheckRun } from '../../lib/contracts';
import { canaryCandidates, inconsistencyCandidate } from '../../lib/consistency/finding-candidates';
import { num, str } from '../../lib/info/info-numbers';
import { periodBounds } from '../../lib/reports/period-stats';
import { buildReport } from '../../lib/reports/report-builder';
import {
  incidentBase,
  type HealthReport,
  type ReportInput,
  type ReportNodeInfo,
  type ReportPeriod,
} from '../../lib/reports/report-types';
import type { Config } from '../config';
import { CheckStore } from '../consistency/check-store';
import { DrillStore } from '../drills/drill-store';
import type { HistoryService } from '../history/history-service';
import type { LogService } from '../logs/log-service';
import type { Monitor } from '../monitor/monitor';
import type { Db } from '../store/database';
import { IncidentStore } from '../store/incident-store';

export interface ReportSources {
  db: Db;
  config: Pick<Config, 'topology' | 'thresholds' | 'advice'>;
  monitor: Pick<Monitor, 'snapshot' | 'nodeViews'>;
  history: HistoryService;
  logs?: Pick<LogService, 'list'> | null;
  now?: () => number;
  /** Minutes east of UTC the day/week/month starts in; the server's zone by default. */
  tzOffsetMinutes?: (at: number) => number;
}

const checkOk = (run: CheckRun): boolean =>
  run.kind === 'compare'
    ? inconsistencyCandidate(run) === null
    : canaryCandidates(run).length === 0;

export class ReportService {
  private readonly incidents: IncidentStore;
  private readonly checks: CheckStore;
  private readonly drills: DrillStore;

  constructor(private readonly src: ReportSources) {
    this.incidents = new IncidentStore(src.db);
    this.checks = new CheckStore(src.db);
    this.drills = new DrillStore(src.db);
  }

  build(period: ReportPeriod, at?: number): HealthReport {
    const now = (this.src.now ?? Date.now)();
    const when = at ?? now;
    const tz = this.src.tzOffsetMinutes?.(when) ?? -new Date(when).getTimezoneOffset();
    const { from, to } = periodBounds(period, when, tz);
    const { resMs, rows } = this.src.history.period(from, to);
    const input: ReportInput = {
      period,
      from,
      to,
      generatedAt: now,
      topology: this.src.config.topology.name,
      resolutionMs: resMs,
      rows,
      nodes: this.nodes(rows.map((r) => r.nodeId)),
      incidents: this.incidents.incidents({ since: from, until: to, limit: 1000 }).map((i) => ({
        ...incidentBase(i),
        nodeIds: i.nodeIds,
        tags: i.tags,
      })),
      checkRuns: this.checks
        .list(1000)
        .filter((r) => r.startedAt >= from && r.startedAt < to)
        .map((r) => ({ kind: r.kind, startedAt: r.startedAt, state: r.state, ok: checkOk(r) })),
      drills: this.drills
        .list(1000)
        .filter((d) => d.startedAt >= from && d.startedAt < to)
        .map((d) => ({
          scenario: d.scenario,
          startedAt: d.startedAt,
          state: d.state,
          ...(d.scorecard ? { passed: d.scorecard.passed } : {}),
        })),
      logErrors: this.logErrors(from, to),
      thresholds: this.src.config.thresholds,
      advice: this.src.config.advice,
    };
    return buildReport(input);
  }

  /** Nodes of the live topology, plus nodes only the period's history knows (gone since). */
  private nodes(historyIds: string[]): ReportNodeInfo[] {
    const views = new Map(this.src.monitor.nodeViews().map((v) => [v.id, v]));
    const topo = this.src.monitor.snapshot().topology;
    const out: ReportNodeInfo[] = topo.nodes.map((n) => {
      const v = views.get(n.id);
      const info = v?.info?.sections;
      const lastSave = info ? num(info, 'persistence', 'rdb_last_save_time') : undefined;
      const backlog = info ? num(info, 'replication', 'repl_backlog_size') : undefined;
      return {
        id: n.id,
        role: n.role,
        host: n.host,
        ...(v?.upstream ? { upstream: v.upstream } : {}),
        ...(v?.config ? { config: v.config } : {}),
        ...(info
          ? {
              rdbBgsaveStatus: str(info, 'persistence', 'rdb_last_bgsave_status'),
              aofEnabled: num(info, 'persistence', 'aof_enabled') === 1,
              aofRewriteStatus: str(info, 'persistence', 'aof_last_bgrewrite_status'),
            }
          : {}),
        ...(lastSave
          ? { rdbLastSaveAgeSeconds: Math.max(0, Math.round(Date.now() / 1000 - lastSave)) }
          : {}),
        ...(backlog !== undefined ? { replBacklogBytes: backlog } : {}),
        ...(v?.metrics?.maxmemoryBytes ? { maxmemoryBytes: v.metrics.maxmemoryBytes } : {}),
      };
    });
    const known = new Set(out.map((n) => n.id));
    for (const id of new Set(historyIds)) {
      if (known.has(id)) continue;
      // Not in the live topology: gone since, or the first cycle after a restart has not been
      // published yet — then the monitor still knows its role from the node memory.
      const v = views.get(id);
      out.push({ id, role: v?.role ?? 'unknown', host: id.slice(0, id.lastIndexOf(':')), ...(v?.upstream ? { upstream: v.upstream } : {}) });
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  private logErrors(from: number, to: number): ReportInput['logErrors'] {
    if (!this.src.logs) return null;
    const counts = new Map<string, { nodeId: string; category: string; count: number }>();
    for (const e of this.src.logs.list({ since: from, until: to, limit: 100_000 }).lines) {
      // Normal lines count as "this node's log is read" (count 0), abnormal ones by category.
      const category = e.verdict === 'normal' ? '*' : e.category;
      const key = `${e.nodeId}|${category}`;
      const c = counts.get(key) ?? { nodeId: e.nodeId, category, count: 0 };
      if (category !== '*') c.count += e.count;
      counts.set(key, c);
    }
    return [...counts.values()];
  }
}
