// What an operator starts to try drills: `npm run demo -- --prod --no-auth` (its own sandbox,
// so the Drills page can break it), in a child process on a free port, with Chromium. The
// sandbox's node addresses come from the demo's own printout.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertProductionBuild, freePort, launchChromium, type E2EBrowser } from './harness';

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
  assertProductionBuild();
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
  let chrome: E2EBrowser;
  try {
    chrome = await launchChromium();
  } catch (err) {
    proc.kill('SIGTERM');
    await exited(proc);
    throw err;
  }
  return {
    url,
    nodes: nodesOf(output),
    newPage: () => chrome.newPage(),
    output: () => output,
    async stop() {
      await chrome.browser.close().catch(() => undefined);
      // The demo stops its dashboard and every sandbox process on SIGTERM.
      proc.kill('SIGTERM');
      await exited(proc);
    },
  };
}
