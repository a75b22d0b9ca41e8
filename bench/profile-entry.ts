// The server as `node dist/server.js` runs it (config from the environment, compiled by esbuild),
// minus the Next UI, plus a measuring window for `bench/profile-server.ts`: the first SIGUSR2
// opens it, the second writes CPU, event-loop delay, RSS and cycle durations to PROFILE_OUT
// (and, with PROFILE_CPU set, the window's V8 CPU profile to that file).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { tuneHeap } from '../server/heap-tuning';

// As server/main.ts does; `--node-flags "--heap-growing-percent=0"` measures V8's default.
tuneHeap();
const server = await startServer(loadConfig(process.env), { withUi: false });
process.stdout.write(`listening ${server.url}\n`);
const loop = monitorEventLoopDelay({ resolution: 10 });
const durations: number[] = [];
server.monitor.on('cycle', (r) => durations.push(r.durationMs));
let window: { cpu: NodeJS.CpuUsage; at: number } | null = null;
const inspector = process.env.PROFILE_CPU ? new Session() : null;
inspector?.connect();
process.on('SIGUSR2', () => void flip());
async function flip(): Promise<void> {
  if (!window) {
    if (inspector) {
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.setSamplingInterval', { interval: 1000 });
      await inspector.post('Profiler.start');
    }
    loop.reset();
    loop.enable();
    durations.length = 0;
    window = { cpu: process.cpuUsage(), at: Date.now() };
    return;
  }
  loop.disable();
  const cpu = process.cpuUsage(window.cpu);
  if (inspector && process.env.PROFILE_CPU) {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(process.env.PROFILE_CPU, JSON.stringify(profile));
  }
  const sorted = [...durations].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  const out = {
    ms: Date.now() - window.at,
    cpuMs: (cpu.user + cpu.system) / 1000,
    userMs: cpu.user / 1000,
    systemMs: cpu.system / 1000,
    loopP50Ms: loop.percentile(50) / 1e6,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
    rssMb: process.memoryUsage().rss / 1e6,
    cycles: sorted.length,
    cycleP50Ms: pct(0.5),
    cycleP95Ms: pct(0.95),
    nodes: server.monitor.snapshot().topology.nodes.length,
  };
  writeFileSync(process.env.PROFILE_OUT ?? 'profile-window.json', JSON.stringify(out));
  window = null;
}
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
