// `node --import tsx bench/overview-browser.ts --nodes N [--kill K]`: the overview alone in
// headless Chromium against an N-node sandbox tree watched by the compiled dashboard (`npm run
// build` first). Prints first render (with when the HTML, the socket snapshot and the first cell
// arrived), height in screens, idle main-thread time, JS heap, and how long after the socket
// showed K killed replicas unreachable their cells turned. For before/after runs of the overview;
// the full figures come from `npm run bench -- scale-large`.
import os from 'node:os';
import { rootLogger } from '../server/logger';
import { startSandbox } from '../server/sandbox';
import { shapeOf } from './scale-large';
import { openOverview } from './large/browser';
import { startDashboard } from './large/dashboard';
import { watchSocket } from './large/socket-watch';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  rootLogger.level = 'warn';
  const n = arg('nodes', 300);
  const kill = arg('kill', 5);
  const load0 = os.loadavg();
  const shape = shapeOf(n);
  const sandbox = await startSandbox({
    shape,
    masterPersistence: 'none',
    commonConfig: { hz: '1', save: '""', appendonly: 'no', maxmemory: '8mb' },
    spawnConcurrency: 20,
    spawnTimeoutMs: 60_000,
    timeoutMs: Math.max(120_000, n * 1000),
  });
  const dashboard = await startDashboard([sandbox.seeds()[n - 1] as string], 1000);
  const socket = watchSocket(dashboard.url, 'delta');
  try {
    const t0 = Date.now();
    while (Date.now() - t0 < 120_000) {
      const t = socket.topology();
      if (
        t &&
        t.nodes.length === n &&
        t.links.filter((l) => l.linkStatus === 'up').length === n - 1
      )
        break;
      await sleep(100);
    }
    await sleep(5000);
    let requests = 0;
    let rscRequests = 0;
    let snapshotMs: number | null = null;
    const browser = await openOverview(dashboard.url, n, 120_000, (page) => {
      const t0 = Date.now();
      page.on('request', (r) => {
        requests++;
        if (r.url().includes('_rsc')) rscRequests++;
      });
      page.on('websocket', (ws) =>
        ws.on('framereceived', (f) => {
          if (snapshotMs === null && String(f.payload).includes('topology:snapshot'))
            snapshotMs = Date.now() - t0;
        }),
      );
    });
    const out: Record<string, unknown> = {
      nodes: n,
      firstRenderMs: browser.firstRenderMs,
      snapshotMs,
      screens: await browser.screens(),
      idleTaskMsPerSec: await browser.idleTaskMsPerSec(10),
      heapMb: await browser.jsHeapMb(),
    };
    out.requests = requests;
    out.rscRequests = rscRequests;
    const victims = shape
      .filter((e) => /s\d+$/.test(e.name))
      .slice(-kill)
      .map((e) => e.name);
    const ids = victims.map((v) => sandbox.node(v).id);
    const k0 = Date.now();
    const shown = browser.waitNotOk(ids, k0, 30_000);
    await Promise.all(victims.map((v) => sandbox.kill(v)));
    let seenMs: number | null = null;
    while (Date.now() - k0 < 30_000) {
      const t = socket.topology();
      if (t && ids.every((id) => t.nodes.some((x) => x.id === id && !x.reachable))) {
        seenMs = Date.now() - k0;
        break;
      }
      await sleep(20);
    }
    out.killSocketMs = seenMs;
    out.killCellsMs = await shown;
    out.load = [
      load0.map((x) => x.toFixed(1)).join('/'),
      os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join('/'),
    ];
    process.stdout.write(`${JSON.stringify(out)}\n`);
    await browser.close();
  } finally {
    socket.close();
    await dashboard.stop();
    await sandbox.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
