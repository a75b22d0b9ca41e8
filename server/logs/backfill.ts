// Where the last N lines of a file start, found by reading backwards: the tail shows some history
// at start-up without reading a multi-GB log from the top.
import type { FileHandle } from 'node:fs/promises';

const CHUNK = 64 * 1024;
/** Even 1,000 lines of junk must not make start-up read more than this. */
export const MAX_BACKFILL_BYTES = 16 * 1024 * 1024;

/** Byte offset where the last `lines` complete-or-partial lines of the file begin. */
export async function findBackfillStart(fh: FileHandle, size: number, lines: number): Promise<number> {
  if (lines <= 0 || size === 0) return size;
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = size;
  let found = 0;
  // Offset just after the earliest newline seen: a line boundary to fall back to at the cap.
  let boundary = size;
  while (pos > 0) {
    const len = Math.min(CHUNK, pos);
    pos -= len;
    const { bytesRead } = await fh.read(buf, 0, len, pos);
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (buf[i] !== 10) continue;
      const at = pos + i;
      // The file's final newline ends the last line; it does not start another one.
      if (at === size - 1) continue;
      found += 1;
      boundary = at + 1;
      if (found === lines) return boundary;
    }
    if (size - pos >= MAX_BACKFILL_BYTES) return boundary;
  }
  return 0;
}
