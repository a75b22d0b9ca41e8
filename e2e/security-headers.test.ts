// The production pages under the Content-Security-Policy: they hydrate and go live with no
// violation, and no other site can frame them (issue 10, finding 9).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, type E2E } from './harness';

describe('pages under the security headers (production build, real browser)', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.stop());

  test("every page hydrates with its script nonce and goes live; nothing but zod's eval probe is refused", async () => {
    const page = await e.newPage();
    const violations: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (ev) => {
        void (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
          `${ev.violatedDirective} ${ev.blockedURI} ${ev.sourceFile}:${ev.lineNumber}:${ev.columnNumber} ${location.pathname} ${ev.sample}`,
        );
      });
    });
    const res = await page.goto(e.url);
    const headers = res?.headers() ?? {};
    assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['referrer-policy'], 'same-origin');
    // Live over socket.io: only a hydrated page gets there.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="live-indicator"]')?.getAttribute('data-connected') ===
        'true',
    );
    await page.locator('[data-testid="topology-node"]').first().waitFor();
    const r1 = e.sandbox.node('r1');
    await page.goto(`${e.url}/nodes/${encodeURIComponent(r1.id)}`);
    await page.locator('[data-testid="info-field-row"]').first().waitFor();
    for (const path of ['/incidents', '/audit', '/alerts']) {
      await page.goto(e.url + path);
      // Hydrated: React has attached its fiber to the page's elements.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('main, main *')].some((el) =>
          Object.keys(el).some((k) => k.startsWith('__reactFiber')),
        ),
      );
    }
    // zod 4 probes `Function('')` once per page to decide whether to compile its parsers; the
    // CSP refuses it (that is the point of no 'unsafe-eval') and zod falls back to its interpreter.
    // Every other directive must hold without a single refusal.
    assert.deepEqual(
      violations.filter((v) => !v.startsWith('script-src eval ')),
      [],
    );
    assert.deepEqual(
      errors.filter(
        (t) => /hydrat|nonce|Content Security Policy/i.test(t) && !/'unsafe-eval'/.test(t),
      ),
      [],
    );
    assert.ok(
      violations.length <= 5,
      `one eval probe per page load at most: ${violations.join('\n')}`,
    );
    await page.context().close();
  });

  test('another site cannot frame the dashboard', async () => {
    const page = await e.newPage();
    // A page of another origin (about:blank's opener is no origin of ours) embeds the dashboard.
    await page.setContent(`<iframe id="f" src="${e.url}" width="800" height="600"></iframe>`);
    await page.waitForFunction(() => document.querySelector('iframe')?.contentWindow !== null);
    const frame = await (await page.$('#f'))?.contentFrame();
    await frame?.waitForLoadState('load').catch(() => undefined);
    // Chromium replaces a frame refused by frame-ancestors with its error page.
    assert.match(frame?.url() ?? '', /^chrome-error:/);
    assert.equal(await frame?.locator('[data-testid="topology-node"]').count(), 0);
    await page.context().close();
  });
});
