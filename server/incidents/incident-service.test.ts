import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../lib/contracts';
import { openDatabase } from '../store/database';
import { IncidentStore } from '../store/incident-store';
import { IncidentService } from './incident-service';

const R = '127.0.0.1:7002';
const OPENED = Date.UTC(2026, 10, 26, 13, 50, 54);

test('an incident keeps the abnormal lines of the last 30 s but only the notable ones of the last 5 s', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-incidents-'));
  const db = openDatabase(dir);
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const incidents = new IncidentService(new IncidentStore(db));
  // Lines as a killed replica's log holds them: start-up noise 14 s before, the fault just before.
  const line = (agoMs: number, verdict: string, category: string, message: string) => ({
    nodeId: R,
    time: OPENED - agoMs,
    message,
    verdict,
    category,
    raw: `4697:S 26 Nov 2026 13:50:40.260 # ${message}`,
  });
  incidents.useLogs(() => [
    line(14_000, 'notable', 'persistence_fork', 'WARNING Memory overcommit must be enabled!'),
    line(
      14_000,
      'notable',
      'full_resync',
      'Full resync from master: 35dff2b78492f33eb014961fae8d6fbf1b0b94b0:0',
    ),
    line(12_000, 'abnormal', 'link_lost', 'Error condition on socket for SYNC: Connection refused'),
    line(1_000, 'notable', 'link_lost', 'Connection with master lost.'),
    line(500, 'normal', 'normal_progress', 'Connecting to MASTER 127.0.0.1:7001'),
  ]);
  const key = `node_unreachable:${R}`;
  const finding = {
    id: 'f-1',
    kind: 'node_unreachable',
    severity: 'critical',
    cause: 'connection_refused',
    nodeId: R,
    title: { en: `replica ${R} is unreachable`, zh: '…' },
    detail: { en: '…', zh: '…' },
    evidence: [],
    remedy: { text: '…', textZh: '…' },
    openedAt: OPENED,
    lastSeenAt: OPENED,
    state: 'open',
  } as unknown as Finding;
  incidents.apply(
    { opened: [{ finding, key }], updated: [], resolved: [] },
    { generatedAt: OPENED, nodes: [], links: [] },
    OPENED,
  );
  const [incident] = incidents.list({ state: 'open', limit: 5 });
  const kept = incidents
    .detail(incident!.id)!
    .timeline.filter((e) => e.type === 'log_line')
    .map((e) => e.summary);
  assert.deepEqual(kept, [
    'Error condition on socket for SYNC: Connection refused',
    'Connection with master lost.',
  ]);
});
