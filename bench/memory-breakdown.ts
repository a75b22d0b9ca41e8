// `tsx bench/memory-breakdown.ts --nodes 200 [--seconds 20]`: where the dashboard's memory per
// node goes. An N-node tree of quiet redis-server processes, the server in this process with one
// delta socket client; after discovery and a settling window it prints process.memoryUsage(),
// the V8 heap spaces, and a heap snapshot's self sizes grouped by type and constructor (bytes
// per node = total / N; this script's own objects are a few hundred bytes per node at most).
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
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


interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size per "type constructor" in a heap snapshot, largest first. */
function groups(snap: Snapshot): Array<[string, { bytes: number; count: number }]> {
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const out = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + iType] as number] ?? '?';
    const str = type === 'string' && (snap.nodes[i + iSize] as number) > 1000;
    const name = str ? `> 1 KB: ${(snap.strings[snap.nodes[i + iName] as number] ?? '').slice(0, 16)}` : type === 'object' || type === 'native' || type === 'closure' ? (snap.strings[snap.nodes[i + iName] as number] ?? '?').slice(0, 40) : '';
    const key = `${type} ${name}`;
    const e = out.get(key) ?? { bytes: 0, count: 0 };
    e.bytes += snap.nodes[i + iSize] as number;
    e.count++;
    out.set(key, e);
  }
  return [...out].sort((a, b) => b[1].bytes - a[1].bytes);
}

rootLogger.level = 'warn';
const work = mkdtempSync(path.join(tmpdir(), 'replicaops-memory-'));
const sandbox = await startQuietTree(n);
const server = await startServer(
  loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: '1000', REPLICAOPS_DATA_DIR: path.join(work, 'data'), REPLICAOPS_SEEDS: sandbox.seeds()[n - 1] }),
  { withUi: false },
);
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
try {
  const topo = () => server.monitor.snapshot().topology;
  await waitFor(() => topo().nodes.length === n && topo().links.filter((l) => l.linkStatus === 'up').length === n - 1, Math.max(120_000, n * 300), { what: 'the whole tree' });
  const client = io(server.url, { transports: ['websocket'], query: { topology: 'delta' } });
  await sleep(seconds * 1000);
  const m = process.memoryUsage();
  process.stdout.write(`${n} nodes: rss ${mb(m.rss)}, heapUsed ${mb(m.heapUsed)}, heapTotal ${mb(m.heapTotal)}, external ${mb(m.external)}, arrayBuffers ${mb(m.arrayBuffers)}\n`);
  for (const s of v8.getHeapSpaceStatistics()) process.stdout.write(`  ${s.space_name.padEnd(24)} used ${mb(s.space_used_size)}\n`);
  const file = v8.writeHeapSnapshot(path.join(work, 'heap.heapsnapshot'));
  client.close();
  process.stdout.write('heap self size by type/constructor (total, per node, count):\n');
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  for (const [key, e] of groups(snap).slice(0, 40))
    process.stdout.write(`  ${key.padEnd(50)} ${mb(e.bytes).padStart(10)} ${String(Math.round(e.bytes / n)).padStart(8)} B/node ${String(e.count).padStart(8)}\n`);
} finally {
  await server.stop();
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
}
