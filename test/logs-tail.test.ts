// Integration: FileTail follows real files through appends, rotation, truncation and a missing
// file, and a 300k-line storm goes through tail → parse → classify → fold without stalling timers.
import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { rootLogger } from '../server/logger';
import { FileTail } from '../server/logs/file-tail';
import { LogService } from '../server/logs/log-service';
import { waitUntil } from './helpers/wait-until';

rootLogger.level = process.env.LOG_LEVEL ?? 'warn';
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'logs');

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'replicaops-tail-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function collect(t: TestContext, file: string, backfillLines?: number) {
  const lines: string[] = [];
  const tail = new FileTail({ file, backfillLines, pollMs: 20, onLines: (l) => void lines.push(...l) });
  t.after(() => tail.stop());
  tail.start();
  const until = (n: number, what: string) => waitUntil(() => lines.length >= n, { timeoutMs: 5000, what: `${what} (have ${lines.length})` });
  return { tail, lines, until };
}

const numbered = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}\n`).join('');

test('FileTail starts with the last 1000 lines, follows appends and holds a partial line until its newline', async (t) => {
  const file = path.join(await tempDir(t), 'redis.log');
  await writeFile(file, numbered('old ', 1, 1500));
  const { lines, until } = collect(t, file);
  await until(1000, 'backfill');
  assert.equal(lines[0], 'old 501');
  assert.equal(lines.at(-1), 'old 1500');

  await appendFile(file, 'new 1\nnew 2\npart');
  await until(1002, 'appended lines');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(lines.length, 1002, 'the partial line waits for its newline');
  await appendFile(file, 'ial line\n');
  await until(1003, 'completed line');
  assert.deepEqual(lines.slice(-3), ['new 1', 'new 2', 'partial line']);
});

test('FileTail survives rotation by rename: finishes the old file, then reads the new one from 0', async (t) => {
  const file = path.join(await tempDir(t), 'redis.log');
  await writeFile(file, 'a1\na2\n');
  const { tail, lines, until } = collect(t, file);
  await until(2, 'backfill');
  await rename(file, `${file}.1`);
  // A writer that still holds the old file writes one more line there before it reopens.
  await appendFile(`${file}.1`, 'a3\n');
  await writeFile(file, 'b1\nb2\n');
  await until(5, 'lines after rotation');
  assert.deepEqual(lines, ['a1', 'a2', 'a3', 'b1', 'b2']);
  await appendFile(file, 'b3\n');
  await until(6, 'append to the new file');
  assert.equal(lines.at(-1), 'b3');
  assert.equal(tail.stats.rotations, 1);
});

test('FileTail survives copytruncate: a shorter file is read again from the start', async (t) => {
  const file = path.join(await tempDir(t), 'redis.log');
  await writeFile(file, numbered('x', 1, 50));
  const { tail, lines, until } = collect(t, file);
  await until(50, 'backfill');
  await copyFile(file, `${file}.1`);
  await truncate(file, 0);
  await waitUntil(() => tail.stats.position === 0, { what: 'truncation noticed' });
  await appendFile(file, 'after 1\nafter 2\n');
  await until(52, 'lines after truncation');
  assert.deepEqual(lines.slice(50), ['after 1', 'after 2']);
  assert.equal(tail.stats.truncations, 1);
});

test('FileTail waits for a missing file and reads it whole once it appears', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, 'later', 'redis.log');
  const { tail, lines, until } = collect(t, file);
  await new Promise((r) => setTimeout(r, 120));
  assert.equal(tail.stats.isOpen, false);
  await mkdir(path.dirname(file));
  await writeFile(file, 'first\nsecond\n');
  await until(2, 'lines of the new file');
  assert.deepEqual(lines, ['first', 'second']);
});

test('FileTail on a directory path keeps polling without throwing', async (t) => {
  const dir = await tempDir(t);
  const { tail, lines } = collect(t, dir);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(lines.length, 0);
  await tail.stop();
});

test('a 300k-line NOAUTH storm appended at once is ingested without blocking a 10 ms timer', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, 'replica.log');
  await writeFile(file, '');
  // One real handshake cycle of the captured storm, repeated: ~10 distinct lines, 300k in all.
  const fixture = (await readFile(path.join(FIXTURES, 'noauth-storm.replica.log'), 'utf8')).split('\n');
  const start = fixture.findIndex((l) => l.includes('Unexpected reply to PSYNC'));
  const cycle = fixture.slice(start - 3, start + 7);
  assert.equal(cycle.length, 10);
  const total = 300_000;
  const storm = Array.from({ length: total / cycle.length }, () => cycle.join('\n')).join('\n') + '\n';

  const service = new LogService({ pollMs: 20, retentionLines: 50_000 });
  service.addFile({ node: '127.0.0.1:28012', file, backfillLines: 0 });
  service.start();
  t.after(() => service.stop());
  await new Promise((r) => setTimeout(r, 50));

  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 10);
  t.after(() => clearInterval(timer));
  const began = performance.now();
  await appendFile(file, storm);
  await waitUntil(() => service.stats().linesProcessed >= total, { timeoutMs: 60_000, what: 'all storm lines processed' });
  const elapsed = performance.now() - began;
  clearInterval(timer);

  const stats = service.stats();
  t.diagnostic(
    `300k lines (${(storm.length / 1e6).toFixed(1)} MB) in ${elapsed.toFixed(0)} ms ` +
      `(${Math.round(total / (elapsed / 1000))} lines/s); max gap of a 10 ms interval: ${maxGap.toFixed(1)} ms; ` +
      `rows ${stats.rows}, raw lines kept ${stats.rawLines}, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
  );
  assert.equal(stats.linesProcessed, total);
  assert.equal(stats.rawLines, 50_000, 'raw lines are bounded by retention');
  assert.ok(stats.rows <= 20, `the storm folds into a few rows (got ${stats.rows})`);
  const rows = service.query({ node: '127.0.0.1:28012', limit: 50 });
  assert.equal(rows.reduce((n, r) => n + r.count, 0), total);
  // Very generous: a blocked loop would stall for seconds.
  assert.ok(maxGap < 1000, `the event loop kept ticking (max gap ${maxGap.toFixed(0)} ms)`);
});
