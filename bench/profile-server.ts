// `tsx bench/profile-server.ts --nodes 200 [--seconds 30] [--windows 1] [--cpu-prof FILE] [--node-flags "…"]`: the compiled server
// (server code bundled by esbuild, as dist/server.js is, without the Next UI) in its own process
// against an N-node tree of quiet real redis-server processes (`--hz 1`), one browser-like delta
// client attached. Prints CPU per node per minute, event-loop delay, RSS and cycle p50/p95 over
// the measured window; with `--cpu-prof FILE`, the window's V8 CPU profile is written to FILE.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { io } from 'socket.io-client';
import { rootLogger } from '../server/logger';
import { sleep, startSandbox } from '../server/sandbox';
import { numberFlag, shapeOf } from './large/tree-shape';

const args = process.argv.slice(2);
const flag = numberFlag(args);
const n = flag('nodes', 200);
const seconds = flag('seconds', 30);
const pollMs = flag('poll', 1000);
const windows = Math.max(1, flag('windows', 1));
const root = path.resolve(import.meta.dirname, '..');


rootLogger.level = 'warn';
const work = mkdtempSync(path.join(tmpdir(), 'replicaops-profile-'));
const bundle = path.join(work, 'server.js');
// `--bundle FILE`: a bundle built earlier (e.g. from another commit, for a before/after pair).
const prebuilt = args.includes('--bundle') ? args[args.indexOf('--bundle') + 1] : undefined;
if (prebuilt) copyFileSync(prebuilt, bundle);
else
  await build({
    entryPoints: [path.join(root, 'bench/profile-entry.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
const shape = shapeOf(n);
const sandbox = await startSandbox({
  shape,
  masterPersistence: 'none',
  commonConfig: { hz: '1', save: '""', appendonly: 'no', maxmemory: '8mb' },
  spawnConcurrency: 20,
  timeoutMs: Math.max(120_000, n * 1000),
});
// Packages resolve from the project's node_modules: run the bundle from a file beside it.
const entry = path.join(root, 'dist', `profile-${process.pid}.mjs`);
mkdirSync(path.dirname(entry), { recursive: true });
copyFileSync(bundle, entry);

const out = path.join(work, 'window.json');
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as AddressInfo;
    probe.close(() => resolve(free));
  });
});
const profileFile = args.includes('--cpu-prof')
  ? path.resolve(args[args.indexOf('--cpu-prof') + 1] ?? 'window.cpuprofile')
  : '';
// `--node-flags "--max-semi-space-size=64 …"`: V8/Node flags for the server process (GC tuning).
const nodeFlags = args.includes('--node-flags') ? (args[args.indexOf('--node-flags') + 1] ?? '').split(' ').filter(Boolean) : [];
const child = spawn(process.execPath, [...nodeFlags, entry], {
  env: {
    ...process.env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    REPLICAOPS_POLL_MS: String(pollMs),
    REPLICAOPS_DATA_DIR: path.join(work, 'data'),
    REPLICAOPS_SEEDS: sandbox.seeds()[n - 1] as string,
    PROFILE_OUT: out,
    PROFILE_CPU: profileFile,
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
try {
  const t0 = Date.now();
  for (;;) {
    const topo = await fetch(`${url}/api/topology`)
      .then((r) => r.json() as Promise<{ nodes: unknown[]; links: Array<{ linkStatus: string }> }>)
      .catch(() => null);
    if (
      topo &&
      topo.nodes.length === n &&
      topo.links.filter((l) => l.linkStatus === 'up').length === n - 1
    )
      break;
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    if (Date.now() - t0 > Math.max(120_000, n * 200))
      throw new Error('tree not discovered in time');
    await sleep(500);
  }
  process.stdout.write(`discovered ${n} nodes in ${Date.now() - t0} ms\n`);
  const client = io(url, { transports: ['websocket'], query: { topology: 'delta' } });
  await sleep(8000);
  // `--windows K`: K windows of `--seconds` back to back, each printed as it closes — CPU,
  // loop and RSS against uptime, as the history rings fill (an hour of 1 s polls by default).
  for (let k = 0; k < windows; k++) {
    child.kill('SIGUSR2');
    const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    await sleep(seconds * 1000);
    child.kill('SIGUSR2');
    // Stopping the profiler and writing it out takes a moment on a busy machine.
    for (let i = 0; i < 120 && !existsSync(out); i++) await sleep(500);
    const w = JSON.parse(readFileSync(out, 'utf8')) as Record<string, number>;
    unlinkSync(out);
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const perNodeMin = ((w.cpuMs ?? 0) * (60_000 / (w.ms ?? 1))) / n;
    const uptimeMin = Math.round((Date.now() - t0) / 6000) / 10;
    process.stdout.write(
      `${JSON.stringify({ ...(windows > 1 ? { window: k + 1, uptimeMin } : {}), ...w, cpuMsPerNodePerMin: Math.round(perNodeMin * 10) / 10, loadavg: `${load0} → ${load1}` }, null, windows > 1 ? 0 : 1)}\n`,
    );
  }
  client.close();
} finally {
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  unlinkSync(entry);
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
}
