// `tsx bench/allocations.ts --nodes 200 [--seconds 20]`: what the dashboard allocates per node
// per cycle, and where. The same quiet N-node tree as bench/memory-breakdown.ts, the server in
// this process with one delta client; V8's sampling heap profiler counts every sampled
// allocation of the window, including objects the GC already collected, by the function that
// made it. Allocation volume, unlike CPU time, hardly depends on the machine's load: it is the
// before/after figure for GC work and for the garbage that fills the old space between two
// major collections.
import { mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { rootLogger } from '../server/logger';
import { sleep, waitFor } from '../server/sandbox';
import { numberFlag, startQuietTree } from './large/tree-shape';

const args = process.argv.slice(2);
const flag = numberFlag(args);
const n = flag('nodes', 200);
const seconds = flag('seconds', 20);

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** Self bytes per function, and per "function ← caller that is ours" for library frames. */
function bySite(root: ProfileNode): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (node: ProfileNode, ours: string): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').slice(-2).join('/');
    const mine = url.includes('/node_modules/') || url.startsWith('node:') || url === '' ? ours : `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    const key = mine === ours && ours ? `${ours} → ${functionName || '(anonymous)'} ${file.split('/').pop() ?? ''}` : mine;
    if (node.selfSize) out.set(key, (out.get(key) ?? 0) + node.selfSize);
    for (const c of node.children) walk(c, mine);
  };
  walk(root, '');
  return out;
}

rootLogger.level = 'warn';
const work = mkdtempSync(path.join(tmpdir(), 'replicaops-alloc-'));
const sandbox = await startQuietTree(n);
const server = await startServer(
  loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: '1000', REPLICAOPS_DATA_DIR: path.join(work, 'data'), REPLICAOPS_SEEDS: sandbox.seeds()[n - 1] }),
  { withUi: false },
);
const session = new Session();
session.connect();
try {
  const topo = () => server.monitor.snapshot().topology;
  await waitFor(() => topo().nodes.length === n && topo().links.filter((l) => l.linkStatus === 'up').length === n - 1, Math.max(120_000, n * 300), { what: 'the whole tree' });
  const client = io(server.url, { transports: ['websocket'], query: { topology: 'delta' } });
  await sleep(8000);
  const cycles0 = server.monitor.cycles;
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await sleep(seconds * 1000);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  const cycles = server.monitor.cycles - cycles0;
  client.close();
  const sites = bySite(profile.head);
  const total = [...sites.values()].reduce((a, b) => a + b, 0);
  const perNodeCycle = (b: number) => Math.round(b / n / Math.max(1, cycles));
  process.stdout.write(`${n} nodes, ${cycles} cycles in ${seconds} s: ${(total / 1e6).toFixed(1)} MB sampled, ${perNodeCycle(total)} B per node per cycle\n`);
  for (const [site, bytes] of [...sites].sort((a, b) => b[1] - a[1]).slice(0, 45))
    process.stdout.write(`  ${String(perNodeCycle(bytes)).padStart(7)} B  ${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${site}\n`);
} finally {
  session.disconnect();
  await server.stop();
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
}
