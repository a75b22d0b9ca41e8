import { chromium } from 'playwright-core';
const [url] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
});
await page.goto(url);
await page.waitForSelector('[data-testid=log-row]');
await page.evaluate(() => { window.__long = []; });
const t0 = Date.now();
const c0 = await page.locator('[data-testid=log-count]').first().textContent();
await page.waitForTimeout(10000);
const c1 = await page.locator('[data-testid=log-count]').first().textContent();
const long = await page.evaluate(() => window.__long);
const rows = await page.locator('[data-testid=log-row]').count();
console.log({ c0, c1, rows, longTasks: long.length, longTotal: Math.round(long.reduce((a, b) => a + b, 0)), max: Math.round(Math.max(0, ...long)), ms: Date.now() - t0 });
await browser.close();
