// Wiring of long history and reports, in one call from the composition root: the history
// subscribes to the monitor's cycles (and the heartbeat), the report routes are registered and
// the scheduled delivery starts.
import type { Config } from '../config';
import type { HeartbeatService } from '../heartbeat/heartbeat-service';
import type { HistoryService } from '../history/history-service';
import { reportRoutes } from '../http/reports.routes';
import type { Router } from '../http/router';
import type { LogService } from '../logs/log-service';
import type { Monitor } from '../monitor/monitor';
import type { Db } from '../store/database';
import { ReportScheduler } from './report-scheduler';
import { ReportService } from './report-service';

export function attachReports(
  router: Router,
  deps: {
    db: Db;
    config: Config;
    monitor: Monitor;
    history: HistoryService;
    heartbeat: HeartbeatService | null;
    logs: LogService;
  },
): { reports: ReportService; stop(): Promise<void> } {
  deps.history.attach(deps.monitor, deps.heartbeat);
  const reports = new ReportService({
    db: deps.db,
    config: deps.config,
    monitor: deps.monitor,
    history: deps.history,
    logs: deps.logs,
  });
  const scheduler = new ReportScheduler(deps.db, reports, deps.config);
  reportRoutes(router, reports, scheduler);
  scheduler.start();
  return {
    reports,
    // The scheduler first (a send in flight reads the store), then the last history flush.
    stop: async () => {
      await scheduler.stop();
      deps.history.stop();
    },
  };
}
