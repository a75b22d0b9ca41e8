// A node that stops answering: its page says how old its values are ("last seen … ago"), greys
// them with no green verdicts, and lists its replicas from the live topology.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, type E2E } from './harness';

describe('a dead node’s page in a real browser', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.stop());

  test('a killed middle replica’s page shows "last seen", greyed values and no verdicts', async () => {
    const r1 = e.sandbox.node('r1');
    const page = await e.newPage();
    await page.goto(`${e.url}/nodes/${encodeURIComponent(r1.id)}`);
    await page.locator('[data-testid="info-field-row"][data-field="master_link_status"]').waitFor();
    await e.sandbox.kill('r1', 'SIGTERM');
    const stale = page.locator('[data-testid="node-stale"]');
    await stale.waitFor({ timeout: 15_000 });
    assert.match((await stale.textContent()) ?? '', /last seen/i);
    await page.waitForSelector('[data-testid="replication-table"][data-stale="true"]', { timeout: 15_000 });
    // The values stay (greyed) but no row claims to be "Normal", and the dead node's last list of
    // replicas (slave0 …) is not shown as if it were current.
    assert.equal(await page.locator('[data-testid="replication-table"] [data-testid="field-stale"]').count() > 0, true);
    assert.doesNotMatch((await page.locator('[data-testid="replication-table"]').textContent()) ?? '', /Normal/);
    assert.equal(await page.locator('[data-testid="info-field-row"][data-field="slave0"]').count(), 0);
    const api = (await (await fetch(`${e.url}/api/nodes/${encodeURIComponent(r1.id)}`)).json()) as { stale?: boolean };
    assert.equal(api.stale, true);
    await page.context().close();
  });
});
