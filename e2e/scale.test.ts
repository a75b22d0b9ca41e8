// The compact overview in a real browser: a 61-node tree (1 master → 3 → 19 each) fits on two
// screens, a search finds one node and keeps the query in the URL, and a killed replica shows
// up first, expanded, without a reload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ShapeEntry } from '../server/sandbox';
import { startE2E, type E2E } from './harness';

function shape(): ShapeEntry[] {
  const out: ShapeEntry[] = [{ name: 'm' }];
  for (let r = 1; r <= 3; r++) {
    out.push({ name: `r${r}`, upstream: 'm' });
    for (let s = 1; s <= 19; s++) out.push({ name: `r${r}s${s}`, upstream: `r${r}` });
  }
  return out;
}

describe('compact overview of a 61-node tree', { timeout: 240_000 }, () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ shape: shape() });
  });
  after(() => e?.stop());

  test('the whole tree fits on two screens, one cell per node, healthy subtrees folded', async () => {
    const page = await e.newPage();
    await page.goto(e.url);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="status-cell"]').length === 61,
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="status-cell"][data-status="ok"]').length === 61,
      undefined,
      { timeout: 60_000 },
    );
    assert.equal(
      await page.locator('[data-testid="topology-node"]').count(),
      0,
      'no full-size card per node',
    );
    // The healthy tree folds into one group of 60 replicas under the master. The view is live:
    // a link can show a passing gap (the heartbeat writes) in the update after the one that made
    // every cell OK, so wait for the folded group rather than read whichever update is on screen.
    await page.waitForFunction(
      () => /→ 60 /.test(document.querySelector('[data-testid="compact-group"]')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    const { doc, viewport } = await page.evaluate(() => ({
      doc: document.documentElement.scrollHeight,
      viewport: window.innerHeight,
    }));
    assert.ok(doc <= 2 * viewport, `document ${doc} px tall, viewport ${viewport} px`);
    await page.context().close();
  });

  test('"/" focuses the search, which finds a node by port and keeps the query in the URL', async () => {
    const page = await e.newPage();
    await page.goto(e.url);
    await page.locator('[data-testid="compact-search"]').waitFor({ timeout: 60_000 });
    const target = e.sandbox.node('r2s11');
    await page.keyboard.press('/');
    await page.keyboard.type(String(target.port));
    const rows = page.locator('[data-testid="compact-results"] [data-testid="compact-node"]');
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="compact-results"] [data-testid="compact-node"]')
          .length === 1,
    );
    assert.equal(await rows.first().getAttribute('data-node-id'), target.id);
    assert.equal(new URL(page.url()).searchParams.get('q'), String(target.port));
    // The link opens the node page.
    await rows.first().click();
    await page.waitForURL((u) => u.pathname === `/nodes/${encodeURIComponent(target.id)}`);
    await page.context().close();
  });

  test('a killed replica comes first, expanded down to it, live', async () => {
    const page = await e.newPage();
    await page.goto(e.url);
    await page.locator('[data-testid="status-cell"]').nth(60).waitFor({ timeout: 60_000 });
    const victim = e.sandbox.node('r3s4');
    await e.sandbox.kill('r3s4');
    const first = page.locator('[data-testid="status-cell"]').first();
    await page.waitForFunction(
      (id) =>
        document.querySelector('[data-testid="status-cell"]')?.getAttribute('data-node-id') === id,
      victim.id,
      { timeout: 15_000 },
    );
    assert.equal(await first.getAttribute('data-status'), 'critical');
    assert.equal(
      await page.locator(`[data-testid="compact-node"][data-node-id="${victim.id}"]`).count(),
      1,
    );
    await page.context().close();
  });
});
