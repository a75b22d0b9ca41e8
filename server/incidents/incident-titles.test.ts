// Which incident a Sentinel failover lands in and what that incident is called: a standing risk
// on the master (split_brain_unguarded) must not swallow it, and the failover names the
// incident of the outage it ends.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Finding, FindingKind } from '../../lib/contracts';
import { findingKey } from '../../lib/diagnosis/finding-key';
import { freezeFinding } from '../../lib/diagnosis/finding-tracker';
import { openDatabase } from '../store/database';
import { IncidentStore } from '../store/incident-store';
import { IncidentService } from './incident-service';

const A = '127.0.0.1:7001';
const B = '127.0.0.1:7002';
const T0 = Date.UTC(2026, 11, 3, 10, 0, 0);
const EMPTY = { generatedAt: T0, nodes: [], links: [] };

function service(t: { after(fn: () => void): void }): IncidentService {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-titles-'));
  const db = openDatabase(dir);
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return new IncidentService(new IncidentStore(db));
}

function finding(id: string, kind: FindingKind, title: string, over: Partial<Finding> = {}) {
  const f = freezeFinding({
    id,
    kind,
    severity: 'warning',
    nodeId: A,
    title: { en: title, zh: title },
    detail: { en: '…', zh: '…' },
    evidence: [],
    remedy: { text: '…', textZh: '…' },
    openedAt: T0,
    lastSeenAt: T0,
    state: 'open',
    ...over,
  });
  return { finding: f, key: findingKey({ kind, subject: id }), rootNodeId: A };
}

const failover = (to: string) => finding('f-fo', 'failover_in_progress', `Sentinel failover of mymaster: ${A} → ${to}`);
const unguarded = finding('f-sb', 'split_brain_unguarded', `${A} (Sentinel master mymaster) accepts writes with no replica: min-replicas-to-write 0`);

test('a Sentinel failover opens its own incident beside the standing split_brain_unguarded warning', (t) => {
  const incidents = service(t);
  incidents.apply({ opened: [unguarded], updated: [], resolved: [] }, EMPTY, T0);
  incidents.apply({ opened: [failover('…')], updated: [], resolved: [] }, EMPTY, T0 + 60_000);
  const open = incidents.list({ state: 'open', limit: 10 });
  assert.equal(open.length, 2);
  assert.ok(open.some((i) => i.title === `Sentinel failover of mymaster: ${A} → …`), JSON.stringify(open.map((i) => i.title)));
  assert.ok(open.some((i) => i.title.startsWith(`${A} (Sentinel master mymaster) accepts writes`)));
});

test('the failover incident follows its title once Sentinel has chosen the replica', (t) => {
  const incidents = service(t);
  incidents.apply({ opened: [failover('…')], updated: [], resolved: [] }, EMPTY, T0);
  incidents.apply({ opened: [], updated: [failover(B)], resolved: [] }, EMPTY, T0 + 2000);
  const [inc] = incidents.list({ state: 'open', limit: 10 });
  assert.equal(inc?.title, `Sentinel failover of mymaster: ${A} → ${B}`);
  assert.equal(inc?.titleI18n?.zh, `Sentinel failover of mymaster: ${A} → ${B}`);
});

test('a failover that ends an outage names the outage incident; the standing warning stays apart', (t) => {
  const incidents = service(t);
  incidents.apply({ opened: [unguarded], updated: [], resolved: [] }, EMPTY, T0);
  const down = finding('f-down', 'node_unreachable', `master ${A} is unreachable`, { severity: 'critical' });
  incidents.apply({ opened: [down], updated: [], resolved: [] }, EMPTY, T0 + 60_000);
  incidents.apply({ opened: [failover(B)], updated: [], resolved: [] }, EMPTY, T0 + 65_000);
  const open = incidents.list({ state: 'open', limit: 10 });
  assert.equal(open.length, 2);
  const outage = open.find((i) => i.findingIds.includes('f-down'));
  assert.equal(outage?.title, `Sentinel failover of mymaster: ${A} → ${B}`);
  assert.ok(outage?.findingIds.includes('f-fo'));
  assert.equal(outage?.severity, 'critical');
  const risk = open.find((i) => i.findingIds.includes('f-sb'));
  assert.deepEqual(risk?.findingIds, ['f-sb']);
});
