// A killed replica reaches the socket as unreachable on its own, before the cycle in flight ends:
// a frozen node holds every full cycle for its whole deadline (1 s here), and the replica killed
// at the moment it froze is on the dashboard as unreachable while the frozen one still shows up.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  Topology,
  TopologyEvent,
  TopologySnapshot,
} from '../lib/contracts';
import { applyTopologyPatch } from '../lib/topology/topology-delta';
import { startHarness, type Harness } from './helpers/server';
import { waitUntil } from './helpers/wait-until';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('kill detection outside the poll cycle', { timeout: 90_000 }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      sandbox: {
        shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }, { name: 'r3', upstream: 'm' }],
        masterPersistence: 'none',
      },
      pollMs: 2000,
    });
    await h.until((t) => t.nodes.length === 4 && t.links.filter((l) => l.linkStatus === 'up').length === 3, 'the whole tree', 30_000);
  });
  after(async () => {
    if (h?.sandbox.nodes.find((n) => n.name === 'r3')?.paused) h.sandbox.resume('r3');
    await h?.stop();
  });

  test('a killed replica is shown unreachable before a frozen node is, and only once', async () => {
    const id = (name: string) => h.sandbox.nodes.find((n) => n.name === name)?.id as string;
    const [killed, frozen] = [id('r1'), id('r3')];
    // What a delta client shows, in the order it shows it: [killed reachable, frozen reachable].
    const shown: Array<[boolean | undefined, boolean | undefined]> = [];
    const events: TopologyEvent[] = [];
    let held: Topology | null = null;
    let version: number | null = null;
    const keep = (t: Topology) => {
      held = t;
      const reachable = (nodeId: string) => t.nodes.find((n) => n.id === nodeId)?.reachable;
      shown.push([reachable(killed), reachable(frozen)]);
    };
    const client: ClientSocket = io(h.server.url, { transports: ['websocket'], query: { topology: 'delta' } });
    client.on('topology:snapshot', (snap: TopologySnapshot) => {
      version = snap.version ?? null;
      keep(snap.topology);
    });
    client.on('topology:delta', (patch) => {
      const next = held && version !== null ? applyTopologyPatch(held, version, patch) : null;
      if (!next) return void client.emit('topology:resync');
      version = patch.version;
      keep(next);
    });
    client.on('topology:event', (e) => events.push(e));
    try {
      await waitUntil(() => shown.length > 0 && shown.at(-1)?.[0] === true && shown.at(-1)?.[1] === true, { what: 'the client sees both up' });
      h.sandbox.pause('r3');
      await h.sandbox.kill('r1');
      await waitUntil(() => shown.at(-1)?.[1] === false, { what: 'the frozen node shown unreachable', timeoutMs: 15_000 });
      const firstDown = shown.findIndex(([k]) => k === false);
      assert.deepEqual(shown[firstDown], [false, true], 'the killed replica was shown unreachable while the frozen node still showed up');
      // Two more full cycles: the killed replica stays down, announced once.
      const cycles = h.server.monitor.cycles;
      await waitUntil(() => h.server.monitor.cycles >= cycles + 2, { what: 'two more cycles', timeoutMs: 15_000 });
      assert.ok(shown.slice(firstDown).every(([k]) => k === false), 'never shown reachable again');
      assert.equal(events.filter((e) => e.kind === 'node_unreachable' && e.nodeId === killed).length, 1);
    } finally {
      client.close();
    }
  });
});
