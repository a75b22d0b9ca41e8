import { chromium } from 'playwright-core';
const [url] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const counts = {}; let bytes = 0;
page.on('websocket', (ws) => ws.on('framereceived', (f) => { const s = String(f.payload); bytes += s.length; const m = /^\d+\["([^"]+)"/.exec(s); const k = m ? m[1] : s.slice(0, 3); counts[k] = (counts[k] ?? 0) + 1; }));
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
});
await page.goto(url);
await page.waitForTimeout(3000);
for (const k in counts) delete counts[k]; bytes = 0;
await page.evaluate(() => { window.__long = []; });
await page.waitForTimeout(5000);
const long = await page.evaluate(() => window.__long);
console.log({ counts, kb: Math.round(bytes / 1024), longTasks: long.length, longTotal: Math.round(long.reduce((a, b) => a + b, 0)) });
await browser.close();
