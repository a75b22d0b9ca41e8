// `tsx bench/delta-bytes.ts --nodes 200 [--seconds 30] [--poll 1000]`: what an idle tree costs a
// browser on the socket, field by field. An N-node tree of quiet redis-server processes (`--hz 1`,
// shaped as bench/profile-server.ts builds it), the server in this process, one delta client.
// Prints wire bytes per second per event, and for `topology:delta` the JSON bytes per second of
// each field (ids and field names included), plus how many items changed it per cycle.
import { io } from 'socket.io-client';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { rootLogger } from '../server/logger';
import { sleep, waitFor } from '../server/sandbox';
import type { TopologyPatch, TopologyPatchPart } from '../lib/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { numberFlag, startQuietTree } from './large/tree-shape';

const args = process.argv.slice(2);
const flag = numberFlag(args);
const n = flag('nodes', 200);
const seconds = flag('seconds', 30);
const pollMs = flag('poll', 1000);


const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
const perField = new Map<string, { bytes: number; items: number }>();
function count(name: string, b: number, items = 1): void {
  const e = perField.get(name) ?? { bytes: 0, items: 0 };
  e.bytes += b;
  e.items += items;
  perField.set(name, e);
}
function countPart<T extends object>(kind: string, part: TopologyPatchPart<T>): void {
  for (const item of part.upsert) {
    for (const [k, v] of Object.entries(item.set)) count(`${kind}.${k}`, bytes(k) + 1 + bytes(v) + 1);
    count(`${kind}.(key, braces)`, bytes(item.key) + 16);
    for (const k of item.unset ?? []) count(`${kind}.unset ${k}`, bytes(k) + 1);
  }
  if (part.remove.length) count(`${kind}.remove`, bytes(part.remove));
  if (part.order) count(`${kind}.order`, bytes(part.order));
  const packed: Record<string, unknown> = part.packed ?? {};
  for (const [k, v] of Object.entries(packed))
    count(`${kind}.packed ${k}`, bytes(k) + bytes(v), Array.isArray(v) ? v.length / 2 : 1);
  for (const [k, v] of Object.entries(part.columns ?? {}))
    count(`${kind}.column ${k} (digits)`, bytes(k) + bytes(v), v.replaceAll('.', '').length);
}

rootLogger.level = 'warn';
const dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-delta-bytes-'));
const sandbox = await startQuietTree(n);
const server = await startServer(
  loadConfig({
    PORT: '0',
    LOG_LEVEL: 'warn',
    REPLICAOPS_POLL_MS: String(pollMs),
    REPLICAOPS_DATA_DIR: dataDir,
    REPLICAOPS_SEEDS: sandbox.seeds()[n - 1],
  }),
  { withUi: false },
);
try {
  const topo = () => server.monitor.snapshot().topology;
  await waitFor(() => topo().nodes.length === n && topo().links.filter((l) => l.linkStatus === 'up').length === n - 1, Math.max(120_000, n * 300), { what: 'the whole tree' });
  const client = io(server.url, { transports: ['websocket'], query: { topology: 'delta' } });
  const wire = new Map<string, number>();
  let measuring = false;
  let cycles = 0;
  client.io.on('open', () => {
    client.io.engine.on('packet', (p: { data?: unknown }) => {
      if (!measuring || typeof p.data !== 'string') return;
      const name = /^\d*\["([^"]+)"/.exec(p.data)?.[1] ?? '(other)';
      wire.set(name, (wire.get(name) ?? 0) + Buffer.byteLength(p.data));
    });
  });
  client.on('topology:delta', (d: TopologyPatch) => {
    if (!measuring) return;
    cycles++;
    count('(envelope)', bytes({ ...d, nodes: {}, links: {} }));
    countPart('node', d.nodes);
    countPart('link', d.links);
  });
  await sleep(8000);
  measuring = true;
  const t0 = Date.now();
  await sleep(seconds * 1000);
  measuring = false;
  const secs = (Date.now() - t0) / 1000;
  client.close();
  const rows = [...wire].sort((a, b) => b[1] - a[1]);
  process.stdout.write(`${n} nodes, ${pollMs} ms polls, ${secs.toFixed(1)} s, ${cycles} deltas\nwire bytes/s per event:\n`);
  for (const [name, b] of rows) process.stdout.write(`  ${name.padEnd(22)} ${(b / secs).toFixed(0).padStart(8)}\n`);
  process.stdout.write('topology:delta JSON bytes/s per field (items changed per cycle):\n');
  for (const [name, e] of [...perField].sort((a, b) => b[1].bytes - a[1].bytes))
    process.stdout.write(`  ${name.padEnd(34)} ${(e.bytes / secs).toFixed(0).padStart(8)}  ${(e.items / Math.max(1, cycles)).toFixed(1)}\n`);
} finally {
  await server.stop();
  await sandbox.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
