// The fallback when DUMP payloads differ: read both values in canonical form, in chunks, so a
// big key never blocks Redis (HSCAN/SSCAN/ZSCAN, LRANGE/GETRANGE/XRANGE windows) and ordered
// values are compared window by window without holding them whole.
import type { Redis } from 'ioredis';
import {
  type CanonicalValue,
  describeOrderedDiff,
  diffUnordered,
  firstDifference,
  nextStreamId,
  sameScore,
  streamEntryText,
} from '../../lib/consistency/canonical-diff';
import type { TextRef } from '../../lib/contracts/text-ref';
import { textRef } from '../../lib/i18n/text-ref';
import { scanReply, streamEntriesReply } from '../redis/replies';

export interface CanonicalOptions {
  /** Elements per LRANGE/XRANGE/SCAN call. */
  chunk: number;
  /** Bytes per GETRANGE call. */
  chunkBytes: number;
  maxElements: number;
  signal: AbortSignal;
}

export type CanonicalResult = { diff: TextRef | null } | { skipped: TextRef };

/** Re-check rounds hold three copies of a value; strings beyond this are reported as skipped. */
const MAX_WHOLE_STRING_BYTES = 64 * 1024 * 1024;

const bin = (v: unknown): string => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v));

function checkAbort(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
}

export async function compareCanonical(m: Redis, r: Redis, key: Buffer, type: string, size: number, o: CanonicalOptions): Promise<CanonicalResult> {
  switch (type) {
    case 'string':
      return { diff: await compareString(m, r, key, o) };
    case 'list':
      return { diff: await compareWindows(type, o, (start) => Promise.all([lrange(m, key, start, o.chunk), lrange(r, key, start, o.chunk)])) };
    case 'stream':
      return { diff: await compareStreams(m, r, key, o) };
    case 'hash':
    case 'set':
    case 'zset': {
      if (size > o.maxElements) return { skipped: textRef('checkText.skipTooMany', { type, size, max: o.maxElements }) };
      const [a, b] = await Promise.all([scanAll(m, type, key, o), scanAll(r, type, key, o)]);
      if (!a || !b) return { skipped: textRef('checkText.skipGrew', { type, max: o.maxElements }) };
      return { diff: diffUnordered(type, a, b, type === 'zset' ? sameScore : undefined) };
    }
    default:
      return { skipped: textRef('checkText.skipNoCanonical', { type }) };
  }
}

async function compareString(m: Redis, r: Redis, key: Buffer, o: CanonicalOptions): Promise<TextRef | null> {
  for (let offset = 0; ; offset += o.chunkBytes) {
    checkAbort(o.signal);
    const end = offset + o.chunkBytes - 1;
    const [a, b] = await Promise.all([m.getrangeBuffer(key, offset, end), r.getrangeBuffer(key, offset, end)]);
    if (!a.equals(b)) {
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return describeOrderedDiff('string', offset + i);
    }
    if (a.length < o.chunkBytes) return null;
  }
}

async function lrange(redis: Redis, key: Buffer, start: number, count: number): Promise<string[]> {
  return (await redis.lrangeBuffer(key, start, start + count - 1)).map(bin);
}

/** Ordered windows from both sides, compared in lockstep; stops at the first difference. */
async function compareWindows(type: string, o: CanonicalOptions, read: (start: number) => Promise<[string[], string[]]>): Promise<TextRef | null> {
  for (let start = 0; ; start += o.chunk) {
    checkAbort(o.signal);
    const [a, b] = await read(start);
    const at = firstDifference(a, b);
    if (at >= 0) return describeOrderedDiff(type, start + at);
    if (a.length < o.chunk) return null;
  }
}

async function compareStreams(m: Redis, r: Redis, key: Buffer, o: CanonicalOptions): Promise<TextRef | null> {
  const from = { m: '-', r: '-' };
  const read = async (redis: Redis, side: 'm' | 'r'): Promise<string[]> => {
    const entries = streamEntriesReply(await redis.callBuffer('XRANGE', key, from[side], '+', 'COUNT', o.chunk));
    const last = entries[entries.length - 1];
    if (last) from[side] = nextStreamId(bin(last[0]));
    return entries.map(([id, fields]) => streamEntryText(bin(id), fields.map(bin)));
  };
  return compareWindows('stream', o, () => Promise.all([read(m, 'm'), read(r, 'r')]));
}

/** The whole unordered value: field → value, member → score, or member → ''; null above the limit. */
async function scanAll(redis: Redis, type: string, key: Buffer, o: CanonicalOptions): Promise<Map<string, string> | null> {
  const cmd = type === 'hash' ? 'HSCAN' : type === 'set' ? 'SSCAN' : 'ZSCAN';
  const paired = type !== 'set';
  // A SCAN may return an element twice (rehashing); the map keeps one.
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    checkAbort(o.signal);
    const [next, items] = scanReply(await redis.callBuffer(cmd, key, cursor, 'COUNT', o.chunk), cmd);
    cursor = next.toString();
    if (paired) for (let i = 0; i + 1 < items.length; i += 2) out.set(bin(items[i]), bin(items[i + 1]));
    else for (const item of items) out.set(bin(item), '');
    if (out.size > o.maxElements) return null;
  } while (cursor !== '0');
  return out;
}

/** One side's whole value, read in chunks; null when it is above `maxElements` (or bytes for strings). */
export async function readCanonical(redis: Redis, key: Buffer, type: string, o: CanonicalOptions): Promise<CanonicalValue | null> {
  if (type === 'hash' || type === 'set' || type === 'zset') {
    const unordered = await scanAll(redis, type, key, o);
    return unordered ? { type, unordered } : null;
  }
  const ordered: string[] = [];
  let streamFrom = '-';
  for (let start = 0; ; ) {
    checkAbort(o.signal);
    let chunk: string[];
    if (type === 'string') {
      const part = bin(await redis.getrangeBuffer(key, start, start + o.chunkBytes - 1));
      ordered.push(part);
      start += o.chunkBytes;
      if (part.length < o.chunkBytes) return { type, ordered };
      if (start >= MAX_WHOLE_STRING_BYTES) return null;
      continue;
    } else if (type === 'list') {
      chunk = await lrange(redis, key, start, o.chunk);
      start += o.chunk;
    } else if (type === 'stream') {
      const entries = streamEntriesReply(await redis.callBuffer('XRANGE', key, streamFrom, '+', 'COUNT', o.chunk));
      const last = entries[entries.length - 1];
      if (last) streamFrom = nextStreamId(bin(last[0]));
      chunk = entries.map(([id, fields]) => streamEntryText(bin(id), fields.map(bin)));
    } else return null;
    ordered.push(...chunk);
    if (ordered.length > o.maxElements) return null;
    if (chunk.length < o.chunk) return { type, ordered };
  }
}
