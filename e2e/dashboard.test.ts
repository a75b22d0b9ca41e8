import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { droppedPayloads, startE2E, type E2E } from './harness';

describe('dashboard in a real browser against the production build', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.stop());

  test('the overview shows the 4-node tree with 3 edges, all healthy', async () => {
    const page = await e.newPage();
    await page.goto(e.url);
    await page.locator('[data-testid="topology-node"]').nth(3).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="topology-link"][data-link-status="up"]').length === 3);
    assert.equal(await page.locator('[data-testid="topology-node"]').count(), 4);
    assert.equal(await page.locator('[data-testid="topology-link"]').count(), 3);
    for (const n of e.sandbox.nodes) {
      const card = page.locator(`[data-testid="topology-node"][data-node-id="${n.id}"]`);
      assert.equal(await card.getAttribute('data-status'), 'ok', n.id);
      assert.match((await card.textContent()) ?? '', new RegExp(String(n.port)));
    }
    // Below the tree, one live gap chart per link, each filling from the samples.
    assert.equal(await page.locator('[data-testid="link-lag-chart"]').count(), 3);
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid="link-lag-chart"] figure')].every((f) => Number(f.getAttribute('data-points')) >= 2),
      undefined,
      { timeout: 15_000 },
    );
    await page.context().close();
  });

  test('killing a replica turns it red live, without a reload', async () => {
    const page = await e.newPage();
    await page.goto(e.url);
    const r2 = e.sandbox.node('r2');
    const card = page.locator(`[data-testid="topology-node"][data-node-id="${r2.id}"]`);
    await card.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="live-indicator"]')?.getAttribute('data-connected') === 'true');
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await e.sandbox.kill('r2');
    await page.waitForSelector(`[data-testid="topology-node"][data-node-id="${r2.id}"][data-status="critical"]`, { timeout: 10_000 });
    await page.waitForSelector(`[data-testid="topology-link"][data-replica="${r2.id}"][data-link-status="down"]`, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload), true, 'page was reloaded');
    assert.equal(await card.getAttribute('data-reachable'), 'false');
    assert.match((await card.textContent()) ?? '', /unreachable/i);
    await e.sandbox.restart('r2');
    await page.waitForSelector(`[data-testid="topology-node"][data-node-id="${r2.id}"][data-status="ok"]`, { timeout: 20_000 });
    await page.context().close();
  });

  test('the node page shows every replication field with its meaning and a live chart with points', async () => {
    const page = await e.newPage();
    const r1 = e.sandbox.node('r1');
    await page.goto(`${e.url}/nodes/${encodeURIComponent(r1.id)}`);
    const row = page.locator('[data-testid="info-field-row"][data-field="master_link_status"]');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /up/);
    assert.ok((await page.locator('[data-testid="info-field-row"]').count()) >= 15);
    for (const f of ['role', 'master_host', 'slave_repl_offset', 'slave_read_only', 'master_replid'])
      assert.equal(await page.locator(`[data-testid="info-field-row"][data-field="${f}"]`).count(), 1, f);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-offsetGapBytes"]')?.getAttribute('data-points') ?? 0) >= 3, undefined, { timeout: 15_000 });
    const before = Number(await page.locator('[data-testid="chart-lagSeconds"]').getAttribute('data-points'));
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="chart-lagSeconds"]')?.getAttribute('data-points') ?? 0) > n, before, { timeout: 10_000 });
    assert.ok((await page.locator('[data-testid="chart-offsetGapBytes"] svg path').count()) > 0, 'chart has a drawn line');
    assert.deepEqual(await droppedPayloads(page), [], 'every live sample and log line matched its contract');
    await page.context().close();
  });

  test("the network check on a replica's page checks the node and the master it dials, step by step", async () => {
    const page = await e.newPage();
    const r1 = e.sandbox.node('r1');
    await page.goto(`${e.url}/nodes/${encodeURIComponent(r1.id)}`);
    await page.locator('[data-testid="netcheck-run"]').click();
    const summary = page.locator('[data-testid="netcheck-summary"]');
    await summary.waitFor({ timeout: 15_000 });
    assert.match((await summary.textContent()) ?? '', /both reachable/);
    const targets = page.locator('[data-testid="netcheck-target"]');
    assert.equal(await targets.count(), 2, 'the node and its master');
    // ok, or warning when the shared machine makes a loopback PING slower than 10 ms.
    assert.match((await targets.nth(0).getAttribute('data-state')) ?? '', /^(ok|warning)$/);
    assert.match((await targets.nth(0).locator('[data-testid="netcheck-step-ping"]').getAttribute('data-state')) ?? '', /^(ok|warning)$/);
    assert.match((await targets.nth(1).textContent()) ?? '', new RegExp(`:${e.sandbox.node('m').port}`));
    // The CPU chart sits beside the others and fills from the live samples.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-cpuPct"]')?.getAttribute('data-points') ?? 0) >= 2, undefined, { timeout: 15_000 });
    await page.context().close();
  });

  test('switching the language to 中文 changes the labels', async () => {
    const page = await e.newPage();
    await page.goto(e.url);
    const summary = page.locator('[data-testid="summary-bar"]');
    await summary.waitFor();
    const english = (await summary.textContent()) ?? '';
    await page.locator('[data-testid="lang-switch"]').getByText('中文').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const chinese = (await summary.textContent()) ?? '';
    assert.notEqual(chinese, english);
    assert.match(chinese, /[\u4e00-\u9fff]/, 'summary bar speaks Chinese');
    await page.reload();
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /[\u4e00-\u9fff]/, 'the choice survives a reload');
    await page.context().close();
  });
});
