// Long history: every poll cycle is folded into per-minute and per-15-minute buckets in memory
// and written to SQLite every `flushEveryMs` (never on the poll path), a slice of rows per
// event-loop task, then old buckets are pruned. Chart queries past the raw 1 h and the reports read from here.
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
import { yieldToLoop } from '../monitor/slices';
import type { Db } from '../store/database';
import { RollupStore } from './rollup-store';

const log = logger('history');

export type RollupSettings = Config['history']['rollups'];
export const MINUTE_MS = 60_000;
export const QUARTER_MS = 15 * 60_000;
/**
 * Rows per transaction of a timed flush. At 1,000 nodes a flush is ≈ 30,000 rows: one
 * transaction held the event loop for 130–270 ms (more on a busy machine) once a minute.
 */
export const FLUSH_SLICE = 2000;

export class HistoryService {
  readonly store: RollupStore;
  private readonly acc = new RollupAccumulator([MINUTE_MS, QUARTER_MS]);
  private timer: NodeJS.Timeout | null = null;
  private readonly keep;
  /** Drained rows a sliced flush has not written yet (queries count them as pending). */
  private unwritten: RollupRow[] = [];
  private flushing = false;
  /** After stop() the database may close: a sliced flush under way touches it no more. */
  private stopped = false;

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
    this.timer = setInterval(() => void this.flushInSlices(), this.settings.flushEveryMs);
    this.timer.unref();
  }

  /** Adds one sample to the open buckets (written at the next flush). */
  record(nodeId: string, t: number, values: RollupValues): void {
    this.acc.add(nodeId, t, values);
  }

  /** Writes everything collected now, in one transaction, and prunes (at stop, and in tests). */
  flush(): void {
    const rows = [...this.unwritten, ...this.acc.drain()];
    this.unwritten = [];
    if (this.write(rows)) this.prune();
  }

  /**
   * The timed flush: what was collected, FLUSH_SLICE rows per transaction and event-loop task,
   * then the prune. Rows wait in `unwritten` until their slice is written, so a chart or report
   * read meanwhile still counts them. A flush already under way is left to finish.
   */
  async flushInSlices(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      this.unwritten = [...this.unwritten, ...this.acc.drain()];
      // flush() (at stop) may write the rest between two slices: then nothing is left here.
      while (this.unwritten.length && !this.stopped) {
        const slice = this.unwritten.slice(0, FLUSH_SLICE);
        if (!this.write(slice)) return void (this.unwritten = []);
        this.unwritten = this.unwritten.slice(slice.length);
        if (this.unwritten.length) await yieldToLoop();
      }
      if (!this.stopped) this.prune();
    } finally {
      this.flushing = false;
    }
  }

  /** One transaction; a failure is logged and its rows are lost (as the whole batch was). */
  private write(rows: RollupRow[]): boolean {
    try {
      this.store.write(rows);
      return true;
    } catch (err) {
      log.error({ err, rows: rows.length }, 'could not write the history rollups');
      return false;
    }
  }

  private prune(): void {
    try {
      const pruned = this.store.prune(retentionCutoffs(this.now(), this.keep));
      if (pruned) log.debug({ pruned }, 'old history buckets pruned');
    } catch (err) {
      log.error({ err }, 'could not prune the history rollups');
    }
  }

  /** Collected rows not in the store yet: open buckets and a sliced flush's unwritten rows. */
  private pending(filter: (r: RollupRow) => boolean): RollupRow[] {
    return [...this.unwritten.filter(filter).map((r) => ({ ...r })), ...this.acc.peek(filter)];
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
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
    const pending = this.pending(
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
    const pending = this.pending((r) => r.resMs === resMs && r.bucket >= from && r.bucket < to);
    return { resMs, rows: mergeRows([...this.store.range(resMs, from, to), ...pending]) };
  }
}
