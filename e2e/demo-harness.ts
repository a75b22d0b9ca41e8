// What an operator starts to try drills: `npm run demo -- --prod --no-auth` (its own sandbox,
// so the Drills page can break it), in a child process on a free port, with Chromium. The
// sandbox's node addresses come from the demo's own printout.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, collectDroppedPayloads } from './harness';

export { droppedPayloads } from './harness';

const root = path.resolve(import.meta.dirname, '..');

export interface Demo {
  url: string;
  /** Sandbox node name (m, r1, r1a, r2) → address, as the demo printed them. */
  nodes: Record<string, string>;
  newPage(): Promise<Page>;
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** `  r1   127.0.0.1:40001    replica of …` lines of the demo's banner. */
function nodesOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^ {2}(\w+)\s+(\d+\.\d+\.\d+\.\d+:\d+)\s+(?:master|replica of)/gm)) out[m[1]!] = m[2]!;
  return out;
}

async function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise((r) => proc.once('exit', r));
}

export async function startDemo(timeoutMs = 120_000): Promise<Demo> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('no production build: run `npx next build` first (npm test does)');
  // The demo's defaults, not a config file from the calling shell.
  const { REPLICAOPS_CONFIG: _ignored, ...inherited } = process.env;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--prod', '--no-auth'], {
    cwd: root,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      REPLICAOPS_POLL_MS: '500',
      REPLICAOPS_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'replicaops-e2e-demo-')),
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /ReplicaOps demo is running: open (\S+)/.exec(output);
      // The node lines follow the URL line in the same banner write.
      if (m && /Sandbox nodes/.test(output) && Object.keys(nodesOf(output)).length >= 4) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before it was ready:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    proc.kill('SIGTERM');
    await exited(proc);
    throw err;
  });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (err) {
    proc.kill('SIGTERM');
    await exited(proc);
    throw err;
  }
  return {
    url,
    nodes: nodesOf(output),
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(collectDroppedPayloads);
      return page;
    },
    output: () => output,
    async stop() {
      await browser.close().catch(() => undefined);
      // The demo stops its dashboard and every sandbox process on SIGTERM.
      proc.kill('SIGTERM');
      await exited(proc);
    },
  };
}
