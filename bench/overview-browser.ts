// `node --import tsx bench/overview-browser.ts --nodes N [--kill K]`: the overview alone in
// headless Chromium against an N-node sandbox tree watched by the compiled dashboard (`npm run
// build` first). Prints first render (navigation → a status cell per node), requests (router
// prefetches), height in screens and per part, idle main-thread time, JS heap, and how long
// after the socket showed K killed replicas unreachable their cells turned. For before/after
// runs of the overview; the full figures come from `npm run bench -- scale-large`.
import os from 'node:os';
import { rootLogger } from '../server/logger';
import { startSandbox } from '../server/sandbox';
import { shapeOf } from './large/tree-shape';
import type { Page } from 'playwright-core';
import { openOverview } from './large/browser';
import { startDashboard } from './large/dashboard';
import { watchSocket } from './large/socket-watch';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Self time per function (top 12) of the page's main thread over `seconds` of idle overview. */
async function profileIdle(page: Page, seconds: number): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await sleep(seconds * 1000);
  const { profile } = await cdp.send('Profiler.stop');
  const byNode = new Map(profile.nodes.map((x) => [x.id, x]));
  const selfMs = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byNode.get(id)?.callFrame;
    const key = f
      ? `${f.functionName || '(anon)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber}`
      : '?';
    selfMs.set(key, (selfMs.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...selfMs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([k, ms]) => `${Math.round(ms / seconds)} ms/s ${k}`);
}

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
    waitForSync: false, // the socket below waits for every link up instead
  });
  // A node that lost its port to another program at start exits at once: one restart each.
  for (const node of sandbox.nodes.filter((x) => !x.running)) await sandbox.restart(node.name);
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
    const seen = socket.topology();
    process.stdout.write(`discovered ${seen?.nodes.length ?? 0} nodes in ${Date.now() - t0} ms\n`);
    await sleep(5000);
    let requests = 0;
    let rscRequests = 0;
    let page: Page | null = null;
    const browser = await openOverview(dashboard.url, n, 120_000, (p) => {
      page = p;
      p.on('request', (r) => {
        requests++;
        if (r.url().includes('_rsc')) rscRequests++;
      });
    });
    const out: Record<string, unknown> = {
      nodes: n,
      firstRenderMs: browser.firstRenderMs,
      screens: await browser.screens(),
      idleTaskMsPerSec: await browser.idleTaskMsPerSec(10),
      heapMb: await browser.jsHeapMb(),
    };
    // A string, not a function: tsx would wrap a named arrow in a helper the page does not have.
    out.heights = await (page as Page | null)?.evaluate(`Object.fromEntries(Object.entries({
      summary: '[data-testid="summary-bar"]',
      findings: '[data-testid="findings-panel"]',
      tree: 'section[aria-labelledby="tree-title"]',
      compact: '[data-testid="compact-overview"]',
      events: 'section[aria-labelledby="events-title"]',
      charts: '[data-testid="link-lag-charts"]',
    }).map(([k, sel]) => [k, Math.round(document.querySelector(sel)?.getBoundingClientRect().height ?? 0)]))`);
    out.navigation = await (page as Page | null)?.evaluate(`(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return n && { responseEndMs: Math.round(n.responseEnd), domContentLoadedMs: Math.round(n.domContentLoadedEventEnd), loadMs: Math.round(n.loadEventEnd) };
    })()`);
    if (process.argv.includes('--profile') && page) out.idleProfile = await profileIdle(page, 10);
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
