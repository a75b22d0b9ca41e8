import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { droppedPayloads, startE2E, type E2E } from './harness';

describe('findings and incidents in the browser', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.stop());

  test('a killed replica lights the health light red, lists its findings, and the incident tells the story', async () => {
    const page = await e.newPage();
    await page.goto(e.url);
    const light = page.locator('[data-testid="health-light"]');
    await light.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="topology-link"][data-link-status="up"]').length === 3);
    assert.notEqual(await light.getAttribute('data-level'), 'critical');

    const r2 = e.sandbox.node('r2');
    await e.sandbox.kill('r2');
    await page.waitForSelector('[data-testid="health-light"][data-level="critical"]', { timeout: 15_000 });
    await page.waitForSelector(`[data-testid="finding"][data-kind="node_unreachable"][data-node-id="${r2.id}"]`, { timeout: 15_000 });
    const finding = page.locator(`[data-testid="finding"][data-kind="node_unreachable"]`).first();
    assert.equal(await finding.getAttribute('data-severity'), 'critical');
    // One root: the dead replica's own link is folded under it as a consequence, one click away.
    const rootId = await finding.getAttribute('data-finding-id');
    const folded = page.locator(`[data-testid="finding-consequences"][data-root-id="${rootId}"]`);
    await folded.waitFor({ timeout: 15_000 });
    await folded.locator('[data-testid="finding-consequences-toggle"]').click();
    await page.waitForSelector(`[data-testid="finding"][data-kind="link_down"][data-node-id="${r2.id}"]`, { timeout: 5_000 });

    // The incident list has it; its page shows the timeline and offers the postmortem.
    await page.goto(`${e.url}/incidents`);
    const row = page.locator('[data-testid="incident-row"][data-state="open"]').first();
    await row.waitFor({ timeout: 10_000 });
    await row.locator('a').first().click();
    await page.waitForSelector('[data-testid="timeline-entry"][data-type="finding_opened"]', { timeout: 10_000 });
    // Its findings read as one fault: the dead replica first, its own link folded under it.
    const incFindings = page.locator('[data-testid="incident-findings"]');
    const incRoot = incFindings.locator(`[data-testid="finding"][data-kind="node_unreachable"][data-node-id="${r2.id}"]`);
    await incRoot.waitFor({ timeout: 10_000 });
    assert.equal(await incFindings.locator('[data-testid="finding"]').first().getAttribute('data-kind'), 'node_unreachable', 'the root comes first');
    const incFolded = incFindings.locator(`[data-testid="finding-consequences"][data-root-id="${await incRoot.getAttribute('data-finding-id')}"]`);
    await incFolded.waitFor({ timeout: 5_000 });
    const ownLink = incFindings.locator(`[data-testid="finding"][data-kind="link_down"][data-node-id="${r2.id}"]`);
    assert.equal(await ownLink.count(), 0, 'the dead replica’s own link is folded, not listed beside its root');
    await incFolded.locator('[data-testid="finding-consequences-toggle"]').click();
    await ownLink.waitFor({ timeout: 5_000 });
    assert.ok((await page.locator('[data-testid="timeline-entry"][data-type="metric_snapshot"]').count()) >= 1);
    const href = await page.locator('[data-testid="postmortem-link"]').getAttribute('href');
    assert.ok(href);
    const md = await (await page.request.get(new URL(href, e.url).toString())).text();
    assert.match(md, /^# Postmortem: /);
    assert.match(md, /Time to detect/);

    // An operator acknowledges it; the timeline records who.
    await page.locator('[data-testid="ack-button"]').click();
    const nameInput = page.locator('[data-testid="operator-input"]');
    if (await nameInput.isVisible().catch(() => false)) {
      await nameInput.fill('e2e-operator');
      await page.locator('[data-testid="operator-save"]').click();
    }
    await page.waitForSelector('[data-testid="timeline-entry"][data-type="state_changed"]', { timeout: 10_000 });
    assert.match((await page.locator('[data-testid="timeline-entry"][data-type="state_changed"]').last().textContent()) ?? '', /e2e-operator/);

    await e.sandbox.restart('r2');
    await page.goto(e.url);
    await page.waitForSelector('[data-testid="health-light"]:not([data-level="critical"])', { timeout: 20_000 });
    assert.deepEqual(await droppedPayloads(page), [], 'every finding, incident and health push matched its contract');
    await page.context().close();
  });
});
