// End-to-end harness: a real sandbox topology, the production server (`next build` output
// served by server/main.ts in its own process, as `npm start` does) and Debian's Chromium
// driven by Playwright.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hashPassword } from '../server/auth/password';
import { rootLogger } from '../server/logger';
import { startSandbox, startSentinels, waitFor, type Sandbox, type SandboxSentinels, type SentinelOptions, type ShapeEntry } from '../server/sandbox';

const root = path.resolve(import.meta.dirname, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E {
  sandbox: Sandbox;
  /** With `sentinels` in the options: 3 real Sentinels, the server seeded with the first. */
  sentinels?: SandboxSentinels;
  url: string;
  browser: Browser;
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** In the page: keeps every socket payload the UI dropped for breaking the contract. */
export function collectDroppedPayloads(): void {
  const w = window as Window & { droppedPayloads?: unknown[] };
  w.droppedPayloads = [];
  window.addEventListener('replicaops:dropped-payload', (e) => w.droppedPayloads?.push((e as CustomEvent).detail));
}

/** What the page dropped so far (see `collectDroppedPayloads`); [] when every payload parsed. */
export function droppedPayloads(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as Window & { droppedPayloads?: unknown[] }).droppedPayloads ?? []);
}

/** Fails fast, with the fix, when there is no `next build` output to serve. */
export function assertProductionBuild(): void {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('no production build: run `npx next build` first (npm test does)');
}

export interface E2EBrowser {
  browser: Browser;
  /** A fresh context (1400×900) whose page records dropped socket payloads. */
  newPage(): Promise<Page>;
}

/** Debian's Chromium, headless, as every e2e file drives it (harness.ts and demo-harness.ts). */
export async function launchChromium(): Promise<E2EBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(collectDroppedPayloads);
      return page;
    },
  };
}

export interface E2EOptions {
  /** Users with these passwords (auth on); without it auth is off. */
  users?: Array<{ username: string; password: string; role: 'viewer' | 'operator' | 'admin' }>;
  sentinels?: SentinelOptions;
  /** Another sandbox tree than the default 4 nodes (e.g. 61 nodes for the compact overview). */
  shape?: ShapeEntry[];
}

export async function startProductionServer(seeds: string[], logFiles: Array<[string, string]>, opts: E2EOptions): Promise<{ url: string; proc: ChildProcess; output: () => string }> {
  assertProductionBuild();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-e2e-'));
  const configFile = path.join(dataDir, 'config.json');
  const users = await Promise.all(
    (opts.users ?? []).map(async (u) => ({ username: u.username, role: u.role, passwordHash: await hashPassword(u.password) })),
  );
  writeFileSync(
    configFile,
    JSON.stringify({ logs: logFiles.map(([node, file]) => ({ node, file })), ...(users.length ? { auth: { users } } : {}) }),
  );
  let output = '';
  // What `npm start` runs: the compiled server (dist/server.js), else the TypeScript source.
  const compiled = path.join(root, 'dist', 'server.js');
  const entry = existsSync(compiled) ? ['--enable-source-maps', compiled] : ['--import', 'tsx', 'server/main.ts'];
  const proc = spawn(process.execPath, entry, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      REPLICAOPS_SEEDS: seeds.join(','),
      REPLICAOPS_POLL_MS: '500',
      REPLICAOPS_DATA_DIR: dataDir,
      REPLICAOPS_CONFIG: configFile,
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // localhost, not 127.0.0.1: the dashboard prints and serves that origin.
  const url = `http://localhost:${port}`;
  await waitFor(async () => (await fetch(`${url}/healthz`)).ok, 60_000, { what: `server on ${url}` }).catch((err: Error) => {
    proc.kill('SIGKILL');
    throw new Error(`${err.message}\n${output}`);
  });
  return { url, proc, output: () => output };
}

export async function startE2E(opts: E2EOptions = {}): Promise<E2E> {
  rootLogger.level = 'warn';
  const sandbox = await startSandbox({
    writeLoad: { opsPerSec: 50 },
    redisServerBin: process.env.REDIS_SERVER_BIN,
    ...(opts.shape ? { shape: opts.shape, masterPersistence: 'none' as const, timeoutMs: 90_000 } : {}),
  });
  let server: Awaited<ReturnType<typeof startProductionServer>> | undefined;
  let chrome: E2EBrowser | undefined;
  let sentinels: SandboxSentinels | undefined;
  try {
    if (opts.sentinels) sentinels = await startSentinels(sandbox, { redisServerBin: process.env.REDIS_SERVER_BIN, ...opts.sentinels });
    server = await startProductionServer(sentinels ? [sentinels.seed([0])] : sandbox.seeds().slice(0, 1), sandbox.nodes.map((n) => [n.id, n.logFile]), opts);
    chrome = await launchChromium();
  } catch (err) {
    server?.proc.kill('SIGKILL');
    await sentinels?.stop();
    await sandbox.stop();
    throw err;
  }
  const s = server;
  const b = chrome;
  return {
    sandbox,
    ...(sentinels ? { sentinels } : {}),
    url: s.url,
    browser: b.browser,
    newPage: () => b.newPage(),
    async stop() {
      await b.browser.close().catch(() => undefined);
      s.proc.kill('SIGTERM');
      await new Promise((r) => (s.proc.exitCode !== null ? r(null) : s.proc.once('exit', r)));
      await sentinels?.stop();
      await sandbox.stop();
    },
  };
}
