// The dashboard as production runs it: `node dist/server.js` in its own process (NODE_ENV
// production, the Next build served), with the bench's probe preloaded for the event-loop delay.
// CPU and RSS are read from /proc, so they are that process alone (not the bench, the sandbox or
// the browser).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { track } from '../../server/sandbox/process-reaper';
import { reserveFreePorts } from '../../server/sandbox/free-port';
import { waitFor } from '../../server/sandbox';
import { z } from 'zod';
import { parseProcStatTicks, parseVmRssBytes } from './stats';

const LoopReadingSchema = z.object({ p50Ms: z.number(), p99Ms: z.number(), maxMs: z.number() });

const root = path.resolve(import.meta.dirname, '..', '..');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface LoopReading {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface Dashboard {
  url: string;
  pid: number;
  /** CPU seconds (user + system) the dashboard process has used so far. */
  cpuSeconds(): number;
  rssBytes(): number;
  resetLoop(): void;
  readLoop(): Promise<LoopReading>;
  output(): string;
  stop(): Promise<void>;
}

export async function startDashboard(seeds: string[], pollMs: number): Promise<Dashboard> {
  const entry = path.join(root, 'dist', 'server.js');
  if (!existsSync(entry) || !existsSync(path.join(root, '.next', 'BUILD_ID')))
    throw new Error('no production build: run `npm run build` once before `npm run bench -- scale`');
  const [port] = await reserveFreePorts('127.0.0.1', 1);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-bench-large-'));
  const proc: ChildProcess = spawn(
    process.execPath,
    // BENCH_NODE_FLAGS: Node/V8 flags for the dashboard process, e.g. "--heap-growing-percent=0"
    // for V8's own heap growth (server/heap-tuning.ts) in a before/after pair.
    ['--enable-source-maps', ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', path.join(import.meta.dirname, 'probe.mjs'), entry],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        REPLICAOPS_SEEDS: seeds.join(','),
        REPLICAOPS_POLL_MS: String(pollMs),
        REPLICAOPS_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  track(proc); // killed with the sandbox's redis-servers if the bench dies
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const pid = proc.pid as number;
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await fetch(`${url}/healthz`)).ok, 60_000, { what: `dashboard on ${url}` });
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${out}`);
  }
  return {
    url,
    pid,
    cpuSeconds: () => parseProcStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) / TICKS_PER_SECOND,
    rssBytes: () => parseVmRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8')) ?? 0,
    resetLoop: () => proc.send('probe:reset'),
    readLoop: () =>
      new Promise<LoopReading>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the probe did not answer within 60 s')), 60_000);
        proc.once('message', (m: unknown) => {
          clearTimeout(timer);
          const r = LoopReadingSchema.safeParse(m);
          if (r.success) resolve(r.data);
          else reject(new Error(`unexpected probe answer: ${JSON.stringify(m)}`));
        });
        proc.send('probe:read');
      }),
    output: () => out,
    stop,
  };
}
