// A 61-node tree (1 master → 3 replicas → 19 sub-replicas each) watched over a real socket.io
// client that asked for versioned deltas: the deltas rebuild exactly what GET /api/topology
// serves, also across a killed replica, and a missed version is healed by one re-read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  Topology,
  TopologyPatch,
  TopologySnapshot,
} from '../lib/contracts';
import { applyTopologyPatch } from '../lib/topology/topology-delta';
import type { ShapeEntry } from '../server/sandbox';
import { startHarness, type Harness } from './helpers/server';
import { waitUntil } from './helpers/wait-until';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function shape(): ShapeEntry[] {
  const out: ShapeEntry[] = [{ name: 'm' }];
  for (let r = 1; r <= 3; r++) {
    out.push({ name: `r${r}`, upstream: 'm' });
    for (let s = 1; s <= 19; s++) out.push({ name: `r${r}s${s}`, upstream: `r${r}` });
  }
  return out;
}

/** A delta client: holds the topology it rebuilt, by generatedAt, and counts what it received. */
class DeltaClient {
  readonly socket: ClientSocket;
  held: Topology | null = null;
  version: number | null = null;
  readonly byGeneratedAt = new Map<number, Topology>();
  snapshots = 0;
  deltaBytes = 0;
  deltas = 0;
  drop = false;

  constructor(url: string) {
    this.socket = io(url, { transports: ['websocket'], query: { topology: 'delta' } });
    this.socket.on('topology:snapshot', (snap: TopologySnapshot) => {
      this.snapshots++;
      this.version = snap.version ?? null;
      this.keep(snap.topology);
    });
    this.socket.on('topology:delta', (patch: TopologyPatch) => {
      this.deltas++;
      this.deltaBytes += Buffer.byteLength(JSON.stringify(patch));
      if (this.drop) return void (this.drop = false); // a missed version, on purpose
      const next =
        this.held && this.version !== null
          ? applyTopologyPatch(this.held, this.version, patch)
          : null;
      if (!next) return void this.socket.emit('topology:resync');
      this.version = patch.version;
      this.keep(next);
    });
  }

  private keep(t: Topology): void {
    this.held = t;
    this.byGeneratedAt.set(t.generatedAt, t);
    if (this.byGeneratedAt.size > 50)
      this.byGeneratedAt.delete(this.byGeneratedAt.keys().next().value as number);
  }
}

describe('topology deltas at 61 nodes', { timeout: 90_000 }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      sandbox: { shape: shape(), masterPersistence: 'none', timeoutMs: 60_000 },
      pollMs: 500,
    });
    await h.until(
      (t) => t.nodes.length === 61 && t.links.filter((l) => l.linkStatus === 'up').length === 60,
      'the whole tree',
      30_000,
    );
  });
  after(() => h?.stop());

  /** The REST topology and the client's rebuild of the same cycle agree, field for field. */
  async function assertSameAsRest(client: DeltaClient): Promise<Topology> {
    const rest = (await h.get('/api/topology')).body as Topology;
    await waitUntil(() => client.byGeneratedAt.has(rest.generatedAt), {
      what: 'the client reaches the REST cycle',
      timeoutMs: 5000,
    });
    assert.deepEqual(client.byGeneratedAt.get(rest.generatedAt), rest);
    return rest;
  }

  test('deltas rebuild the REST snapshot, through a killed replica, and cost less than whole nodes', async (t) => {
    const client = new DeltaClient(h.server.url);
    const legacy: ClientSocket = io(h.server.url, { transports: ['websocket'] });
    let legacyBytes = 0;
    legacy.on('topology:update', (d) => (legacyBytes += Buffer.byteLength(JSON.stringify(d))));
    try {
      await waitUntil(() => client.deltas >= 3, { what: 'three deltas' });
      await assertSameAsRest(client);
      const since = { d: client.deltaBytes, l: legacyBytes, at: Date.now() };
      await new Promise((r) => setTimeout(r, 5000));
      const secs = (Date.now() - since.at) / 1000;
      const perSec = {
        delta: (client.deltaBytes - since.d) / secs,
        legacy: (legacyBytes - since.l) / secs,
      };
      t.diagnostic(
        `idle 61 nodes, 500 ms polls: deltas ${Math.round(perSec.delta)} B/s, topology:update ${Math.round(perSec.legacy)} B/s per client`,
      );
      assert.ok(
        perSec.delta < perSec.legacy,
        'field-level deltas are smaller than whole changed nodes',
      );

      await h.sandbox.kill('r2s7');
      const killed = h.sandbox.nodes.find((n) => n.name === 'r2s7')?.id as string;
      await h.until(
        (topo) => topo.nodes.some((n) => n.id === killed && !n.reachable),
        'the killed replica unreachable',
      );
      const rest = await assertSameAsRest(client);
      assert.equal(rest.nodes.find((n) => n.id === killed)?.reachable, false);
      assert.equal(client.snapshots, 1, 'no re-read was needed');
    } finally {
      client.socket.close();
      legacy.close();
    }
  });

  test('a client that misses a version re-reads once and is exact again', async () => {
    const client = new DeltaClient(h.server.url);
    try {
      await waitUntil(() => client.deltas >= 2, { what: 'two deltas' });
      client.drop = true;
      await waitUntil(() => client.snapshots === 2, { what: 'the re-read snapshot' });
      await waitUntil(() => client.deltas >= 6, { what: 'more deltas' });
      assert.equal(client.snapshots, 2, 'one re-read, not a loop');
      await assertSameAsRest(client);
    } finally {
      client.socket.close();
    }
  });
});
