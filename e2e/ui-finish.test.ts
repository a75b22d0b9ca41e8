// The UI as an on-call operator meets it: on a phone (390×844) from an alert link, in English and
// Chinese, with a replica down. Pages must fit the screen, keep the header controls in reach,
// never cite internal documents, and show Chinese pages without raw codes.
// One server, one browser context per language, each page visited once per language and read
// when its own content has arrived (no fixed sleeps): every assertion below reads those visits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { en } from '../lib/i18n/en';
import { zhCN } from '../lib/i18n/zh-CN';
import type { MessageKey } from '../lib/i18n';
import { fieldDoc } from '../lib/info/field-docs';
import { waitFor } from '../server/sandbox';
import { startE2E, type E2E } from './harness';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const READY_MS = 60_000;

type Lang = 'en' | 'zh-CN';

async function open(e: E2E, lang: Lang, viewport = PHONE): Promise<Page> {
  const context = await e.browser.newContext({ viewport });
  const { hostname } = new URL(e.url);
  await context.addCookies([{ name: 'replicaops-lang', value: lang, domain: hostname, path: '/' }]);
  return context.newPage();
}

/** What tells that a page's own data has arrived: elements that must be there, words that must not. */
interface Ready {
  present: string[];
  /** Loading messages (dictionary keys) that must be gone. */
  gone?: MessageKey[];
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

interface Box {
  x: number;
  width: number;
  height: number;
}

/** One page as read in one visit. */
interface Visit {
  path: string;
  scrollWidth: number;
  innerWidth: number;
  controls: Record<'lang-switch' | 'theme-switch' | 'navigation' | 'zh', Box | null>;
  /** Every word a person can read or hear: all text (hidden parts too) and titles, labels, alts. */
  allText: string;
  /** The same outside code, pre and raw data (translate="no"). */
  readable: string;
}

// One round trip per page: on a loaded machine each call into a busy page can take seconds.
// No named helper inside: the test runner's transpiler would wrap it in a __name() call that
// does not exist in the page.
function read(page: Page): Promise<Omit<Visit, 'path'>> {
  return page.evaluate(() => {
    const [lang, theme, nav, zh] = [
      '[data-testid="lang-switch"]',
      '[data-testid="theme-switch"]',
      'nav[aria-label]',
      '[data-testid="lang-switch"] button[data-locale="zh-CN"]',
    ].map((sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r ? { x: r.x, width: r.width, height: r.height } : null;
    });
    const code = 'code, pre, kbd, samp, [translate="no"]';
    const all: string[] = [];
    const readable: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (!el || el.closest('script, style, noscript')) continue;
      const text = walker.currentNode.textContent ?? '';
      all.push(text);
      if (!el.closest(code)) readable.push(text);
    }
    for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      if (el.closest('script, style')) continue;
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(a) ?? '';
        all.push(v);
        if (!el.closest(code)) readable.push(v);
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      controls: { 'lang-switch': lang ?? null, 'theme-switch': theme ?? null, navigation: nav ?? null, zh: zh ?? null },
      allText: all.join('\n'),
      readable: readable.join('\n'),
    };
  });
}

describe('the UI at phone width, in both languages, with a replica down', () => {
  let e: E2E;
  let incidentId = '';
  let r1 = '';
  let r2 = '';
  const node = (id: string) => `/nodes/${encodeURIComponent(id)}`;

  function pages(): Array<[string, Ready]> {
    return [
      ['/', { present: [`[data-testid="topology-node"][data-node-id="${r2}"][data-reachable="false"]`, '[data-testid="finding"]'] }],
      [node(r1), { present: ['[data-testid="info-field-row"]', '[data-testid="log-count-summary"]'] }],
      [node(r2), { present: ['[data-testid="node-header"]', '[data-testid="log-count-summary"]'] }],
      ['/incidents', { present: ['[data-testid="incident-row"]'] }],
      [`/incidents/${encodeURIComponent(incidentId)}`, { present: ['[data-testid="timeline-entry"]'] }],
      ['/alerts', { present: ['[data-testid="webhooks-panel"] p', '[data-testid="deliveries-empty"], [data-testid="delivery-row"]'], gone: ['alerts.loading'] }],
      ['/consistency', { present: [`[data-testid="check-replica"] option[data-reachable="false"]`, '[data-testid="heartbeat-off"], [data-testid="heartbeat-chart"]'] }],
      ['/drills', { present: ['[data-testid="drill-scenario"]'] }],
      ['/audit', { present: ['[data-testid="audit-row"]'] }],
      ['/reports', { present: ['[data-testid="report-summary"]'] }],
    ];
  }

  /** Each page once per language, at phone width; memoized so every test reads the same visits. */
  const visits = new Map<Lang, Promise<Visit[]>>();
  function visitAll(lang: Lang): Promise<Visit[]> {
    let v = visits.get(lang);
    if (!v) {
      v = (async () => {
        const page = await open(e, lang);
        const dict = lang === 'en' ? en : zhCN;
        const out: Visit[] = [];
        try {
          for (const [path, ready] of pages()) {
            await page.goto(`${e.url}${path}`);
            for (const sel of ready.present)
              await page.locator(sel).first().waitFor({ state: 'attached', timeout: READY_MS }).catch((err: Error) => {
                throw new Error(`${lang} ${path}: ${sel} never appeared (${err.message.split('\n')[0]})`);
              });
            const gone = (ready.gone ?? []).map((k) => dict[k]);
            if (gone.length)
              await page.waitForFunction((words) => words.every((w) => !document.body.innerText.includes(w)), gone, { timeout: READY_MS });
            if (path === '/')
              // The tree stacks vertically: every replica card is on screen, none in a side scroller.
              for (const n of e.sandbox.nodes) {
                const box = await page.locator(`[data-testid="topology-node"][data-node-id="${n.id}"]`).boundingBox();
                assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${lang}: ${n.id} card off-screen`);
              }
            out.push({ path, ...(await read(page)) });
          }
        } finally {
          await page.context().close();
        }
        return out;
      })();
      visits.set(lang, v);
    }
    return v;
  }

  before(async () => {
    e = await startE2E();
    r1 = e.sandbox.node('r1').id;
    r2 = e.sandbox.node('r2').id;
    await e.sandbox.kill('r2');
    await waitFor(
      async () => {
        const body = (await (await fetch(`${e.url}/api/incidents`)).json()) as { incidents: Array<{ id: string; state: string }> };
        incidentId = body.incidents.find((i) => i.state === 'open')?.id ?? '';
        return incidentId !== '';
      },
      30_000,
      { what: 'killing r2 opens an incident' },
    );
  });
  after(() => e?.stop());

  // First, so the audit page and the timelines scanned below hold a real run.
  test('a repair result stays on screen after its finding resolves, until the operator closes it', async () => {
    const page = await open(e, 'en', DESKTOP);
    await page.goto(e.url);
    const client = await e.sandbox.client('r1');
    await client.config('SET', 'replica-read-only', 'no');
    const finding = page.locator('[data-testid="finding"][data-kind="replica_writable"]');
    await finding.waitFor({ timeout: 30_000 });
    await finding.locator('[data-testid="finding-fix"]').click({ timeout: 120_000 });
    const dialog = page.locator('[data-testid="action-dialog"]');
    await dialog.waitFor({ timeout: 60_000 });
    await dialog.locator('[data-testid="preflight-check"]').first().waitFor({ timeout: 90_000 });
    await dialog.locator('[data-testid="action-execute"]').click({ timeout: 120_000 });
    const result = dialog.locator('[data-testid="action-result"]');
    await result.waitFor({ timeout: 90_000 });
    assert.equal(await result.getAttribute('data-state'), 'succeeded');
    // The fix worked, so the finding resolves and leaves the list (that used to close the dialog)…
    await page.waitForFunction(() => !document.querySelector('[data-testid="finding"][data-kind="replica_writable"]'), undefined, { timeout: 30_000 });
    // …and the verified result is still there.
    assert.ok(await result.isVisible(), 'the result vanished with its finding');
    await page.context().close();
  });

  test('every page fits 390×844 with the header controls on screen, in both languages', async () => {
    for (const lang of ['en', 'zh-CN'] as const)
      for (const v of await visitAll(lang)) {
        const what = `${lang} ${v.path}`;
        assert.ok(v.scrollWidth <= v.innerWidth, `${what}: page is ${v.scrollWidth}px wide on a ${v.innerWidth}px screen`);
        for (const id of ['lang-switch', 'theme-switch', 'navigation'] as const) {
          const box = v.controls[id];
          assert.ok(box, `${what}: ${id} is not rendered`);
          assert.ok(box.x >= 0 && box.x + box.width <= v.innerWidth, `${what}: ${id} is off-screen (x=${box.x}, width=${box.width})`);
        }
        // "中文" on one line: the button is no taller than the switch's single row.
        const zh = v.controls.zh;
        assert.ok(zh && zh.height <= 32, `${what}: the 中文 button wraps (${zh?.height}px tall)`);
      }
  });

  test('no page, in either language, cites "seed" or "§"', async () => {
    for (const lang of ['en', 'zh-CN'] as const)
      for (const { path, allText } of await visitAll(lang)) {
        assert.ok(!/seed/i.test(allText), `${lang} ${path} says "seed": …${/.{0,60}seed.{0,60}/is.exec(allText)?.[0]}…`);
        assert.ok(!allText.includes('§'), `${lang} ${path} shows "§": …${/.{0,60}§.{0,60}/s.exec(allText)?.[0]}…`);
      }
  });

  test('Chinese pages show no dictionary key and no raw snake_case or dot.case code outside code and addresses', async () => {
    for (const { path, readable } of await visitAll('zh-CN')) assert.deepEqual(rawCodes(readable), [], `zh-CN ${path}`);
  });
});
