import { chromium } from 'playwright-core';
const base = 'http://localhost:3917';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function as(user) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', 'secret-pw');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${base}/`);
  return page;
}
const out = {};
for (const user of ['vic', 'ada']) {
  const page = await as(user);
  await page.goto(`${base}/nodes/${encodeURIComponent('127.0.0.1:33947')}`);
  await page.getByTestId('node-header').waitFor();
  await page.getByTestId('log-panel').waitFor();
  await page.waitForTimeout(1500);
  out[user + '.remove'] = await page.getByTestId('remove-node').count();
  out[user + '.logRows'] = await page.getByTestId('log-row').count();
  const inc = await page.evaluate(() => fetch('/api/incidents?state=open').then((r) => r.json()));
  await page.goto(`${base}/incidents/${inc.incidents[0].id}`);
  await page.getByTestId('incident-header').waitFor();
  await page.waitForTimeout(1000);
  out[user + '.ackDisabled'] = await page.getByTestId('ack-button').isDisabled();
  out[user + '.needsOp'] = await page.getByTestId('needs-operator').textContent().catch(() => null);
  out[user + '.noteDisabled'] = await page.getByTestId('note-submit').isDisabled();
}
console.log(out);
await browser.close();
