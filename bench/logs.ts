// Log pipeline speed, on the real NOAUTH storm captured from redis-server 7:
//   (1) parse + classify lines/s in a tight loop (the pure core);
//   (2) a 300k-line storm appended at once to a tailed file: time until the log service has
//       folded it all, and the event loop's delay meanwhile (the poll loop shares that loop).
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { classifyLogLine } from '../lib/logs/log-classifier';
import { parseLogLine } from '../lib/logs/log-parser';
import { rootLogger } from '../server/logger';
import { LogService } from '../server/logs/log-service';

export interface LogBenchResult {
  fixtureLines: number;
  parseClassifyLinesPerSec: number;
  stormLines: number;
  stormIngestMs: number;
  stormLinesPerSec: number;
  foldedRows: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

const root = path.resolve(import.meta.dirname, '..');

export async function benchLogs(stormLines = 300_000): Promise<LogBenchResult> {
  rootLogger.level = 'warn';
  const lines = readFileSync(path.join(root, 'test/fixtures/logs/noauth-storm.replica.log'), 'utf8').split('\n').filter(Boolean);
  // (1) Pure speed: enough passes for ~1 s of work.
  const passes = Math.max(1, Math.ceil(600_000 / lines.length));
  const t0 = performance.now();
  let sink = 0;
  for (let p = 0; p < passes; p++)
    for (const l of lines) sink += classifyLogLine(parseLogLine(l, { year: 2026 }).message).verdict.length;
  const pureMs = performance.now() - t0;
  if (sink < 0) process.stdout.write('');

  // (2) The service, tailing a real file that receives the whole storm in one append.
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-logbench-'));
  const file = path.join(dir, 'redis.log');
  writeFileSync(file, '');
  const service = new LogService({ pollMs: 50 });
  service.addFile({ node: '127.0.0.1:7002', file, backfillLines: 0 });
  service.start();
  await new Promise((r) => setTimeout(r, 200));
  const storm: string[] = [];
  while (storm.length < stormLines) storm.push(...lines);
  storm.length = stormLines;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  appendFileSync(file, `${storm.join('\n')}\n`);
  // Done when the folded rows account for every appended line.
  for (;;) {
    const total = service.query({ limit: 2000 }).reduce((n, r) => n + r.count, 0);
    if (total >= stormLines) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const ingestMs = performance.now() - started;
  delay.disable();
  const rows = service.query({ limit: 2000 }).length;
  await service.stop();
  rmSync(dir, { recursive: true, force: true });
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  return {
    fixtureLines: lines.length,
    parseClassifyLinesPerSec: Math.round((passes * lines.length) / (pureMs / 1000)),
    stormLines,
    stormIngestMs: Math.round(ingestMs),
    stormLinesPerSec: Math.round(stormLines / (ingestMs / 1000)),
    foldedRows: rows,
    eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
  };
}

export function logsSection(r: LogBenchResult): string {
  return [
    `### Redis log pipeline (a real NOAUTH storm captured from redis-server 7: ${r.fixtureLines} lines, replayed)`,
    '',
    `| | figure |`,
    `|---|---|`,
    `| parse + classify, tight loop | ${r.parseClassifyLinesPerSec.toLocaleString('en')} lines/s (goal ≥ 200,000) |`,
    `| ${r.stormLines.toLocaleString('en')}-line storm appended at once to a tailed file → all folded | ${r.stormIngestMs} ms (${r.stormLinesPerSec.toLocaleString('en')} lines/s) into ${r.foldedRows} rows |`,
    `| event-loop delay meanwhile (p50 / p99 / max) | ${r.eventLoopDelayMs.p50} / ${r.eventLoopDelayMs.p99} / ${r.eventLoopDelayMs.max} ms |`,
    '',
    'The tail reads at most 1 MB per tick and the service processes lines in chunks with `setImmediate` between them, so the poll loop keeps its cadence during a storm; memory is bounded by the raw-line ring and the folded-row cap.',
  ].join('\n');
}

if (process.argv[1]?.endsWith('logs.ts')) {
  benchLogs().then((r) => process.stdout.write(`${logsSection(r)}\n`), (e: unknown) => process.stderr.write(String(e)));
}
