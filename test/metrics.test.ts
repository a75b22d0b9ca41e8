// GET /metrics against a real sandbox tree: the series a Prometheus user would graph and alert on,
// with labels naming the right nodes, in text that parses line by line as exposition format.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding, Topology } from '../lib/contracts';
import { metricsRoutes } from '../server/http/metrics.routes';
import { Router } from '../server/http/router';
import { IncidentService } from '../server/incidents/incident-service';
import { openDatabase, type Db } from '../server/store/database';
import { findingKey } from '../lib/diagnosis/finding-key';
import { IncidentStore } from '../server/store/incident-store';
import { SECTION_EVERY_MS } from '../server/monitor/poll-tiers';
import { waitFor } from '../server/sandbox/wait';
import { startHarness, type Harness } from './helpers/server';

interface Parsed {
  types: Map<string, string>;
  samples: Array<{ name: string; labels: Record<string, string>; value: number }>;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const SAMPLE = new RegExp(
  `^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*,?)?\\})? (NaN|[+-]Inf|[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)(?: -?\\d+)?$`,
);

/** A strict line-by-line reader of the 0.0.4 text format: any line it cannot read fails the test. */
function parseExposition(text: string): Parsed {
  assert.ok(text.endsWith('\n'), 'ends with a line feed');
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const finished = new Set<string>();
  let current = '';
  const samples: Parsed['samples'] = [];
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    const where = `line ${i + 1}: ${line}`;
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(line))) {
      assert.ok(!helped.has(m[1]!), `HELP twice, ${where}`);
      helped.add(m[1]!);
    } else if (
      (m = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line))
    ) {
      assert.ok(!types.has(m[1]!), `TYPE twice, ${where}`);
      types.set(m[1]!, m[2]!);
      if (current) finished.add(current);
      current = m[1]!;
    } else if ((m = SAMPLE.exec(line))) {
      const name = m[1]!;
      assert.ok(types.has(name), `sample before its TYPE, ${where}`);
      assert.ok(!finished.has(name), `family interleaved, ${where}`);
      const labels: Record<string, string> = {};
      for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
        labels[k!] = v!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]);
      samples.push({ name, labels, value });
    } else assert.fail(`not exposition format, ${where}`);
  }
  return { types, samples };
}

function find(p: Parsed, name: string, labels: Record<string, string>) {
  return p.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

describe('GET /metrics on a real master → replica → sub-replica tree', () => {
  let h: Harness;
  let db: Db;
  let dir: string;
  let incidents: IncidentService;
  let api: Server;
  let base: string;
  const ids: Record<string, string> = {};

  before(async () => {
    h = await startHarness({
      sandbox: {
        shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'r1' }],
      },
    });
    for (const n of h.sandbox.nodes) ids[n.name] = n.id;
    dir = mkdtempSync(path.join(tmpdir(), 'replicaops-metrics-'));
    db = openDatabase(dir);
    incidents = new IncidentService(new IncidentStore(db));
    // The route on its own router, so the test does not depend on app-server wiring.
    const router = new Router();
    metricsRoutes(router, h.server.monitor, incidents);
    api = createServer(
      (req, res) => void router.handle(req, res, new URL(req.url ?? '/', 'http://x')),
    );
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    await h.until(
      (t) =>
        t.nodes.length === 3 &&
        t.links.length === 2 &&
        t.links.every(
          (l) => l.linkStatus === 'up' && l.offsetGapBytes !== null && l.lagSeconds !== null,
        ),
      'tree up with gaps and lags',
    );
  });
  after(async () => {
    await new Promise<void>((r) => api?.close(() => r()));
    await h?.stop();
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function scrape(): Promise<Parsed> {
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return parseExposition(await res.text());
  }

  test('every node is up with its role, every link has link-up, lag and gap series labelled by its ends', async () => {
    const p = await scrape();
    for (const name of ['m', 'r1', 'r2']) {
      assert.equal(find(p, 'redis_up', { addr: ids[name]! })[0]?.value, 1, `redis_up ${name}`);
      assert.equal(
        find(p, 'redis_instance_info', {
          addr: ids[name]!,
          role: name === 'm' ? 'master' : 'replica',
        }).length,
        1,
      );
      assert.ok(find(p, 'redis_memory_used_bytes', { addr: ids[name]! })[0]!.value > 0);
      assert.equal(
        typeof find(p, 'redis_master_repl_offset', { addr: ids[name]! })[0]?.value,
        'number',
      );
    }
    assert.equal(find(p, 'redis_connected_slaves', { addr: ids.m! })[0]?.value, 1);
    for (const [replica, upstream] of [
      ['r1', 'm'],
      ['r2', 'r1'],
    ] as const) {
      const r = ids[replica]!;
      const u = ids[upstream]!;
      assert.equal(
        find(p, 'redis_master_link_up', { addr: r, master_addr: u })[0]?.value,
        1,
        `link_up ${replica}`,
      );
      assert.equal(
        find(p, 'redis_connected_slave_lag_seconds', { addr: u, slave_addr: r }).length,
        1,
        `lag ${replica}`,
      );
      const gap = find(p, 'replicaops_link_offset_gap_bytes', { upstream: u, replica: r });
      assert.equal(gap.length, 1, `gap ${replica}`);
      assert.ok(gap[0]!.value >= 0);
      assert.equal(
        find(p, 'replicaops_link_status', { upstream: u, replica: r, status: 'up' })[0]?.value,
        1,
      );
      assert.equal(
        find(p, 'replicaops_link_status', { upstream: u, replica: r, status: 'down' })[0]?.value,
        0,
      );
    }
    assert.equal(p.types.get('redis_replica_resyncs_full'), 'gauge');
    // CPU % needs two reads of a node's cpu section, which rides the slower poll tier
    // (poll.sectionEveryMs, each node at its own offset): until then the node has no figure
    // (unknown is not 0), and after its second read every node has one, 0–100+ %.
    let cpu = find(await scrape(), 'replicaops_node_cpu_percent', {});
    assert.ok(cpu.length <= 3, 'at most one CPU figure per node');
    const tierMs = SECTION_EVERY_MS.cpu; // the harness keeps the default tier
    await waitFor(
      async () => (cpu = find(await scrape(), 'replicaops_node_cpu_percent', {})).length === 3,
      2 * tierMs + 10_000,
      { what: 'a CPU figure for every node', intervalMs: 200 },
    );
    assert.equal(cpu.length, 3, 'one CPU figure per node');
    assert.ok(cpu.every((c) => c.value >= 0 && c.value < 400), JSON.stringify(cpu));
    assert.equal(find(p, 'replicaops_nodes', {})[0]?.value, 3);
    assert.ok(find(p, 'replicaops_poll_cycles_total', {})[0]!.value >= 1);
    assert.equal(
      find(p, 'replicaops_findings_open', { kind: 'link_down', severity: 'critical' })[0]?.value,
      0,
    );
  });

  test('a killed sub-replica shows redis_up 0, its link down, and an open finding counted', async () => {
    await h.sandbox.kill('r2');
    const t: Topology = await h.until(
      (t) =>
        t.nodes.find((n) => n.id === ids.r2)?.reachable === false &&
        t.links.find((l) => l.replica === ids.r2)?.linkStatus === 'down',
      'r2 down',
    );
    const now = Date.now();
    const f: Finding = {
      id: 'f-metrics-1',
      kind: 'link_down',
      severity: 'critical',
      nodeId: ids.r2,
      link: { upstream: ids.r1!, replica: ids.r2! },
      title: { en: 'Link down', zh: '链路断开' },
      detail: { en: '-', zh: '-' },
      openedAt: now,
      lastSeenAt: now,
      state: 'open',
      evidence: [],
      remedy: { text: '-', textZh: '-' },
    };
    incidents.apply(
      { opened: [{ finding: f, key: findingKey({ kind: f.kind, subject: f.link?.replica ?? f.nodeId ?? 'topology' }) }], updated: [], resolved: [] },
      t,
      now,
    );
    const p = await scrape();
    assert.equal(find(p, 'redis_up', { addr: ids.r2! })[0]?.value, 0);
    // A node that does not answer has no memory figure rather than a stale one.
    assert.equal(find(p, 'redis_memory_used_bytes', { addr: ids.r2! }).length, 0);
    assert.equal(
      find(p, 'redis_master_link_up', { addr: ids.r2!, master_addr: ids.r1! })[0]?.value,
      0,
    );
    assert.equal(
      find(p, 'replicaops_link_status', { upstream: ids.r1!, replica: ids.r2!, status: 'down' })[0]
        ?.value,
      1,
    );
    assert.equal(
      find(p, 'replicaops_findings_open', { kind: 'link_down', severity: 'critical' })[0]?.value,
      1,
    );
    assert.equal(find(p, 'redis_up', { addr: ids.m! })[0]?.value, 1);
  });
});
