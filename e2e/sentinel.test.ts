// The Sentinel frame and a Sentinel failover in a real browser against the production build,
// with three real Sentinels watching the sandbox master.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, type E2E } from './harness';

describe('Sentinel in the dashboard', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ sentinels: { downAfterMs: 1000, failoverTimeoutMs: 6000 } });
  });
  after(() => e?.stop());

  test('the overview frames the tree with its Sentinels, the quorum and both masters; a failover updates it live and lands on an incident', async () => {
    const page = await e.newPage();
    await page.goto(e.url);
    const frame = page.locator('[data-testid="sentinel-group"][data-name="mymaster"]');
    await frame.waitFor({ timeout: 30_000 });
    const m = e.sandbox.node('m').id;
    await page.waitForFunction(
      () => /3 of 3 Sentinels reachable · Failover possible/.test(document.querySelector('[data-testid="sentinel-quorum"]')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    assert.equal(await frame.locator('[data-testid="sentinel-chip"]').count(), 3);
    assert.match((await frame.locator('[data-testid="sentinel-master"]').textContent()) ?? '', new RegExp(`Sentinel says master: ${m.replace(/\./g, '\\.')}.*Nodes say master: ${m.replace(/\./g, '\\.')}.*agree`));
    // The whole 4-node tree sits inside the frame.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sentinel-group"] [data-testid="topology-node"]').length === 4);

    // Sentinel's own settings from the frame: the form plans SENTINEL SET on every Sentinel.
    await frame.getByRole('button', { name: 'Change Sentinel settings' }).click();
    await frame.locator('[data-testid="sentinel-setting-parallel-syncs"]').fill('2');
    await frame.getByRole('button', { name: 'Plan the change' }).click();
    const dialog = page.locator('[data-testid="action-dialog"]');
    await dialog.locator('[data-testid="plan-step"]').first().waitFor({ timeout: 20_000 });
    const steps = await dialog.locator('[data-testid="plan-step"] code').allTextContents();
    assert.deepEqual(steps, ['SENTINEL SET mymaster parallel-syncs 2', 'SENTINEL SET mymaster parallel-syncs 2', 'SENTINEL SET mymaster parallel-syncs 2']);
    await dialog.locator('[data-testid="action-close"]').click();

    await e.sandbox.kill('m');
    await page.waitForFunction(() => /done/.test(document.querySelector('[data-testid="sentinel-failover"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const text = (await frame.locator('[data-testid="sentinel-master"]').textContent()) ?? '';
    assert.doesNotMatch(text.split('Nodes say')[0] ?? '', new RegExp(m.replace(/\./g, '\\.')));
    await page.waitForSelector('[data-testid="topology-event"][data-kind="sentinel"]');

    // The failover lands on the incident of the old master (not necessarily the newest row:
    // a replica Sentinel briefly did not list can open one of its own meanwhile).
    const withFailover = async (): Promise<string | null> => {
      const list = (await (await fetch(`${e.url}/api/incidents`)).json()) as { incidents: { id: string; nodeIds: string[]; rootNodeId?: string }[] };
      for (const inc of list.incidents) {
        if (inc.rootNodeId !== m && !inc.nodeIds.includes(m)) continue;
        const detail = (await (await fetch(`${e.url}/api/incidents/${inc.id}`)).json()) as { timeline: { summary: string }[] };
        if (detail.timeline.some((x) => /Sentinel failover of mymaster/.test(x.summary))) return inc.id;
      }
      return null;
    };
    let incidentId: string | null = null;
    for (let i = 0; i < 40 && !incidentId; i++) {
      incidentId = await withFailover();
      if (!incidentId) await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(incidentId, 'an incident of the old master records the Sentinel failover');
    await page.goto(`${e.url}/incidents`);
    await page.locator(`[data-testid="incident-row"] a[href$="${incidentId}"]`).first().click({ timeout: 20_000 });
    await page.waitForFunction(() => /\+switch-master/.test(document.body.textContent ?? '') && /Sentinel failover of mymaster/.test(document.body.textContent ?? ''), undefined, { timeout: 20_000 });
    await page.context().close();
  });
});
