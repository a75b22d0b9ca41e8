// Follows one log file like `tail -F`: polling stat() because fs.watch misses events on network
// filesystems, in containers and across rotation. Bounded reads per tick and an awaited consumer
// keep a 300k-line append from blocking the event loop or piling up in memory.
import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { logger } from '../logger';
import { findBackfillStart } from './backfill';

const log = logger('logs');

export interface FileTailOptions {
  file: string;
  /** Awaited before the next read: the consumer sets the pace (back-pressure). */
  onLines: (lines: string[]) => void | Promise<void>;
  /** Lines of history read from the end at start(); 0 starts at the end. Default 1000. */
  backfillLines?: number;
  /** stat() interval when there is nothing new. Default 250 ms. */
  pollMs?: number;
  /** Bytes read per tick; the next tick runs after setImmediate. Default 1 MiB. */
  maxBytesPerTick?: number;
  /** A line without a newline longer than this is emitted in pieces. Default 64 KiB. */
  maxLineBytes?: number;
}

export interface FileTailStats {
  file: string;
  isOpen: boolean;
  position: number;
  linesEmitted: number;
  rotations: number;
  truncations: number;
}

export class FileTail {
  private readonly file: string;
  private readonly onLines: FileTailOptions['onLines'];
  private readonly backfillLines: number;
  private readonly pollMs: number;
  private readonly maxBytesPerTick: number;
  private readonly maxLineBytes: number;
  private readonly buf: Buffer;
  private fh: FileHandle | null = null;
  private ino = -1;
  private dev = -1;
  private position = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Backfill applies to the file present at start(); files that appear later are read from 0. */
  private isFirstOpen = true;
  private running = false;
  private timer: { kind: 'timeout'; h: NodeJS.Timeout } | { kind: 'immediate'; h: NodeJS.Immediate } | null = null;
  private tickPromise: Promise<void> | null = null;
  private lastProblem: string | null = null;
  private counters = { linesEmitted: 0, rotations: 0, truncations: 0 };

  constructor(opts: FileTailOptions) {
    this.file = opts.file;
    this.onLines = opts.onLines;
    this.backfillLines = Math.max(0, opts.backfillLines ?? 1000);
    this.pollMs = opts.pollMs ?? 250;
    this.maxBytesPerTick = Math.max(4096, opts.maxBytesPerTick ?? 1024 * 1024);
    this.maxLineBytes = opts.maxLineBytes ?? 64 * 1024;
    this.buf = Buffer.allocUnsafe(this.maxBytesPerTick);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(false);
  }

  /** Stops polling, waits for a read in flight, closes the file. Never rejects. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer();
    await this.tickPromise;
    await this.close();
  }

  get stats(): FileTailStats {
    return { file: this.file, isOpen: this.fh !== null, position: this.position, ...this.counters };
  }

  private cancelTimer(): void {
    if (this.timer?.kind === 'timeout') clearTimeout(this.timer.h);
    else if (this.timer?.kind === 'immediate') clearImmediate(this.timer.h);
    this.timer = null;
  }

  /** Self-rescheduling, so ticks never overlap; `more` means data is waiting: go on at once. */
  private schedule(more: boolean): void {
    if (!this.running) return;
    const run = () => {
      this.timer = null;
      this.tickPromise = this.tick()
        .catch((err: unknown) => {
          this.problem(err);
          return false;
        })
        .then((again) => {
          this.tickPromise = null;
          this.schedule(again);
        });
    };
    this.timer = more ? { kind: 'immediate', h: setImmediate(run) } : { kind: 'timeout', h: setTimeout(run, this.pollMs) };
  }

  /** One step; true when more data is waiting right now. */
  private async tick(): Promise<boolean> {
    if (!this.fh && !(await this.openFile())) return false;
    const fh = this.fh;
    if (!fh) return false;
    const st = await fh.stat();
    if (st.size < this.position) {
      // copytruncate: the same inode got shorter; everything in it now is new.
      log.info({ file: this.file, was: this.position, now: st.size }, 'log file truncated; reading from the start');
      this.counters.truncations += 1;
      this.position = 0;
      this.pending = [];
      this.pendingBytes = 0;
    }
    if (st.size > this.position) {
      const len = Math.min(this.maxBytesPerTick, st.size - this.position);
      const { bytesRead } = await fh.read(this.buf, 0, len, this.position);
      this.position += bytesRead;
      await this.emit(this.buf.subarray(0, bytesRead));
      this.lastProblem = null;
      return bytesRead > 0;
    }
    return this.checkRotation(fh);
  }

  /** At EOF of the open file: if the path now names another file, finish this one and switch. */
  private async checkRotation(fh: FileHandle): Promise<boolean> {
    const current = await statOrNull(this.file);
    if (!current || (current.ino === this.ino && current.dev === this.dev)) return false;
    // A write may have landed in the old file between our fstat and this stat: drain it first.
    if ((await fh.stat()).size > this.position) return true;
    log.info({ file: this.file }, 'log file rotated; following the new file');
    this.counters.rotations += 1;
    await this.flushPending();
    await this.close();
    this.isFirstOpen = false;
    return this.openFile();
  }

  private async openFile(): Promise<boolean> {
    let fh: FileHandle;
    try {
      fh = await open(this.file, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        if (this.lastProblem !== 'missing') log.info({ file: this.file }, 'log file not there yet; waiting for it');
        this.lastProblem = 'missing';
        // Backfill is for a file that existed at start; one created later is all new lines.
        this.isFirstOpen = false;
        return false;
      }
      throw err;
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw Object.assign(new Error(`${this.file} is not a regular file`), { code: 'ENOTFILE' });
      this.ino = st.ino;
      this.dev = st.dev;
      this.position = this.isFirstOpen ? await findBackfillStart(fh, st.size, this.backfillLines) : 0;
    } catch (err) {
      await fh.close().catch(() => undefined);
      throw err;
    }
    this.fh = fh;
    this.isFirstOpen = false;
    this.pending = [];
    this.pendingBytes = 0;
    return true;
  }

  private async close(): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    await fh?.close().catch(() => undefined);
  }

  /** Splits at the last newline; the partial rest waits for its newline (copied: buf is reused). */
  private async emit(chunk: Buffer): Promise<void> {
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      this.hold(chunk);
      if (this.pendingBytes > this.maxLineBytes) await this.flushPending();
      return;
    }
    let head = chunk.subarray(0, last);
    if (this.pendingBytes) {
      head = Buffer.concat([...this.pending, head]);
      this.pending = [];
      this.pendingBytes = 0;
    }
    if (last + 1 < chunk.length) this.hold(chunk.subarray(last + 1));
    // Decoding once per chunk, not per line: newline bytes never sit inside a UTF-8 sequence.
    await this.deliver(head.toString('utf8').split('\n'));
  }

  private hold(part: Buffer): void {
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
  }

  private async flushPending(): Promise<void> {
    if (!this.pendingBytes) return;
    const text = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    await this.deliver([text]);
  }

  private async deliver(lines: string[]): Promise<void> {
    if (!lines.length) return;
    this.counters.linesEmitted += lines.length;
    try {
      await this.onLines(lines);
    } catch (err) {
      // A consumer bug must not stop the tail; the lines are lost, the next ones still come.
      log.error({ err, file: this.file }, 'log line consumer failed');
    }
  }

  /** Logs a problem once until it changes or clears, so a broken path does not flood the log. */
  private problem(err: unknown): void {
    const e = err as NodeJS.ErrnoException;
    const key = e.code ?? e.message;
    if (key !== this.lastProblem) log.warn({ file: this.file, code: e.code, error: e.message }, 'cannot read log file; retrying');
    // The handle stays: reopening would re-read from 0 and duplicate every line.
    this.lastProblem = key;
  }
}

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}
