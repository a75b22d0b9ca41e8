import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '../server/sandbox';
import { startHarness, type Harness } from './helpers/server';

describe('scheduled canary (seed §5.2)', () => {
  let h: Harness;
  before(async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'replicaops-canary-')), 'config.json');
    writeFileSync(file, JSON.stringify({ consistency: { canaryEveryMs: 10_000 } }));
    h = await startHarness({ sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] }, env: { REPLICAOPS_CONFIG: file } });
    await h.until((t) => t.links.length === 1 && t.links[0]!.linkStatus === 'up', 'link up');
  });
  after(() => h?.stop());

  test('runs by itself on its interval and every replica sees the canary', async () => {
    await waitFor(() => h.server.checks.list(10).some((c) => c.kind === 'canary' && c.state === 'done'), 20_000, { what: 'a scheduled canary' });
    const run = h.server.checks.list(10).find((c) => c.kind === 'canary')!;
    const detail = h.server.checks.get(run.id)!;
    assert.equal(detail.kind, 'canary');
    if (detail.kind === 'canary') {
      assert.equal(detail.report.failed, 0);
      assert.deepEqual(detail.report.replicas.map((r) => r.replica), [h.sandbox.node('r1').id]);
    }
  });
});
