import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startE2E, type E2E } from './harness';

describe('health reports in the browser', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.stop());

  test('the report page renders in English and Chinese and exports Markdown', async () => {
    const page = await e.newPage();
    await page.goto(`${e.url}/reports`);
    await page.waitForSelector('[data-testid="report-summary"]', { timeout: 20_000 });
    assert.match((await page.locator('h1').first().textContent()) ?? '', /Health report/);
    // Every node of the sandbox has its section with an availability check.
    await page.waitForSelector(
      `[data-node="${e.sandbox.node('m').id}"] [data-check="availability"]`,
    );

    const download = page.waitForEvent('download');
    await page.locator('[data-testid="export-md"]').click();
    const file = await (await download).path();
    assert.match(readFileSync(file, 'utf8'), /^# Health report — Day/);

    await page.locator('[data-testid="lang-switch"] button[data-locale="zh-CN"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.match((await page.locator('h1').first().textContent()) ?? '', /健康报告/);
    const zhDownload = page.waitForEvent('download');
    await page.locator('[data-testid="export-md"]').click();
    assert.match(readFileSync(await (await zhDownload).path(), 'utf8'), /^# 健康报告 — 日/);
    await page.context().close();
  });
});
