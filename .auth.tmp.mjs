import { chromium } from 'playwright-core';
const base = 'http://localhost:3917';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await ctx.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
const out = {};
await page.goto(`${base}/incidents?state=open`);
out.redirected = page.url();
await page.getByTestId('login-form').waitFor();
await page.screenshot({ path: '/tmp/shots/login.png' });
// wrong password
await page.fill('input[name=username]', 'ada');
await page.fill('input[name=password]', 'nope');
await page.getByTestId('login-submit').click();
await page.getByTestId('login-error').waitFor();
out.err401 = await page.getByTestId('login-error').textContent();
// rate limit on another user
for (let i = 0; i < 6; i++) {
  await page.fill('input[name=username]', 'mallory');
  await page.fill('input[name=password]', 'x' + i);
  await page.getByTestId('login-submit').click({ timeout: 3000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}
out.err429 = await page.getByTestId('login-error').textContent();
out.reason = await page.getByTestId('login-error').getAttribute('data-reason');
out.submitDisabled = await page.getByTestId('login-submit').isDisabled();
await page.screenshot({ path: '/tmp/shots/login429.png' });
// success
await page.fill('input[name=username]', 'ada');
await page.fill('input[name=password]', 'secret-pw');
await page.getByTestId('login-submit').click().catch((e) => (out.clickErr = e.message));
await page.waitForURL(/\/incidents\?state=open/, { timeout: 10000 }).catch(() => undefined);
out.afterLogin = page.url();
console.log(JSON.stringify(out));
await page.screenshot({ path: '/tmp/shots/afterlogin.png' });
await page.getByTestId('user-menu').waitFor();
out.user = await page.getByTestId('user-menu').textContent();
out.readOnly = await page.getByTestId('read-only-banner').count();
out.authOff = await page.getByTestId('auth-off-banner').count();
await page.screenshot({ path: '/tmp/shots/loggedin.png' });
// unsafe next
await page.goto(`${base}/login?next=//evil.example/x`);
await page.getByTestId('login-form').waitFor();
out.signedInNotice = await page.getByRole('status').allTextContents();
out.continueHref = await page.getByRole('link', { name: 'Continue to the dashboard' }).getAttribute('href');
// logout
await page.goto(`${base}/`);
await page.getByTestId('logout').click();
await page.waitForURL(/\/login/, { timeout: 10000 });
out.afterLogout = page.url();
// viewer
await page.fill('input[name=username]', 'vic');
await page.fill('input[name=password]', 'secret-pw');
await page.getByTestId('login-submit').click();
await page.waitForURL(`${base}/`);
await page.getByTestId('user-menu').waitFor();
out.viewer = await page.getByTestId('user-menu').getAttribute('data-role');
// session revoked server-side: the socket is dropped within a minute -> login page
const t0 = Date.now();
await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', headers: { 'X-ReplicaOps-Request': '1' } }));
await page.waitForURL(/\/login\?next=/, { timeout: 80000 }).catch(() => undefined);
out.afterRevoke = page.url();
out.revokeMs = Date.now() - t0;
out.errors = errors;
console.log(JSON.stringify(out, null, 1));
await browser.close();
