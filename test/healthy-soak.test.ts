import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../lib/contracts';
import { startHarness, type Harness } from './helpers/server';

// The false-alarm guard: a healthy tree — master with RDB persistence, the seed's recommended
// 16 MB backlog — under a steady write load must open nothing above `info`.
// (With the 1 MB default, 300 writes/s really do outgrow a 60 s outage: that warning is right.)
// How long is enough: a finding opens after 2 polls (openAfterPolls) and lag must hold 2 s
// (SUSTAIN_MS in replication-lag), so a false alarm shows within seconds; 40 s is ~80 polls,
// ten times the longest of those windows, with the write rate and history well established.
const SOAK_MS = 40_000;
const POLL_MS = 500;
describe('a healthy topology under write load', () => {
  let h: Harness;
  const seen = new Map<string, Finding>();
  before(async () => {
    h = await startHarness({ pollMs: POLL_MS, sandbox: { writeLoad: { opsPerSec: 300 }, commonConfig: { 'repl-backlog-size': '16mb' } } });
    h.server.incidents.on('finding-opened', (f) => seen.set(f.id, f));
    h.server.incidents.on('finding-updated', (f) => seen.set(f.id, f));
  });
  after(() => h?.stop());

  test('opens no warning or critical finding in 40 seconds of writes', async () => {
    await new Promise((r) => setTimeout(r, SOAK_MS));
    const serious = [...seen.values()].filter((f) => f.severity !== 'info');
    assert.deepEqual(
      serious.map((f) => `${f.kind}/${f.rule ?? ''} ${f.severity} ${f.nodeId ?? ''}: ${f.title.en}`),
      [],
    );
    // It really polled all along (not a measure of speed: three quarters of the polls suffice).
    assert.ok(h.server.monitor.cycles >= (0.75 * SOAK_MS) / POLL_MS, `only ${h.server.monitor.cycles} cycles`);
    const info = [...seen.values()].map((f) => `${f.kind}/${f.rule ?? ''}`);
    process.stdout.write(`# info findings on a healthy sandbox: ${[...new Set(info)].join(', ') || 'none'}\n`);
  });
});
