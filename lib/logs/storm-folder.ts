// Folds repeated log lines into rows with a count and first/last time, so a replica that loops
// on a failed handshake (~10 distinct lines, thousands of times a second, interleaved) shows
// as ~10 rows instead of 300k. Pure and timer-free: time comes from the lines themselves.
import { classifyLogLine } from './log-classifier';
import type { Classification, LogLevel, LogLine, LogRole } from './log-types';

export interface FoldedRow {
  /** Unique per row; a storm that pauses longer than the window starts a new row. */
  id: number;
  /** nodeId + normalized message: what "the same line" means. */
  key: string;
  nodeId: string;
  /** The first occurrence's message, verbatim. */
  message: string;
  count: number;
  firstAt: number;
  lastAt: number;
  /** When the dashboard last received a line of this row (epoch ms): retention ages by this. */
  receivedAt: number;
  category: Classification['category'];
  verdict: Classification['verdict'];
  ruleId: string;
  classification: Classification;
  pid: number | null;
  role: LogRole | null;
  level: LogLevel | null;
  /** The first few raw lines, for "show me what it looked like". */
  samples: string[];
  lastRaw: string;
}

export interface StormFolderOptions {
  /** A repeat folds into the row if it comes at most this long after the row's last line. */
  windowMs?: number;
  /** Rows kept; the least recently updated row is evicted first. */
  maxRows?: number;
  /** Raw lines kept per row. */
  maxSamples?: number;
}

export interface FoldInput {
  nodeId: string;
  line: LogLine;
  /** Pass it when already computed; otherwise the folder classifies the message. */
  classification?: Classification;
  /** Arrival time: the time of lines without a timestamp (banners, garbage), and what retention ages by. */
  receivedAt?: number;
}

// One pass, ordered alternatives: replids and other long hex ids, client ids and socket
// addresses inside CLIENT LIST strings, node addresses (kept: different peers must not fold
// together), then any remaining number (offsets, pids, byte counts, lag).
const NORMALIZE_RE =
  /\b[0-9a-f]{16,}\b|\b((?:id|addr|fd|age|idle|qbuf|qbuf-free|argv-mem|multi-mem|rbs|rbp|obl|oll|omem|tot-mem)=)\S*|(\[[0-9a-fA-F:.]+\]:\d+|\b\d{1,3}(?:\.\d{1,3}){3}:\d+|\b[a-zA-Z][\w.-]*:\d{1,5}\b)|\d+/g;

/** The message with its variable parts masked; lines that differ only there fold together. */
export function normalizeLogMessage(message: string): string {
  return message.replace(
    NORMALIZE_RE,
    (match, field: string | undefined, addr: string | undefined) => {
      if (field) return `${field}…`;
      if (addr) return addr;
      return match.length >= 16 && /[a-f]/i.test(match) ? '<id>' : '#';
    },
  );
}

const DEFAULTS: Required<StormFolderOptions> = { windowMs: 60_000, maxRows: 5_000, maxSamples: 3 };

export class StormFolder {
  private readonly opts: Required<StormFolderOptions>;
  /** Rows in update order (Map keeps insertion order; an update re-inserts): LRU at the head. */
  private readonly rowsById = new Map<number, FoldedRow>();
  /** The row that is currently open for each key. */
  private readonly openByKey = new Map<string, FoldedRow>();
  private nextId = 1;
  private lastTime = 0;
  private evicted = 0;

  constructor(options: StormFolderOptions = {}) {
    this.opts = { ...DEFAULTS, ...options };
    if (this.opts.maxRows < 1) this.opts.maxRows = 1;
  }

  /** Folds one line; returns the row it landed in (new or updated). */
  add(input: FoldInput): FoldedRow {
    const { nodeId, line } = input;
    const at = line.time ?? input.receivedAt ?? this.lastTime;
    if (at > this.lastTime) this.lastTime = at;
    const receivedAt = input.receivedAt ?? at;
    const key = `${nodeId}\u0000${normalizeLogMessage(line.message)}`;
    const open = this.openByKey.get(key);

    // Out-of-order lines (two files merged) still fold if they sit inside the window.
    if (open && Math.abs(at - open.lastAt) <= this.opts.windowMs) {
      open.count += 1;
      if (at > open.lastAt) open.lastAt = at;
      if (at < open.firstAt) open.firstAt = at;
      if (receivedAt > open.receivedAt) open.receivedAt = receivedAt;
      open.lastRaw = line.raw;
      if (open.samples.length < this.opts.maxSamples) open.samples.push(line.raw);
      this.rowsById.delete(open.id);
      this.rowsById.set(open.id, open);
      return open;
    }

    const classification = input.classification ?? classifyLogLine(line.message);
    const row: FoldedRow = {
      id: this.nextId++,
      key,
      nodeId,
      message: line.message,
      count: 1,
      firstAt: at,
      lastAt: at,
      receivedAt,
      category: classification.category,
      verdict: classification.verdict,
      ruleId: classification.ruleId,
      classification,
      pid: line.pid,
      role: line.role,
      level: line.level,
      samples: this.opts.maxSamples > 0 ? [line.raw] : [],
      lastRaw: line.raw,
    };
    this.openByKey.set(key, row);
    this.rowsById.set(row.id, row);
    this.evict();
    return row;
  }

  addAll(nodeId: string, lines: Iterable<LogLine>): void {
    for (const line of lines) this.add({ nodeId, line });
  }

  /** Rows ordered by first occurrence (then creation), oldest first. */
  rows(filter?: (row: FoldedRow) => boolean): FoldedRow[] {
    const out: FoldedRow[] = [];
    for (const row of this.rowsById.values()) if (!filter || filter(row)) out.push(row);
    return out.sort((a, b) => a.firstAt - b.firstAt || a.id - b.id);
  }

  get size(): number {
    return this.rowsById.size;
  }

  /** Rows dropped by the maxRows bound since creation (surfaced so the UI can say "older rows trimmed"). */
  get evictedCount(): number {
    return this.evicted;
  }

  clear(): void {
    this.rowsById.clear();
    this.openByKey.clear();
  }

  private evict(): void {
    while (this.rowsById.size > this.opts.maxRows) {
      const oldest = this.rowsById.values().next().value;
      if (!oldest) break;
      this.rowsById.delete(oldest.id);
      if (this.openByKey.get(oldest.key) === oldest) this.openByKey.delete(oldest.key);
      this.evicted += 1;
    }
  }
}
