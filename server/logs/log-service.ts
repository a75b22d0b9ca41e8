// The log store: lines from tailed files and HTTP ingest are parsed, classified, linked to their
// peer node, folded into storm rows and kept in bounded memory. Knows nothing of sockets or HTTP:
// it answers queries and emits `lines` for the live tail.
import { EventEmitter } from 'node:events';
import type { LogEntry, LogLinesEvent, LogListResponse, LogQuery, LogRawLine } from '../../lib/contracts';
import type { LogEvidenceLine } from '../../lib/diagnosis/diagnosis-input';
import { classifyLogLine } from '../../lib/logs/log-classifier';
import { parseLogLine } from '../../lib/logs/log-parser';
import type { PeerAddress } from '../../lib/logs/log-types';
import { StormFolder, type FoldedRow } from '../../lib/logs/storm-folder';
import { logger } from '../logger';
import { FileTail } from './file-tail';
import { causeOf, peerAddressId, recordToRaw, rowToEntry, type RawRecord } from './log-entries';
import { LOG_INGEST_DEFAULTS, type LogIngestConfig, type LogSourceConfig } from './log-config';
import { Ring } from './ring';

const log = logger('logs');
const MAX_EVIDENCE = 1000;

export interface LogServiceOptions {
  /** Maps any address of a node to its id (the monitor's `canonical`). Default: identity. */
  canonical?: (id: string) => string;
  retentionLines?: number;
  retentionMs?: number;
  maxRows?: number;
  /** Repeats further apart than this start a new row. Default 60 s (StormFolder's). */
  foldWindowMs?: number;
  pollMs?: number;
  /** Lines processed per macrotask before yielding with setImmediate. Default 1000. */
  chunkLines?: number;
  /** Ingest beyond this many queued lines is refused (file tails wait instead). Default 500k. */
  maxQueuedLines?: number;
  now?: () => number;
}

export interface LogServiceEvents {
  lines: [LogLinesEvent];
}

interface Batch {
  nodeId: string;
  lines: string[];
  offset: number;
  tzOffsetMinutes: number;
  receivedAt: number;
  done: () => void;
}

/** This host's UTC offset right now (DST-aware), the default clock of a Redis on this host. */
export const localTzOffsetMinutes = (at = Date.now()): number => -new Date(at).getTimezoneOffset();

export class LogService extends EventEmitter<LogServiceEvents> {
  private readonly canonical: (id: string) => string;
  private readonly folder: StormFolder;
  private readonly ring: Ring<RawRecord>;
  private readonly retentionMs: number;
  private readonly pollMs: number;
  private readonly chunkLines: number;
  private readonly maxQueuedLines: number;
  private readonly now: () => number;
  private readonly tails: FileTail[] = [];
  private readonly queue: Batch[] = [];
  private queued = 0;
  private isPumping = false;
  private isRunning = false;
  private linesProcessed = 0;

  constructor(opts: LogServiceOptions = {}) {
    super();
    this.canonical = opts.canonical ?? ((id) => id);
    this.folder = new StormFolder({
      maxRows: opts.maxRows ?? LOG_INGEST_DEFAULTS.maxRows,
      ...(opts.foldWindowMs !== undefined ? { windowMs: opts.foldWindowMs } : {}),
    });
    this.ring = new Ring(opts.retentionLines ?? LOG_INGEST_DEFAULTS.retentionLines);
    this.retentionMs = opts.retentionMs ?? LOG_INGEST_DEFAULTS.retentionMs;
    this.pollMs = opts.pollMs ?? LOG_INGEST_DEFAULTS.pollMs;
    this.chunkLines = opts.chunkLines ?? 1000;
    this.maxQueuedLines = opts.maxQueuedLines ?? 500_000;
    this.now = opts.now ?? Date.now;
  }

  /** The service as configured: `logs` entries become file tails (started by start()). */
  static fromConfig(
    config: { logs: LogSourceConfig[]; logIngest: LogIngestConfig },
    canonical?: (id: string) => string,
  ): LogService {
    const { retentionLines, retentionMs, maxRows, pollMs } = config.logIngest;
    const service = new LogService({ canonical, retentionLines, retentionMs, maxRows, pollMs });
    for (const source of config.logs) service.addFile(source);
    return service;
  }

  /** Tails `file` for `node`; started at once when the service runs. */
  addFile(source: { node: string; file: string; backfillLines?: number; tzOffsetMinutes?: number }): FileTail {
    const tail = new FileTail({
      file: source.file,
      backfillLines: source.backfillLines ?? 1000,
      pollMs: this.pollMs,
      onLines: (lines) => this.ingest(source.node, lines, { tzOffsetMinutes: source.tzOffsetMinutes }),
    });
    this.tails.push(tail);
    if (this.isRunning) tail.start();
    return tail;
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    for (const t of this.tails) t.start();
    log.info({ files: this.tails.length }, 'log service started');
  }

  async stop(): Promise<void> {
    this.isRunning = false;
    await Promise.all(this.tails.map((t) => t.stop()));
    // Nobody may wait forever on lines that will not be processed.
    for (const b of this.queue.splice(0)) b.done();
    this.queued = 0;
  }

  /** False when `n` more lines would overflow the queue (HTTP ingest answers 429). */
  canAccept(n: number): boolean {
    return this.queued + n <= this.maxQueuedLines;
  }

  /** Queues raw lines of one node; resolves once they are stored and announced. */
  ingest(nodeId: string, lines: string[], opts: { tzOffsetMinutes?: number; receivedAt?: number } = {}): Promise<void> {
    if (!lines.length) return Promise.resolve();
    const receivedAt = opts.receivedAt ?? this.now();
    const tzOffsetMinutes = opts.tzOffsetMinutes ?? localTzOffsetMinutes(receivedAt);
    return new Promise((done) => {
      this.queue.push({ nodeId, lines, offset: 0, tzOffsetMinutes, receivedAt, done });
      this.queued += lines.length;
      if (!this.isPumping) {
        this.isPumping = true;
        setImmediate(() => this.pump());
      }
    });
  }

  /** One chunk per macrotask, so a 300k-line storm leaves room for the poll loop and HTTP. */
  private pump(): void {
    const touched = new Map<string, Map<number, FoldedRow>>();
    let budget = this.chunkLines;
    const nowMs = this.now();
    try {
      while (budget > 0 && this.queue.length) {
        const batch = this.queue[0]!;
        const nodeId = this.canonical(batch.nodeId);
        let rows = touched.get(nodeId);
        if (!rows) touched.set(nodeId, (rows = new Map()));
        const ctx = { nowMs, tzOffsetMinutes: batch.tzOffsetMinutes };
        const end = Math.min(batch.lines.length, batch.offset + budget);
        for (let i = batch.offset; i < end; i++) {
          const text = batch.lines[i]!;
          if (!text || text === '\r') continue;
          const line = parseLogLine(text, ctx);
          const cls = classifyLogLine(line.message);
          const row = this.folder.add({ nodeId, line, classification: cls, receivedAt: batch.receivedAt });
          this.ring.push({ nodeId, at: line.time ?? batch.receivedAt, receivedAt: batch.receivedAt, line, cls });
          rows.set(row.id, row);
        }
        const n = end - batch.offset;
        budget -= n;
        this.queued -= n;
        this.linesProcessed += n;
        batch.offset = end;
        if (batch.offset >= batch.lines.length) {
          this.queue.shift();
          batch.done();
        }
      }
    } catch (err) {
      // The parser and classifier are total; this guards against a bug dropping the whole queue.
      log.error({ err }, 'log processing failed; skipping the batch');
      const bad = this.queue.shift();
      if (bad) {
        this.queued -= bad.lines.length - bad.offset;
        bad.done();
      }
    }
    this.announce(touched);
    if (this.queue.length) setImmediate(() => this.pump());
    else this.isPumping = false;
  }

  private announce(touched: Map<string, Map<number, FoldedRow>>): void {
    if (!this.listenerCount('lines')) return;
    for (const [nodeId, rows] of touched) {
      if (rows.size) this.emit('lines', { nodeId, entries: [...rows.values()].map((r) => this.toEntry(r)) });
    }
  }

  /**
   * Folded rows, newest activity first. Retention ages rows by when they arrived, never by the
   * time written inside them: yesterday's log posted today is kept like today's.
   */
  query(q: Partial<LogQuery> & { limit?: number }): LogEntry[] {
    return this.list(q).lines;
  }

  /** `query` plus how much the `since`/`until` window left out (the REST answer). */
  list(q: Partial<LogQuery> & { limit?: number }): LogListResponse {
    const retainedSince = this.now() - this.retentionMs;
    const node = q.node ? this.canonical(q.node) : undefined;
    const needle = q.q?.toLowerCase();
    const hasWindow = q.since !== undefined || q.until !== undefined;
    const outside = { rows: 0, lines: 0 };
    const rows = this.folder.rows((r) => {
      const matches =
        r.receivedAt >= retainedSince &&
        (node === undefined || r.nodeId === node) &&
        (q.category === undefined || r.category === q.category) &&
        (q.verdict === undefined || r.verdict === q.verdict) &&
        (q.level === undefined || r.level === q.level) &&
        (needle === undefined || r.message.toLowerCase().includes(needle));
      if (!matches) return false;
      const inWindow = (q.since === undefined || r.lastAt >= q.since) && (q.until === undefined || r.firstAt <= q.until);
      if (!inWindow) {
        outside.rows += 1;
        outside.lines += r.count;
      }
      return inWindow;
    });
    rows.sort((a, b) => b.lastAt - a.lastAt || b.id - a.id);
    const lines = rows.slice(0, q.limit ?? 200).map((r) => this.toEntry(r));
    return hasWindow ? { lines, outsideWindow: outside } : { lines };
  }

  /** Raw lines of these nodes within ±windowMs of t, oldest first (incident timelines). */
  around(nodeIds: string[], t: number, windowMs: number, limit = 1000): LogRawLine[] {
    const nodes = new Set(nodeIds.map((id) => this.canonical(id)));
    const retainedSince = this.now() - this.retentionMs;
    const out: RawRecord[] = [];
    for (const r of this.ring.values()) {
      if (r.receivedAt >= retainedSince && Math.abs(r.at - t) <= windowMs && nodes.has(r.nodeId)) out.push(r);
    }
    out.sort((a, b) => a.at - b.at);
    // Too many: keep those closest to t, still in time order.
    const kept = out.length <= limit ? out : closest(out, t, limit);
    return kept.map((r) => this.toRaw(r));
  }

  /** Notable and abnormal rows active since `sinceMs` (epoch ms), newest last: diagnosis evidence. */
  recentEvidence(sinceMs: number): LogEvidenceLine[] {
    const retainedSince = this.now() - this.retentionMs;
    const rows = this.folder.rows((r) => r.verdict !== 'normal' && r.lastAt >= sinceMs && r.receivedAt >= retainedSince);
    rows.sort((a, b) => a.lastAt - b.lastAt || a.id - b.id);
    return rows.slice(-MAX_EVIDENCE).map((r) => {
      const e: LogEvidenceLine = {
        nodeId: r.nodeId,
        time: r.lastAt,
        message: r.message,
        category: r.category,
        verdict: r.verdict,
        count: r.count,
      };
      const cause = causeOf(r.classification);
      if (cause) e.causeHint = cause;
      return e;
    });
  }

  stats() {
    return {
      rows: this.folder.size,
      rowsEvicted: this.folder.evictedCount,
      rawLines: this.ring.size,
      queuedLines: this.queued,
      linesProcessed: this.linesProcessed,
      files: this.tails.map((t) => t.stats),
    };
  }

  private peerId(peer: PeerAddress | undefined): string | undefined {
    return peer ? this.canonical(peerAddressId(peer)) : undefined;
  }

  private toEntry(r: FoldedRow): LogEntry {
    return rowToEntry(r, this.peerId(r.classification.peer));
  }

  private toRaw(r: RawRecord): LogRawLine {
    return recordToRaw(r, this.peerId(r.cls.peer));
  }
}

function closest(sorted: RawRecord[], t: number, limit: number): RawRecord[] {
  const byDistance = [...sorted].sort((a, b) => Math.abs(a.at - t) - Math.abs(b.at - t)).slice(0, limit);
  return byDistance.sort((a, b) => a.at - b.at);
}
