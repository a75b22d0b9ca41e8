// `npx tsx scripts/screenshots.ts`: the README's pictures, taken from a real demo (`npm run demo
// -- --no-auth --prod`: a sandbox tree of real redis-server processes) in Debian's Chromium.
// Not part of `npm test`. Needs the production build (`npm run build`); writes docs/screenshots/.
// Order matters: healthy overview (light, dark) → node page in Chinese → a guarded repair and
// its verified result → a replica killed: the phone-width overview and the incident.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const OUT = path.join(root, 'docs', 'screenshots');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const SLOW = 180_000; // a loaded machine renders slowly; nothing here is a speed test

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the demo and reads its URL and node addresses from what it prints. */
async function startDemo(): Promise<{ url: string; nodes: Map<string, string>; stop: () => Promise<void> }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--no-auth', '--prod'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /open (http:\/\/\S+)/.exec(text);
      if (m?.[1] && text.includes('Ctrl-C')) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`demo exited (${code}):\n${text}`)));
  });
  const nodes = new Map<string, string>();
  for (const m of text.matchAll(/^\s+(\w+)\s+(\d+\.\d+\.\d+\.\d+:\d+)\s/gm)) if (m[1] && m[2]) nodes.set(m[1], m[2]);
  const stop = async () => {
    proc.kill('SIGINT');
    await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
  };
  return { url, nodes, stop };
}

async function open(b: Browser, url: string, lang: string, theme: string, viewport = DESKTOP): Promise<Page> {
  const context = await b.newContext({ viewport });
  const { hostname } = new URL(url);
  await context.addCookies([
    { name: 'replicaops-lang', value: lang, domain: hostname, path: '/' },
    { name: 'replicaops-theme', value: theme, domain: hostname, path: '/' },
  ]);
  const page = await context.newPage();
  page.setDefaultTimeout(SLOW);
  await page.goto(url);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  const live = page.locator('[data-testid="live-indicator"]');
  if (await live.count()) await live.and(page.locator('[data-state="live"]')).waitFor();
  await page.waitForTimeout(1500); // let the last live update and chart animation settle
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, timeout: SLOW, animations: 'disabled' });
  process.stdout.write(`wrote ${path.relative(root, file)}\n`);
  await page.context().close();
}

async function redis(address: string): Promise<Redis> {
  const [host, port] = address.split(':');
  const client = new Redis({ host, port: Number(port), lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => undefined); // r2 is shut down on purpose: its reconnect errors are expected
  return client;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const demo = await startDemo();
  const addr = (name: string): string => {
    const a = demo.nodes.get(name);
    if (!a) throw new Error(`the demo printed no node ${name}`);
    return a;
  };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    // Half a minute of live data, so the lag and gap charts have a line to draw.
    await new Promise((r) => setTimeout(r, 30_000));
    for (const theme of ['light', 'dark']) {
      const page = await open(browser, demo.url, 'en', theme);
      await page.locator('[data-testid="topology-node"][data-reachable="true"]').nth(3).waitFor();
      await shot(page, `overview-${theme}`);
    }
    const node = await open(browser, `${demo.url}/nodes/${encodeURIComponent(addr('r1'))}`, 'zh-CN', 'light');
    await node.locator('[data-testid="log-count-summary"]').waitFor();
    await shot(node, 'node-zh-CN');

    // A guarded repair: r1 made writable, the finding's Fix, its plan, preflight and result.
    const r1 = await redis(addr('r1'));
    await r1.config('SET', 'replica-read-only', 'no');
    r1.disconnect();
    const page = await open(browser, demo.url, 'en', 'light');
    const finding = page.locator('[data-testid="finding"][data-kind="replica_writable"]');
    await finding.locator('[data-testid="finding-fix"]').click();
    const dialog = page.locator('[data-testid="action-dialog"]');
    await dialog.locator('[data-testid="preflight-check"]').first().waitFor();
    await dialog.locator('[data-testid="action-execute"]').click();
    await dialog.locator('[data-testid="action-result"][data-state="succeeded"]').waitFor();
    await shot(page, 'repair-result');

    // A replica dies: what the on-call person sees on a phone, then the incident.
    const r2 = await redis(addr('r2'));
    await r2.call('SHUTDOWN', 'NOSAVE').catch(() => undefined); // the connection drops: expected
    r2.disconnect();
    const phone = await open(browser, demo.url, 'en', 'light', PHONE);
    await phone.locator('[data-testid="topology-node"][data-reachable="false"]').waitFor();
    await phone.locator('[data-testid="finding"]').first().waitFor();
    await shot(phone, 'phone-overview');
    const list = await open(browser, `${demo.url}/incidents`, 'en', 'dark');
    await list.locator('[data-testid="incident-row"] a').first().click();
    await list.locator('[data-testid="timeline-entry"]').nth(1).waitFor();
    await shot(list, 'incident-dark');
  } finally {
    await browser.close();
    await demo.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
