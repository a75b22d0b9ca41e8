// The UI as an on-call operator meets it: on a phone (390×844) from an alert link, in English and
// Chinese, with a replica down. Pages must fit the screen, keep the header controls in reach,
// never cite internal documents, and show Chinese pages without raw codes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { en } from '../lib/i18n/en';
import { fieldDoc } from '../lib/info/field-docs';
import { startE2E, type E2E } from './harness';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
/** Set E2E_SCREENSHOTS=docs/screenshots to refresh the README's pictures from this run. */
const SHOTS = process.env.E2E_SCREENSHOTS;

type Lang = 'en' | 'zh-CN';

async function open(e: E2E, pathname: string, lang: Lang, viewport = PHONE, theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await e.browser.newContext({ viewport });
  const { hostname } = new URL(e.url);
  await context.addCookies([
    { name: 'replicaops-lang', value: lang, domain: hostname, path: '/' },
    { name: 'replicaops-theme', value: theme, domain: hostname, path: '/' },
  ]);
  const page = await context.newPage();
  await page.goto(`${e.url}${pathname}`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false, timeout: 120_000 });
}

/** Visible text outside code, pre and raw data (translate="no"), plus titles and labels. */
function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const skip = 'code, pre, kbd, samp, script, style, noscript, [translate="no"]';
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (el && !el.closest(skip)) out.push(walker.currentNode.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]'))
      if (!el.closest(skip))
        for (const a of ['title', 'aria-label', 'placeholder']) out.push(el.getAttribute(a) ?? '');
    return out.join('\n');
  });
}

const KEYS = new Set(Object.keys(en));
/** Redis' own names that prose may quote (INFO keyspace keys and memory fields). */
const REDIS_WORDS = new Set(['avg_ttl', 'used_memory_rss', 'used_memory', 'maxmemory_policy']);
const NOT_CODE = /\.(conf|md|log|rdb|aof|com|io|org|json|ya?ml|sh|js|ts)$/;

/** snake_case / dot.case tokens that are ours (keys, ids), not Redis' own field names or files. */
function rawCodes(text: string): string[] {
  const found = new Set<string>();
  for (const token of text.match(/[A-Za-z0-9_.:/-]+/g) ?? []) {
    const t = token.replace(/^[.:]+|[.:]+$/g, '');
    if (/\d+\.\d+\.\d+\.\d+|localhost|\/|:\d+$/.test(t)) continue; // addresses, URLs, paths
    if (KEYS.has(t)) found.add(t);
    else if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(t) && !fieldDoc(t) && !REDIS_WORDS.has(t)) found.add(t);
    else if (/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/.test(t) && !NOT_CODE.test(t)) found.add(t);
  }
  return [...found];
}

async function fitsPhone(page: Page, what: string): Promise<void> {
  // One round trip: on a loaded machine each call into a busy page can take seconds.
  // No named helper inside: the test runner's transpiler would wrap it in a __name() call that
  // does not exist in the page.
  const m = await page.evaluate(() => {
    const [lang, theme, zh, nav] = [
      '[data-testid="lang-switch"]',
      '[data-testid="theme-switch"]',
      '[data-testid="lang-switch"] button[data-locale="zh-CN"]',
      'nav[aria-label]',
    ].map((sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r ? { x: r.x, width: r.width, height: r.height } : null;
    });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, lang, theme, zh, nav };
  });
  assert.ok(m.scrollWidth <= m.innerWidth, `${what}: page is ${m.scrollWidth}px wide on a ${m.innerWidth}px screen`);
  for (const [id, box] of [['lang-switch', m.lang], ['theme-switch', m.theme], ['navigation', m.nav]] as const) {
    assert.ok(box, `${what}: ${id} is not rendered`);
    assert.ok(box.x >= 0 && box.x + box.width <= m.innerWidth, `${what}: ${id} is off-screen (x=${box.x}, width=${box.width})`);
  }
  // "中文" on one line: the button is no taller than the switch's single row.
  assert.ok(m.zh && m.zh.height <= 32, `${what}: the 中文 button wraps (${m.zh?.height}px tall)`);
}

describe('the UI at phone width, in both languages, with a replica down', () => {
  let e: E2E;
  let incidentId = '';
  let r1 = '';
  let r2 = '';
  const pages = () => ['/', `/nodes/${encodeURIComponent(r1)}`, `/nodes/${encodeURIComponent(r2)}`, '/incidents', `/incidents/${encodeURIComponent(incidentId)}`, '/alerts', '/consistency', '/drills', '/audit'];

  before(async () => {
    e = await startE2E();
    r1 = e.sandbox.node('r1').id;
    r2 = e.sandbox.node('r2').id;
    await e.sandbox.kill('r2');
    const deadline = Date.now() + 20_000;
    while (!incidentId && Date.now() < deadline) {
      const body = (await (await fetch(`${e.url}/api/incidents`)).json()) as { incidents: Array<{ id: string; state: string }> };
      incidentId = body.incidents.find((i) => i.state === 'open')?.id ?? '';
      if (!incidentId) await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(incidentId, 'killing r2 opened an incident');
  });
  after(() => e?.stop());

  test('overview, node page and incident page fit 390×844 with the header controls on screen', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const overview = await open(e, '/', lang);
      await overview.locator(`[data-testid="topology-node"][data-node-id="${r2}"][data-reachable="false"]`).waitFor({ timeout: 15_000 });
      // The tree stacks vertically: every replica card is on screen, none in a side scroller.
      for (const n of e.sandbox.nodes) {
        const box = await overview.locator(`[data-testid="topology-node"][data-node-id="${n.id}"]`).boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${lang}: ${n.id} card off-screen`);
      }
      await fitsPhone(overview, `${lang} overview`);
      await shot(overview, `phone-overview-${lang}`);
      await overview.context().close();

      const node = await open(e, `/nodes/${encodeURIComponent(r1)}`, lang);
      await node.locator('[data-testid="info-field-row"]').first().waitFor({ timeout: 15_000 });
      await fitsPhone(node, `${lang} node page`);
      await node.context().close();

      const incident = await open(e, `/incidents/${encodeURIComponent(incidentId)}`, lang);
      await incident.locator('[data-testid="timeline-entry"]').first().waitFor({ timeout: 15_000 });
      await fitsPhone(incident, `${lang} incident page`);
      await incident.context().close();
    }
  });

  test('no page, in either language, cites "seed" or "§"', async () => {
    for (const lang of ['en', 'zh-CN'] as const)
      for (const p of pages()) {
        const page = await open(e, p, lang, DESKTOP);
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await page.waitForTimeout(1500); // live data (findings, remedies) arrives over the socket
        // What a person can read: rendered text and the words in tooltips, labels and options
        // (not script URLs: a bundle chunk may be named after a source file).
        const html = await page.evaluate(() => {
          const attrs = [...document.body.querySelectorAll('*')]
            .filter((el) => !el.closest('script, style'))
            .flatMap((el) => ['title', 'aria-label', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''));
          return `${document.body.innerText}\n${attrs.join('\n')}`;
        });
        assert.ok(!/seed/i.test(html), `${lang} ${p} says "seed": …${/.{0,60}seed.{0,60}/is.exec(html)?.[0]}…`);
        assert.ok(!html.includes('§'), `${lang} ${p} shows "§": …${/.{0,60}§.{0,60}/s.exec(html)?.[0]}…`);
        await page.context().close();
      }
  });

  test('Chinese pages show no dictionary key and no raw snake_case or dot.case code outside code and addresses', async () => {
    for (const p of pages()) {
      const page = await open(e, p, 'zh-CN', DESKTOP);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(1500);
      const codes = rawCodes(await readableText(page));
      assert.deepEqual(codes, [], `zh-CN ${p}`);
      if (p === `/nodes/${encodeURIComponent(r1)}`) await shot(page, 'node-zh-CN');
      await page.context().close();
    }
  });

  test('README screenshots: the overview in light and dark', async () => {
    if (!SHOTS) return;
    for (const theme of ['light', 'dark'] as const) {
      const page = await open(e, '/', 'en', DESKTOP, theme);
      await page.locator('[data-testid="topology-node"]').nth(3).waitFor();
      await page.waitForTimeout(3000);
      await shot(page, `overview-${theme}`);
      await page.context().close();
    }
  });

  test('a repair result stays on screen after its finding resolves, until the operator closes it', async () => {
    const page = await open(e, '/', 'en', DESKTOP);
    const client = await e.sandbox.client('r1');
    await client.config('SET', 'replica-read-only', 'no');
    const finding = page.locator('[data-testid="finding"][data-kind="replica_writable"]');
    await finding.waitFor({ timeout: 15_000 });
    await finding.locator('[data-testid="finding-fix"]').click({ timeout: 120_000 });
    const dialog = page.locator('[data-testid="action-dialog"]');
    await dialog.waitFor({ timeout: 60_000 });
    await dialog.locator('[data-testid="preflight-check"]').first().waitFor({ timeout: 90_000 });
    await dialog.locator('[data-testid="action-execute"]').click({ timeout: 120_000 });
    const result = dialog.locator('[data-testid="action-result"]');
    await result.waitFor({ timeout: 90_000 });
    assert.equal(await result.getAttribute('data-state'), 'succeeded');
    // The fix worked, so the finding resolves and its Fix button goes away…
    await page.waitForFunction(() => !document.querySelector('[data-testid="finding"][data-kind="replica_writable"] [data-testid="finding-fix"]'), undefined, { timeout: 20_000 });
    await page.waitForTimeout(1500);
    // …and the verified result is still there.
    assert.ok(await result.isVisible(), 'the result vanished with its finding');
    await page.context().close();
  });
});
