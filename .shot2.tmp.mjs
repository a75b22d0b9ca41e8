import { chromium } from 'playwright-core';
const [url, out, selector, actions] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const errors = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(url);
await page.waitForSelector(selector, { timeout: 15000 }).catch((e) => errors.push('wait: ' + e.message));
if (actions) { const fn = new Function('page', `return (async () => { ${actions} })()`); await fn(page); }
await page.waitForTimeout(1200);
const el = page.locator(selector).first();
await el.scrollIntoViewIfNeeded();
await page.waitForTimeout(300);
await el.screenshot({ path: out });
console.log(JSON.stringify({ url: page.url(), errors }));
await browser.close();
