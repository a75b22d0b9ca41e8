// Long history: every poll cycle is folded into per-minute and per-15-minute buckets in memory
// and written to SQLite in one batch every `flushEveryMs` (never on the poll path), then old
// buckets are pruned. Chart queries past the raw 1 h and the reports read from here.
import type { HeartbeatSample, HistoryMetric } from '../../lib/contracts';
import { cycleValues } from '../../lib/history/cycle-values';
import {
  isRollupMetric,
  mergeRows,
  pickResolution,
  retentionCutoffs,
  rowsToPoints,
  RollupAccumulator,
  type RollupMetric,
  type RollupRow,
  type RollupValues,
} from '../../lib/history/rollup';
import type { Config } from '../config';
import { logger } from '../logger';
import type { Monitor } from '../monitor/monitor';
import type { Db } from '../store/database';
import { RollupStore } from './rollup-store';

const log = logger('history');

export type RollupSettings = Config['history']['rollups'];
export const MINUTE_MS = 60_000;
export const QUARTER_MS = 15 * 60_000;

export class HistoryService {
  readonly store: RollupStore;
  private readonly acc = new RollupAccumulator([MINUTE_MS, QUARTER_MS]);
  private timer: NodeJS.Timeout | null = null;
  private readonly keep;

  constructor(
    db: Db,
    private readonly settings: RollupSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new RollupStore(db);
    this.keep = [
      { resMs: MINUTE_MS, retentionMs: settings.minuteRetentionMs },
      { resMs: QUARTER_MS, retentionMs: settings.quarterRetentionMs },
    ];
  }

  /** Subscribes to the monitor's cycles (and the heartbeat's samples when it runs). */
  attach(
    monitor: Monitor,
    heartbeat?: { on(e: 'samples', fn: (s: HeartbeatSample[]) => void): unknown } | null,
  ): void {
    let last = 0;
    monitor.on('cycle', (report) => {
      const t = report.topology.generatedAt;
      // A gap longer than a few intervals is the server not watching, not the node being down.
      const dt = last && t - last <= 5 * monitor.intervalMs ? t - last : monitor.intervalMs;
      last = t;
      for (const [id, values] of cycleValues(
        report.topology,
        report.samples,
        monitor.nodeViews(),
        t,
        dt,
      ))
        this.record(id, t, values);
    });
    heartbeat?.on('samples', (samples) => {
      for (const s of samples)
        if (s.delayMs !== null) this.record(s.nodeId, s.t, { realDelayMs: s.delayMs });
    });
    this.timer = setInterval(() => this.flush(), this.settings.flushEveryMs);
    this.timer.unref();
  }

  /** Adds one sample to the open buckets (written at the next flush). */
  record(nodeId: string, t: number, values: RollupValues): void {
    this.acc.add(nodeId, t, values);
  }

  /** Writes what was collected and prunes buckets past their retention. */
  flush(): void {
    const rows = this.acc.drain();
    try {
      this.store.write(rows);
      const pruned = this.store.prune(retentionCutoffs(this.now(), this.keep));
      if (pruned) log.debug({ pruned }, 'old history buckets pruned');
    } catch (err) {
      log.error({ err, rows: rows.length }, 'could not write the history rollups');
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flush();
  }

  /** Points for a chart range: the finest resolution that still covers `sinceMs`. */
  points(
    nodeId: string,
    metric: HistoryMetric | RollupMetric,
    sinceMs: number,
  ): Array<{ t: number; v: number | null; min: number; max: number }> {
    if (!isRollupMetric(metric)) return []; // e.g. `keys`: kept 1 h in memory only
    const resMs = pickResolution(this.now(), sinceMs, this.keep) ?? QUARTER_MS;
    const pending = this.acc.peek(
      (r) => r.resMs === resMs && r.nodeId === nodeId && r.metric === metric && r.bucket >= sinceMs,
    );
    return rowsToPoints(
      mergeRows([
        ...this.store.series(resMs, nodeId, metric, sinceMs, Number.MAX_SAFE_INTEGER),
        ...pending,
      ]),
    );
  }

  /** All rows of a period, at the finest resolution that still holds its start. */
  period(from: number, to: number): { resMs: number; rows: RollupRow[] } {
    const resMs = pickResolution(this.now(), from, this.keep) ?? QUARTER_MS;
    // Buckets not flushed yet count too: a report asked for now includes the last minute.
    const pending = this.acc.peek((r) => r.resMs === resMs && r.bucket >= from && r.bucket < to);
    return { resMs, rows: mergeRows([...this.store.range(resMs, from, to), ...pending]) };
  }
}
