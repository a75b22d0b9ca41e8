import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { droppedPayloads, startE2E, type E2E } from './harness';

describe('guarded repair in the browser, with authentication on', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ users: [{ username: 'ada', password: 'ada-password-1', role: 'admin' }] });
  });
  after(() => e?.stop());

  test('log in, open a finding\'s Fix, confirm, watch it run, see the result and its audit entry', async () => {
    const page = await e.newPage();
    await page.goto(e.url);
    // No session: the server sends the browser to the login page.
    await page.waitForURL(/\/login/);
    await page.locator('input[name="username"]').fill('ada');
    await page.locator('input[name="password"]').fill('ada-password-1');
    await page.locator('[data-testid="login-submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.locator('[data-testid="topology-node"]').nth(3).waitFor();

    // A replica made writable: the finding offers the config.apply fix.
    const r1 = await e.sandbox.client('r1');
    await r1.config('SET', 'replica-read-only', 'no');
    const finding = page.locator('[data-testid="finding"][data-kind="replica_writable"]');
    await finding.waitFor({ timeout: 15_000 });
    await finding.locator('[data-testid="finding-fix"]').click();
    const dialog = page.locator('[data-testid="action-dialog"]');
    await dialog.waitFor();
    await dialog.locator('[data-testid="preflight-check"]').first().waitFor();
    assert.match((await dialog.textContent()) ?? '', /replica-read-only/);
    await dialog.locator('[data-testid="action-execute"]').click();
    const result = dialog.locator('[data-testid="action-result"]');
    await result.waitFor({ timeout: 30_000 });
    assert.equal(await result.getAttribute('data-state'), 'succeeded');
    assert.ok((await dialog.locator('[data-testid="action-step"][data-state="ok"]').count()) >= 1);
    assert.equal(await r1.config('GET', 'replica-read-only').then((r) => (r as string[])[1]), 'yes');
    assert.deepEqual(await droppedPayloads(page), [], 'every action progress and result push matched its contract');

    // The audit trail has the run, by ada, and the chain verifies.
    await page.goto(`${e.url}/audit`);
    const row = page.locator('[data-testid="audit-row"]').first();
    await row.waitFor({ timeout: 10_000 });
    assert.match((await row.textContent()) ?? '', /ada/);
    assert.match((await page.locator('[data-testid="audit-row"]').allTextContents()).join(' '), /config\.apply/);
    await page.locator('[data-testid="audit-verify"]').click();
    await page.waitForSelector('[data-testid="audit-verify-result"][data-ok="true"]', { timeout: 10_000 });
    await page.context().close();
  });
});
